package io.delos.robots.ros.internal;

import io.delos.robots.ros.RosRpcException;
import io.delos.robots.ros.ServiceClient;
import io.delos.robots.ros.ServiceException;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSerializer;
import io.delos.robots.ros.message.ServiceSpec;
import io.delos.robots.ros.message.ServiceType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client of one service: looks the service up with the master and calls it over TCPROS.
 *
 * @param <Q> the request type users see
 * @param <S> the response type users see
 */
final class ServiceCaller<Q, S> implements ServiceClient<Q, S> {
  private final RosNode node;
  private final String name;
  private final ServiceSpec spec;
  private final ServiceType<Q, S> type;
  private final boolean persistent;
  private Connection connection;

  private record Connection(Socket socket, InputStream in, OutputStream out) {}

  ServiceCaller(
      RosNode node, String name, ServiceSpec spec, ServiceType<Q, S> type, boolean persistent) {
    this.node = node;
    this.name = name;
    this.spec = spec;
    this.type = type;
    this.persistent = persistent;
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
  public Q newMessage() {
    return type.request().wrap().apply(new Message(spec.request()));
  }

  @Override
  public S call(Q request) throws ServiceException {
    Message m = type.request().unwrap().apply(request);
    if (!m.spec().md5().equals(spec.request().md5())) {
      throw new IllegalArgumentException(
          "request of type "
              + m.type()
              + " for service "
              + name
              + " of type "
              + spec.type()
              + ": needs a "
              + spec.request().type());
    }
    byte[] body = MessageSerializer.serialize(m);
    if (!persistent) {
      Connection c = open();
      try {
        return exchange(c, body);
      } finally {
        closeQuietly(c);
      }
    }
    synchronized (this) {
      boolean reused = connection != null;
      if (!reused) {
        connection = open();
      }
      try {
        return exchange(connection, body);
      } catch (ServiceException e) {
        boolean broken = e.getCause() instanceof IOException;
        if (broken) {
          closeQuietly(connection);
          connection = null;
        }
        if (!broken || !reused) {
          throw e;
        }
      }
      // The kept connection broke (the server restarted or dropped it): look the service up again.
      connection = open();
      try {
        return exchange(connection, body);
      } catch (ServiceException e) {
        if (e.getCause() instanceof IOException) {
          closeQuietly(connection);
          connection = null;
        }
        throw e;
      }
    }
  }

  @Override
  public CompletableFuture<S> callAsync(Q request) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return call(request);
          } catch (ServiceException e) {
            throw new CompletionException(e);
          }
        },
        node.background());
  }

  @Override
  public synchronized void shutdown() {
    if (connection != null) {
      closeQuietly(connection);
      connection = null;
    }
  }

  private S exchange(Connection c, byte[] body) throws ServiceException {
    try {
      Frames.writeFrame(c.out(), body);
      c.out().flush();
      int ok = c.in().read();
      if (ok < 0) {
        throw new java.io.EOFException("the server closed the connection before answering");
      }
      byte[] answer = Frames.readFrame(c.in());
      if (ok != 1) {
        throw new ServiceException(new String(answer, StandardCharsets.UTF_8));
      }
      Message response = MessageSerializer.deserialize(spec.response(), answer);
      return type.response().wrap().apply(response);
    } catch (IOException e) {
      throw new ServiceException("call of service " + name + " failed: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new ServiceException("service " + name + " sent an undecodable response: " + e, e);
    }
  }

  private Connection open() throws ServiceException {
    URI uri;
    try {
      uri = node.getMasterClient().lookupService(name);
    } catch (RosRpcException e) {
      throw new ServiceException("service " + name + " is not registered with the master", e);
    } catch (UncheckedIOException e) {
      throw new ServiceException("cannot look up service " + name + ": " + e.getMessage(), e);
    }
    if (!"rosrpc".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new ServiceException("service " + name + " has an unusable address " + uri);
    }
    Socket s = new Socket();
    try {
      int timeout = (int) node.config().rpcTimeout().toMillis();
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeout);
      s.setTcpNoDelay(true);
      s.setSoTimeout(timeout);
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      Map<String, String> header = new LinkedHashMap<>();
      header.put("callerid", node.getName());
      header.put("service", name);
      header.put("md5sum", spec.md5());
      header.put("type", spec.type());
      if (persistent) {
        header.put("persistent", "1");
      }
      ConnectionHeader.write(out, header);
      InputStream in = new BufferedInputStream(s.getInputStream());
      Map<String, String> answer = ConnectionHeader.read(in);
      if (answer.containsKey("error")) {
        s.close();
        throw new ServiceException(
            "service " + name + " refused the connection: " + answer.get("error"));
      }
      // Limitation: a call waits at most six RPC timeouts (30 s by default) for the answer; longer
      // handlers need a larger NodeConfiguration.rpcTimeout.
      s.setSoTimeout(timeout * 6);
      return new Connection(s, in, out);
    } catch (IOException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new ServiceException("cannot connect to service " + name + " at " + uri + ": " + e, e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.socket().close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
