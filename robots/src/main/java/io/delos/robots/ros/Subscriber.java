package io.delos.robots.ros;

/**
 * Receives the messages of one topic from every publisher the master names, over TCPROS.
 *
 * <p>The subscriber follows the master's publisher list: it connects to new publishers, drops
 * removed ones, and reconnects with back-off to a publisher whose connection broke while the master
 * still lists it.
 *
 * <p>Threading: safe for concurrent use; listeners run on one delivery thread per subscriber.
 *
 * @param <T> the message type
 */
public interface Subscriber<T> {
  /** The resolved topic name. */
  String getTopicName();

  /** The message type, {@code package/Name}. */
  String getTopicMessageType();

  /**
   * Adds a listener for every message received from now on; messages that arrived while the
   * subscriber had no listener (a latched message, typically) are queued for the first one.
   */
  void addMessageListener(MessageListener<T> listener);

  /** Removes a listener; returns whether it was present. */
  boolean removeMessageListener(MessageListener<T> listener);

  /** Number of publishers with an open connection. */
  int getNumberOfPublishers();

  /** Unregisters from the master and closes every publisher connection. */
  void shutdown();
}
