package io.delos.robots.ros;

/**
 * Publishes messages on one topic to every subscriber over TCPROS.
 *
 * <p>Each subscriber connection has its own bounded queue; when a subscriber falls behind, its
 * oldest queued messages are dropped, so a slow subscriber never blocks {@link #publish}.
 *
 * <p>Threading: safe for concurrent use.
 *
 * @param <T> the message type
 */
public interface Publisher<T> {
  /** The resolved topic name. */
  String getTopicName();

  /** The message type, {@code package/Name}. */
  String getTopicMessageType();

  /** A new message of the topic's type, with every field at its default. */
  T newMessage();

  /** Sends {@code message} to every connected subscriber; it is serialised before this returns. */
  void publish(T message);

  /**
   * Latches the topic: the last published message is sent to each subscriber as soon as it
   * connects.
   */
  void setLatchMode(boolean enabled);

  /** True when the topic is latched. */
  boolean getLatchMode();

  /** Number of connected subscribers. */
  int getNumberOfSubscribers();

  /** True when at least one subscriber is connected. */
  default boolean hasSubscribers() {
    return getNumberOfSubscribers() > 0;
  }

  /** Unregisters from the master and closes every subscriber connection. */
  void shutdown();
}
