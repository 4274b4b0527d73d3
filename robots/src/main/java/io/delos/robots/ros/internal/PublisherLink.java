package io.delos.robots.ros.internal;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSerializer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's link to one publisher node: asks the publisher for a TCPROS endpoint with {@code
 * requestTopic}, connects, reads messages, and reconnects with back-off while the master still
 * lists the publisher.
 */
final class PublisherLink {
  private static final Logger LOG = LoggerFactory.getLogger(PublisherLink.class);

  final int id;
  final String publisherUri;
  private final TopicSubscription subscription;
  private final RosNode node;
  private final AtomicLong bytesReceived = new AtomicLong();
  private volatile boolean wanted = true;
  private volatile boolean closed;
  private volatile boolean connected;
  private volatile String publisherId = "";
  private volatile Socket socket;
  private Thread thread;
  private boolean warnedDecode;

  PublisherLink(int id, String publisherUri, TopicSubscription subscription, RosNode node) {
    this.id = id;
    this.publisherUri = publisherUri;
    this.subscription = subscription;
    this.node = node;
  }

  void start() {
    thread = Threads.start("ros-sub-" + subscription.topic + "-" + id, this::run);
  }

  boolean isConnected() {
    return connected;
  }

  long bytesReceived() {
    return bytesReceived.get();
  }

  String publisherId() {
    return publisherId;
  }

  /** Marks whether the master lists this publisher; an unlisted link does not reconnect. */
  void setWanted(boolean w) {
    wanted = w;
  }

  boolean wanted() {
    return wanted;
  }

  void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.trace("closing link", e);
      }
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  private void run() {
    Backoff backoff =
        new Backoff(node.config().reconnectMinDelay(), node.config().reconnectMaxDelay());
    try {
      while (!closed && wanted) {
        try {
          connectAndRead(backoff);
        } catch (IOException | RuntimeException e) {
          LOG.debug("link {} of {} to {}: {}", id, subscription.topic, publisherUri, e.toString());
        } finally {
          connected = false;
          Socket s = socket;
          socket = null;
          if (s != null) {
            try {
              s.close();
            } catch (IOException e) {
              LOG.trace("closing link", e);
            }
          }
        }
        if (closed || !wanted) {
          break;
        }
        Thread.sleep(backoff.next().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      subscription.linkEnded(this);
    }
  }

  private void connectAndRead(Backoff backoff) throws IOException {
    Object reply;
    try {
      reply =
          node.peerRpc()
              .call(
                  URI.create(publisherUri),
                  "requestTopic",
                  node.getName(),
                  subscription.topic,
                  List.of(List.of("TCPROS")));
    } catch (XmlRpcFault f) {
      throw new IOException("requestTopic fault: " + f.getMessage());
    }
    List<?> protocol = SlaveReplies.valueList("requestTopic", reply);
    if (protocol.size() < 3 || !"TCPROS".equals(protocol.get(0))) {
      throw new IOException("publisher offers no TCPROS endpoint: " + protocol);
    }
    String host = String.valueOf(protocol.get(1));
    int port = ((Number) protocol.get(2)).intValue();
    Socket s = new Socket();
    socket = s;
    if (closed) {
      return;
    }
    int timeout = (int) node.config().rpcTimeout().toMillis();
    s.connect(new InetSocketAddress(host, port), timeout);
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeout);
    Map<String, String> header = new LinkedHashMap<>();
    header.put("callerid", node.getName());
    header.put("topic", subscription.topic);
    header.put("md5sum", subscription.spec.md5());
    header.put("type", subscription.spec.type());
    header.put("message_definition", subscription.spec.definition());
    header.put("tcp_nodelay", "1");
    ConnectionHeader.write(s.getOutputStream(), header);
    InputStream in = new BufferedInputStream(s.getInputStream());
    Map<String, String> answer = ConnectionHeader.read(in);
    if (answer.containsKey("error")) {
      throw new IOException("publisher refused: " + answer.get("error"));
    }
    String md5 = answer.get("md5sum");
    if (md5 != null && !md5.equals("*") && !md5.equals(subscription.spec.md5())) {
      throw new IOException(
          "publisher sends md5sum " + md5 + ", expected " + subscription.spec.md5());
    }
    publisherId = answer.getOrDefault("callerid", publisherUri);
    s.setSoTimeout(0);
    connected = true;
    backoff.reset();
    subscription.linkConnected(this);
    while (!closed) {
      byte[] frame = Frames.readFrame(in);
      bytesReceived.addAndGet(frame.length + 4L);
      Message m;
      try {
        m = MessageSerializer.deserialize(subscription.spec, frame);
      } catch (IllegalArgumentException e) {
        if (!warnedDecode) {
          warnedDecode = true;
          LOG.warn(
              "dropping undecodable messages on {} from {}: {}",
              subscription.topic,
              publisherId,
              e.getMessage());
        }
        continue;
      }
      subscription.deliver(m);
    }
  }
}
