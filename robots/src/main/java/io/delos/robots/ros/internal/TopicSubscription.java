package io.delos.robots.ros.internal;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's subscription to one topic: one link per publisher, a bounded delivery queue and the
 * thread that calls the listeners. Shared by every {@code Subscriber} view of the topic.
 */
final class TopicSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSubscription.class);

  final String topic;
  final MessageSpec spec;
  private final RosNode node;
  private final Map<String, PublisherLink> links = new HashMap<>();
  private final List<Consumer<Message>> listeners = new CopyOnWriteArrayList<>();
  private final DropOldestQueue<Message> queue;
  private final Thread dispatcher;
  private volatile boolean closed;
  private int views;
  private long received;

  TopicSubscription(RosNode node, String topic, MessageSpec spec) {
    this.node = node;
    this.topic = topic;
    this.spec = spec;
    this.queue = new DropOldestQueue<>(node.queueSize());
    this.dispatcher = Threads.start("ros-deliver-" + topic, this::dispatch);
  }

  synchronized void retain() {
    views++;
  }

  /** Drops one view; true when it was the last. */
  synchronized boolean release() {
    return --views <= 0;
  }

  void addListener(Consumer<Message> l) {
    listeners.add(l);
  }

  boolean removeListener(Consumer<Message> l) {
    return listeners.remove(l);
  }

  /**
   * Applies a publisher list from the master: connects to new publishers and drops removed ones.
   *
   * <p>A removed publisher whose connection is open is asked directly (with {@code
   * getPublications}) whether it still publishes the topic, and kept when it does: after a master
   * restart the master's list lacks publishers that have not registered again (rospy and roscpp
   * nodes never do), and dropping a working connection would lose their messages.
   */
  synchronized void updatePublishers(List<String> uris) {
    if (closed) {
      return;
    }
    Set<String> listed = new HashSet<>(uris);
    for (String uri : listed) {
      PublisherLink link = links.get(uri);
      if (link == null) {
        link = new PublisherLink(node.nextConnectionId(), uri, this, node);
        links.put(uri, link);
        link.start();
      } else {
        link.setWanted(true);
      }
    }
    for (PublisherLink link : new ArrayList<>(links.values())) {
      if (!listed.contains(link.publisherUri) && link.wanted()) {
        link.setWanted(false);
        if (link.isConnected()) {
          node.background().execute(() -> verifyOrDrop(link));
        } else {
          links.remove(link.publisherUri);
          link.close();
        }
      }
    }
  }

  private void verifyOrDrop(PublisherLink link) {
    boolean stillPublishes = false;
    try {
      Object reply =
          node.peerRpc().call(URI.create(link.publisherUri), "getPublications", node.getName());
      for (Object o : SlaveReplies.valueList("getPublications", reply)) {
        if (o instanceof List<?> pair && !pair.isEmpty() && topic.equals(pair.get(0))) {
          stillPublishes = true;
        }
      }
    } catch (Exception e) {
      LOG.debug(
          "publisher {} of {} did not answer getPublications: {}",
          link.publisherUri,
          topic,
          e.toString());
    }
    if (stillPublishes) {
      LOG.debug(
          "keeping {} on {}: it still publishes although the master does not list it",
          link.publisherUri,
          topic);
      return;
    }
    synchronized (this) {
      if (!link.wanted()) {
        links.remove(link.publisherUri, link);
        link.close();
      }
    }
  }

  void linkConnected(PublisherLink link) {
    LOG.debug("connected to {} for {}", link.publisherId(), topic);
  }

  synchronized void linkEnded(PublisherLink link) {
    links.remove(link.publisherUri, link);
  }

  void deliver(Message m) {
    synchronized (this) {
      received++;
    }
    queue.offer(m);
  }

  private void dispatch() {
    try {
      while (!closed) {
        if (listeners.isEmpty()) {
          // Keep messages (a latched one above all) queued until the first listener is added.
          Thread.sleep(10);
          continue;
        }
        Message m = queue.poll(500);
        if (m == null) {
          continue;
        }
        for (Consumer<Message> l : listeners) {
          try {
            l.accept(m);
          } catch (RuntimeException e) {
            LOG.error("a listener of {} threw; it stays subscribed", topic, e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized int connectedCount() {
    int n = 0;
    for (PublisherLink l : links.values()) {
      if (l.isConnected()) {
        n++;
      }
    }
    return n;
  }

  synchronized long received() {
    return received;
  }

  synchronized List<List<Object>> busInfo() {
    List<List<Object>> rows = new ArrayList<>();
    for (PublisherLink l : links.values()) {
      rows.add(List.of(l.id, l.publisherUri, "i", "TCPROS", topic, l.isConnected(), ""));
    }
    return rows;
  }

  synchronized List<Object> busStats() {
    List<Object> conns = new ArrayList<>();
    for (PublisherLink l : links.values()) {
      conns.add(
          List.of(l.id, (int) Math.min(Integer.MAX_VALUE, l.bytesReceived()), -1, l.isConnected()));
    }
    return List.of(topic, conns);
  }

  void close() {
    List<PublisherLink> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(links.values());
      links.clear();
    }
    for (PublisherLink l : all) {
      l.close();
    }
    dispatcher.interrupt();
    queue.clear();
  }
}
