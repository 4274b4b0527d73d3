package io.delos.robots.ros;

import io.delos.robots.ros.internal.RosNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Starts nodes without a {@link NodeMain}, for code that drives the node itself. */
public final class DefaultNodeFactory {
  private DefaultNodeFactory() {}

  /**
   * Starts a node: binds its slave API and TCPROS servers and tries to reach the master. An
   * unreachable master is not an error: the node registers once the master answers.
   *
   * @param configuration the configuration; its node name is required
   * @throws IllegalArgumentException when the configuration names no node
   * @throws UncheckedIOException when the node's ports cannot be bound
   */
  public static ConnectedNode newNode(NodeConfiguration configuration) {
    if (configuration.nodeName() == null) {
      throw new IllegalArgumentException(
          "nodeName is null: set it with NodeConfiguration.withNodeName");
    }
    try {
      return RosNode.start(configuration, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + configuration.nodeName(), e);
    }
  }
}
