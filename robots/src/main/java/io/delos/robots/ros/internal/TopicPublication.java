package io.delos.robots.ros.internal;

import io.delos.robots.ros.message.MessageSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This node's publication of one topic: the subscriber connections, the latched message and the
 * registration with the master. Shared by every {@code Publisher} view of the topic.
 */
final class TopicPublication {
  final String topic;
  final MessageSpec spec;
  private final RosNode node;
  private final List<SubscriberConnection> connections = new CopyOnWriteArrayList<>();
  private volatile boolean latch;
  private byte[] last;
  private long published;
  private int views;
  private volatile boolean closed;

  TopicPublication(RosNode node, String topic, MessageSpec spec) {
    this.node = node;
    this.topic = topic;
    this.spec = spec;
  }

  synchronized void retain() {
    views++;
  }

  /** Drops one view; true when it was the last. */
  synchronized boolean release() {
    return --views <= 0;
  }

  void setLatch(boolean enabled) {
    latch = enabled;
  }

  boolean latch() {
    return latch;
  }

  synchronized void publish(byte[] payload) {
    if (closed) {
      throw new IllegalStateException("publisher of " + topic + " was shut down");
    }
    published++;
    if (latch) {
      last = payload;
    }
    for (SubscriberConnection c : connections) {
      c.offer(payload);
    }
  }

  int subscriberCount() {
    return connections.size();
  }

  /** Serves a subscriber that sent {@code header}; the socket is owned by this call. */
  void accept(Socket socket, Map<String, String> header) throws IOException {
    String caller = header.getOrDefault("callerid", "unknown");
    String md5 = header.get("md5sum");
    String type = header.get("type");
    OutputStream out = socket.getOutputStream();
    boolean md5Ok = md5 != null && (md5.equals("*") || md5.equals(spec.md5()));
    if (!md5Ok) {
      ConnectionHeader.write(
          out,
          Map.of(
              "error",
              "Client ["
                  + caller
                  + "] wants topic ["
                  + topic
                  + "] to have datatype/md5sum ["
                  + type
                  + "/"
                  + md5
                  + "], but our version has ["
                  + spec.type()
                  + "/"
                  + spec.md5()
                  + "]. Dropping connection."));
      socket.close();
      return;
    }
    if ("1".equals(header.get("tcp_nodelay"))) {
      socket.setTcpNoDelay(true);
    }
    Map<String, String> reply = new LinkedHashMap<>();
    reply.put("callerid", node.getName());
    reply.put("latching", latch ? "1" : "0");
    reply.put("md5sum", spec.md5());
    reply.put("message_definition", spec.definition());
    reply.put("topic", topic);
    reply.put("type", spec.type());
    ConnectionHeader.write(out, reply);
    SubscriberConnection c =
        new SubscriberConnection(node.nextConnectionId(), caller, socket, this, node.queueSize());
    synchronized (this) {
      if (closed) {
        socket.close();
        return;
      }
      if (latch && last != null) {
        c.offer(last);
      }
      connections.add(c);
    }
    c.start();
  }

  void remove(SubscriberConnection c) {
    connections.remove(c);
  }

  /** Rows for {@code getBusInfo}. */
  List<List<Object>> busInfo() {
    List<List<Object>> rows = new ArrayList<>();
    for (SubscriberConnection c : connections) {
      rows.add(List.of(c.id, c.callerId, "o", "TCPROS", topic, c.isOpen(), ""));
    }
    return rows;
  }

  /** The entry of {@code getBusStats}' publish statistics. */
  List<Object> busStats() {
    List<Object> conns = new ArrayList<>();
    long bytes = 0;
    for (SubscriberConnection c : connections) {
      bytes += c.bytesSent();
      conns.add(List.of(c.id, (int) c.bytesSent(), (int) c.messagesSent(), c.isOpen()));
    }
    return List.of(topic, (int) Math.min(Integer.MAX_VALUE, bytes), conns);
  }

  synchronized long published() {
    return published;
  }

  void close() {
    synchronized (this) {
      closed = true;
    }
    for (SubscriberConnection c : connections) {
      c.close();
    }
    connections.clear();
  }
}
