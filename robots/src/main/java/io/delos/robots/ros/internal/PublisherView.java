package io.delos.robots.ros.internal;

import io.delos.robots.ros.Publisher;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSerializer;
import io.delos.robots.ros.message.MessageType;

/**
 * A typed {@link Publisher} over a shared {@link TopicPublication}.
 *
 * @param <T> the message type users see
 */
final class PublisherView<T> implements Publisher<T> {
  private final RosNode node;
  private final TopicPublication publication;
  private final MessageType<T> type;
  private volatile boolean shut;

  PublisherView(RosNode node, TopicPublication publication, MessageType<T> type) {
    this.node = node;
    this.publication = publication;
    this.type = type;
  }

  @Override
  public String getTopicName() {
    return publication.topic;
  }

  @Override
  public String getTopicMessageType() {
    return publication.spec.type();
  }

  @Override
  public T newMessage() {
    return type.wrap().apply(new Message(publication.spec));
  }

  @Override
  public void publish(T message) {
    Message m = type.unwrap().apply(message);
    if (!m.spec().md5().equals(publication.spec.md5())) {
      throw new IllegalArgumentException(
          "cannot publish a "
              + m.type()
              + " on "
              + publication.topic
              + ", which carries "
              + publication.spec.type());
    }
    publication.publish(MessageSerializer.serialize(m));
  }

  @Override
  public void setLatchMode(boolean enabled) {
    publication.setLatch(enabled);
  }

  @Override
  public boolean getLatchMode() {
    return publication.latch();
  }

  @Override
  public int getNumberOfSubscribers() {
    return publication.subscriberCount();
  }

  @Override
  public void shutdown() {
    synchronized (this) {
      if (shut) {
        return;
      }
      shut = true;
    }
    node.release(publication);
  }
}
