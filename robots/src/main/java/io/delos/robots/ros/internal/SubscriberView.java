package io.delos.robots.ros.internal;

import io.delos.robots.ros.MessageListener;
import io.delos.robots.ros.Subscriber;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A typed {@link Subscriber} over a shared {@link TopicSubscription}.
 *
 * @param <T> the message type users see
 */
final class SubscriberView<T> implements Subscriber<T> {
  private final RosNode node;
  private final TopicSubscription subscription;
  private final MessageType<T> type;
  private final Map<MessageListener<T>, Consumer<Message>> listeners = new ConcurrentHashMap<>();
  private volatile boolean shut;

  SubscriberView(RosNode node, TopicSubscription subscription, MessageType<T> type) {
    this.node = node;
    this.subscription = subscription;
    this.type = type;
  }

  @Override
  public String getTopicName() {
    return subscription.topic;
  }

  @Override
  public String getTopicMessageType() {
    return subscription.spec.type();
  }

  @Override
  public void addMessageListener(MessageListener<T> listener) {
    Consumer<Message> c = m -> listener.onNewMessage(type.wrap().apply(m));
    if (listeners.putIfAbsent(listener, c) == null) {
      subscription.addListener(c);
    }
  }

  @Override
  public boolean removeMessageListener(MessageListener<T> listener) {
    Consumer<Message> c = listeners.remove(listener);
    return c != null && subscription.removeListener(c);
  }

  @Override
  public int getNumberOfPublishers() {
    return subscription.connectedCount();
  }

  @Override
  public void shutdown() {
    synchronized (this) {
      if (shut) {
        return;
      }
      shut = true;
    }
    for (Consumer<Message> c : listeners.values()) {
      subscription.removeListener(c);
    }
    listeners.clear();
    node.release(subscription);
  }
}
