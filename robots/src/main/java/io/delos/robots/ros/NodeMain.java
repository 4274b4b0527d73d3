package io.delos.robots.ros;

/**
 * A ROS node's behaviour: what it does once connected, and when it stops. Run it with a {@link
 * NodeMainExecutor}.
 *
 * <p>Threading: the callbacks run on the executor's threads, one at a time per node.
 */
public interface NodeMain {
  /**
   * The node name used when the {@link NodeConfiguration} names none, for example {@code "talker"}.
   */
  String getDefaultNodeName();

  /**
   * Called once the node serves its slave API, with the node to create publishers, subscribers and
   * services on.
   */
  void onStart(ConnectedNode connectedNode);

  /** Called when the node shuts down, before its registrations and connections are dropped. */
  void onShutdown(ConnectedNode connectedNode);

  /** Called when {@link #onStart} throws; the node is shut down afterwards. */
  void onError(ConnectedNode connectedNode, Throwable throwable);
}
