package io.delos.robots.ros;

/**
 * Receives the messages of a {@link Subscriber}.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface MessageListener<T> {
  /**
   * Called for each message, in arrival order, on the subscriber's delivery thread; a slow listener
   * makes the subscriber drop the oldest queued messages.
   */
  void onNewMessage(T message);
}
