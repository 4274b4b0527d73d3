package io.delos.robots.ros.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An XML-RPC client on the JDK's HTTP client (HTTP/1.1, as ROS 1 peers expect).
 *
 * <p>A call that fails with an I/O error other than a timeout is sent once more on a fresh
 * connection, because a pooled connection to a peer that restarted fails on first use; the ROS
 * master and slave calls are safe to repeat.
 *
 * <p>Threading: safe for concurrent use.
 */
public final class XmlRpcClient {
  private final HttpClient http;
  private final Duration requestTimeout;

  /**
   * Creates a client.
   *
   * @param connectTimeout limit for opening a connection
   * @param requestTimeout limit for a whole call
   */
  public XmlRpcClient(Duration connectTimeout, Duration requestTimeout) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
            .build();
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /**
   * Calls {@code method} at {@code uri}.
   *
   * @return the result value (see {@link XmlRpcCodec} for the Java types)
   * @throws IOException when the server cannot be reached or answers with an HTTP error
   * @throws XmlRpcFault when the server answers with a fault
   */
  public Object call(URI uri, String method, Object... params) throws IOException, XmlRpcFault {
    String body = XmlRpcCodec.encodeCall(method, List.of(params));
    HttpRequest request =
        HttpRequest.newBuilder(httpUri(uri))
            .timeout(requestTimeout)
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = send(request);
    } catch (HttpTimeoutException e) {
      throw e;
    } catch (IOException e) {
      response = send(request);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(
            "XML-RPC " + method + " at " + uri + ": HTTP status " + response.statusCode());
      }
      return XmlRpcCodec.decodeResponse(in);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while calling " + request.uri());
    }
  }

  /** The URI with a path of at least {@code /}, as HTTP requires. */
  static URI httpUri(URI uri) {
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      return uri.resolve("/");
    }
    return uri;
  }
}
