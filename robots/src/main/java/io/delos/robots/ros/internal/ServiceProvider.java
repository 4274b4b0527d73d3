package io.delos.robots.ros.internal;

import io.delos.robots.ros.ServiceException;
import io.delos.robots.ros.ServiceResponseBuilder;
import io.delos.robots.ros.ServiceServer;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSerializer;
import io.delos.robots.ros.message.ServiceSpec;
import io.delos.robots.ros.message.ServiceType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service this node offers: answers probes, checks the MD5, and serves one call per connection,
 * or many on a persistent one.
 *
 * @param <Q> the request type users see
 * @param <S> the response type users see
 */
final class ServiceProvider<Q, S> implements ServiceServer<Q, S> {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProvider.class);

  final String name;
  final ServiceSpec spec;
  private final ServiceType<Q, S> type;
  private final ServiceResponseBuilder<Q, S> builder;
  private final RosNode node;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private volatile boolean closed;

  ServiceProvider(
      RosNode node,
      String name,
      ServiceSpec spec,
      ServiceType<Q, S> type,
      ServiceResponseBuilder<Q, S> builder) {
    this.node = node;
    this.name = name;
    this.spec = spec;
    this.type = type;
    this.builder = builder;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getType() {
    return spec.type();
  }

  @Override
  public URI getUri() {
    return node.serviceUri();
  }

  @Override
  public void shutdown() {
    node.removeService(this);
  }

  void close() {
    closed = true;
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.trace("closing service connection", e);
      }
    }
  }

  Stats stats() {
    return new Stats(calls.get(), bytesIn.get(), bytesOut.get());
  }

  /** Call counters for {@code getBusStats}. */
  record Stats(long calls, long bytesIn, long bytesOut) {}

  /** Serves a client that sent {@code header}; runs on the connection's thread. */
  void serve(Socket socket, Map<String, String> header) throws IOException {
    open.add(socket);
    try (socket) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      String md5 = header.get("md5sum");
      String caller = header.getOrDefault("callerid", "unknown");
      if (md5 == null || !(md5.equals("*") || md5.equals(spec.md5()))) {
        ConnectionHeader.write(
            out,
            Map.of(
                "error",
                "request from ["
                    + caller
                    + "]: md5sums do not match: ["
                    + md5
                    + "] vs. ["
                    + spec.md5()
                    + "]"));
        return;
      }
      Map<String, String> reply = new LinkedHashMap<>();
      reply.put("callerid", node.getName());
      reply.put("md5sum", spec.md5());
      reply.put("request_type", spec.request().type());
      reply.put("response_type", spec.response().type());
      reply.put("type", spec.type());
      ConnectionHeader.write(out, reply);
      if ("1".equals(header.get("probe"))) {
        return;
      }
      boolean persistent = "1".equals(header.get("persistent"));
      socket.setSoTimeout(0);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      do {
        byte[] request;
        try {
          request = Frames.readFrame(in);
        } catch (EOFException e) {
          return;
        }
        bytesIn.addAndGet(request.length + 4L);
        byte[] answer = answer(request);
        out.write(answer);
        out.flush();
        bytesOut.addAndGet(answer.length);
        calls.incrementAndGet();
      } while (persistent && !closed);
    } finally {
      open.remove(socket);
    }
  }

  /** The bytes of the reply: ok byte, length, and the response or the error text. */
  private byte[] answer(byte[] requestBytes) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try {
      Message request = MessageSerializer.deserialize(spec.request(), requestBytes);
      Message response = new Message(spec.response());
      Q q = type.request().wrap().apply(request);
      S s = type.response().wrap().apply(response);
      builder.build(q, s);
      byte[] body = MessageSerializer.serialize(type.response().unwrap().apply(s));
      b.write(1);
      Frames.writeFrame(b, body);
    } catch (ServiceException e) {
      writeError(b, e.getMessage());
    } catch (RuntimeException e) {
      LOG.debug("service {} failed", name, e);
      writeError(b, "error processing request: " + e);
    }
    return b.toByteArray();
  }

  private static void writeError(java.io.ByteArrayOutputStream b, String message)
      throws IOException {
    b.reset();
    b.write(0);
    Frames.writeFrame(b, String.valueOf(message).getBytes(StandardCharsets.UTF_8));
  }
}
