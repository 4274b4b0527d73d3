package io.delos.robots.ros.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TCPROS server: accepts connections, reads the connection header and hands topic
 * subscribers to the publication and service clients to the service.
 */
final class TcpRosServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpRosServer.class);

  private final ServerSocket server;
  private final RosNode node;
  private volatile boolean closed;

  private TcpRosServer(ServerSocket server, RosNode node) {
    this.server = server;
    this.node = node;
  }

  static TcpRosServer start(String bindAddress, RosNode node) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(bindAddress, 0), 64);
    TcpRosServer t = new TcpRosServer(s, node);
    Threads.start("ros-tcpros-accept-" + s.getLocalPort(), t::acceptLoop);
    return t;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.debug("TCPROS accept failed", e);
        }
        continue;
      }
      Threads.start("ros-tcpros-in-" + s.getPort(), () -> handle(s));
    }
  }

  private void handle(Socket s) {
    try {
      s.setSoTimeout((int) node.config().rpcTimeout().toMillis());
      Map<String, String> header = ConnectionHeader.read(s.getInputStream());
      if (header.containsKey("topic")) {
        node.acceptSubscriber(s, header);
      } else if (header.containsKey("service")) {
        node.acceptServiceClient(s, header);
      } else {
        ConnectionHeader.write(
            s.getOutputStream(),
            Map.of("error", "connection header has neither 'topic' nor 'service'"));
        s.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("TCPROS connection from {} failed: {}", s.getRemoteSocketAddress(), e.toString());
      try {
        s.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.trace("closing TCPROS server", e);
    }
  }
}
