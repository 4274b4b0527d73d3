package io.delos.robots.ros;

import java.util.concurrent.ScheduledExecutorService;

/** Starts and stops {@link NodeMain}s, each as its own node. */
public interface NodeMainExecutor {
  /**
   * Connects a node for {@code nodeMain} and calls its {@link NodeMain#onStart} on a background
   * thread.
   */
  void execute(NodeMain nodeMain, NodeConfiguration configuration);

  /** Shuts down the node running {@code nodeMain}, if any, and waits until it has stopped. */
  void shutdownNodeMain(NodeMain nodeMain);

  /** Shuts down every node and the executor's threads. */
  void shutdown();

  /** The executor's scheduler, for work beside the nodes. */
  ScheduledExecutorService getScheduledExecutorService();
}
