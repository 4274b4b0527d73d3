package io.delos.robots.ros;

import io.delos.robots.ros.internal.RosNode;
import io.delos.robots.ros.internal.Threads;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each {@link NodeMain} as its own node; {@code onStart} runs on the executor's threads.
 *
 * <p>Threading: safe for concurrent use.
 */
public final class DefaultNodeMainExecutor implements NodeMainExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultNodeMainExecutor.class);

  private final ExecutorService starter = Executors.newCachedThreadPool(Threads.daemon("ros-main"));
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Threads.daemon("ros-executor"));
  private final Map<NodeMain, RosNode> nodes = new ConcurrentHashMap<>();

  private DefaultNodeMainExecutor() {}

  /** A new executor. */
  public static NodeMainExecutor newDefault() {
    return new DefaultNodeMainExecutor();
  }

  @Override
  public void execute(NodeMain nodeMain, NodeConfiguration configuration) {
    NodeConfiguration c =
        configuration.nodeName() == null
            ? configuration.withNodeName(nodeMain.getDefaultNodeName())
            : configuration;
    RosNode node;
    try {
      node = RosNode.start(c, nodeMain);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot start node " + c.nodeName(), e);
    }
    nodes.put(nodeMain, node);
    starter.execute(
        () -> {
          try {
            nodeMain.onStart(node);
          } catch (RuntimeException | Error e) {
            LOG.error("onStart of node {} failed; shutting it down", node.getName(), e);
            try {
              nodeMain.onError(node, e);
            } finally {
              nodes.remove(nodeMain);
              node.shutdown();
            }
          }
        });
  }

  @Override
  public void shutdownNodeMain(NodeMain nodeMain) {
    RosNode node = nodes.remove(nodeMain);
    if (node != null) {
      node.shutdown();
    }
  }

  @Override
  public void shutdown() {
    for (NodeMain m : nodes.keySet().toArray(new NodeMain[0])) {
      shutdownNodeMain(m);
    }
    starter.shutdownNow();
    scheduler.shutdownNow();
  }

  @Override
  public ScheduledExecutorService getScheduledExecutorService() {
    return scheduler;
  }
}
