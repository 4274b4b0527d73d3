package io.delos.robots.ros.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XML-RPC server on the JDK's HTTP server: every POST, on any path, is a call for the handler.
 *
 * <p>Threading: calls run on a small pool of daemon threads, concurrently.
 */
public final class XmlRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(XmlRpcServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private XmlRpcServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a server.
   *
   * @param bindHost the address to listen on, for example {@code "0.0.0.0"}
   * @param port the port, 0 for any free one
   * @param threads threads that run calls, >= 1
   * @param name names the threads, for thread dumps
   * @param handler answers the calls
   * @throws IOException when the port cannot be bound
   */
  public static XmlRpcServer start(
      String bindHost, int port, int threads, String name, XmlRpcHandler handler)
      throws IOException {
    Objects.requireNonNull(handler, "handler");
    HttpServer http = HttpServer.create(new InetSocketAddress(bindHost, port), 64);
    ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon(name));
    http.setExecutor(pool);
    http.createContext("/", exchange -> serve(exchange, handler));
    http.start();
    return new XmlRpcServer(http, pool);
  }

  private static void serve(HttpExchange exchange, XmlRpcHandler handler) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String reply;
      try (InputStream in = exchange.getRequestBody()) {
        XmlRpcCall call = XmlRpcCodec.decodeCall(in);
        reply = XmlRpcCodec.encodeResponse(handler.handle(call.method(), call.params()));
      } catch (XmlRpcFault f) {
        reply = XmlRpcCodec.encodeFault(f.code(), f.getMessage());
      } catch (RuntimeException e) {
        LOG.debug("XML-RPC call failed", e);
        reply = XmlRpcCodec.encodeFault(1, "internal error: " + e);
      }
      byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The server's URI as peers reach it through {@code publicHost}. */
  public URI uri(String publicHost) {
    return URI.create("http://" + Hosts.forUri(publicHost) + ":" + port() + "/");
  }

  /** Stops accepting calls and ends the threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
