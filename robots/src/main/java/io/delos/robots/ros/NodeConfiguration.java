package io.delos.robots.ros;

import io.delos.robots.ros.internal.GraphNames;
import io.delos.robots.ros.message.MessageDefinitions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a node reaches the ROS graph.
 *
 * @param host the host name or address peers use to reach this node (advertised in its URIs)
 * @param masterUri the master, for example {@code http://127.0.0.1:11311}
 * @param nodeName the node name, or null to use {@link NodeMain#getDefaultNodeName()}; relative
 *     names are placed in {@code namespace}
 * @param namespace the namespace relative names resolve in, for example {@code "/"} or {@code
 *     "/robot1"}
 * @param bindAddress the local address the node's servers listen on, {@code "0.0.0.0"} for all
 * @param definitions the message and service definitions the node knows
 * @param rpcTimeout limit for each XML-RPC call to the master or a peer
 * @param masterCheckPeriod how often the node checks that the master still knows it; after a lost
 *     or restarted master it re-registers everything
 * @param reconnectMinDelay first back-off delay before reconnecting to a lost peer or master
 * @param reconnectMaxDelay back-off delays double up to this
 * @param queueSize messages queued per subscriber and per outgoing connection; the oldest are
 *     dropped beyond it, >= 1
 * @param clock the node's clock, for {@link ConnectedNode#getCurrentTime()} and message stamps
 */
public record NodeConfiguration(
    String host,
    URI masterUri,
    String nodeName,
    String namespace,
    String bindAddress,
    MessageDefinitions definitions,
    Duration rpcTimeout,
    Duration masterCheckPeriod,
    Duration reconnectMinDelay,
    Duration reconnectMaxDelay,
    int queueSize,
    Clock clock) {

  /** The master URI of a default local ROS installation. */
  public static final URI DEFAULT_MASTER_URI = URI.create("http://127.0.0.1:11311");

  /** Validates the configuration. */
  public NodeConfiguration {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host is blank: give a name or address peers can reach");
    }
    Objects.requireNonNull(masterUri, "masterUri");
    if (!"http".equals(masterUri.getScheme()) || masterUri.getHost() == null) {
      throw new IllegalArgumentException(
          "masterUri = "
              + masterUri
              + ": must be http://host:port, for example "
              + DEFAULT_MASTER_URI);
    }
    if (nodeName != null) {
      GraphNames.require("nodeName", nodeName);
      if (nodeName.startsWith("~")) {
        throw new IllegalArgumentException("nodeName = " + nodeName + ": cannot be a private name");
      }
    }
    namespace = GraphNames.namespace(namespace);
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(definitions, "definitions");
    positive("rpcTimeout", rpcTimeout);
    positive("masterCheckPeriod", masterCheckPeriod);
    positive("reconnectMinDelay", reconnectMinDelay);
    positive("reconnectMaxDelay", reconnectMaxDelay);
    if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
      throw new IllegalArgumentException(
          "reconnectMaxDelay = "
              + reconnectMaxDelay
              + ": must be >= reconnectMinDelay = "
              + reconnectMinDelay);
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize = " + queueSize + ": must be >= 1");
    }
    Objects.requireNonNull(clock, "clock");
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " = " + d + ": must be > 0");
    }
  }

  /**
   * A configuration for a node reachable at {@code host}, listening on all interfaces, with the
   * built-in message definitions and default timings (5 s calls, master checked every 1 s, back-off
   * from 100 ms to 5 s, queues of 64 messages, the system clock).
   */
  public static NodeConfiguration newPublic(String host, URI masterUri) {
    return new NodeConfiguration(
        host,
        masterUri,
        null,
        "/",
        "0.0.0.0",
        MessageDefinitions.builtIn(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        64,
        Clock.systemUTC());
  }

  /** Like {@link #newPublic} for a node reachable only on this machine, at 127.0.0.1. */
  public static NodeConfiguration newPrivate(URI masterUri) {
    return newPublic("127.0.0.1", masterUri).withBindAddress("127.0.0.1");
  }

  /**
   * A configuration from the ROS environment variables: {@code ROS_MASTER_URI} (default {@link
   * #DEFAULT_MASTER_URI}), {@code ROS_HOSTNAME} or {@code ROS_IP} (default 127.0.0.1) and {@code
   * ROS_NAMESPACE}.
   */
  public static NodeConfiguration fromEnvironment(Map<String, String> env) {
    String master = env.getOrDefault("ROS_MASTER_URI", DEFAULT_MASTER_URI.toString());
    String host = env.getOrDefault("ROS_HOSTNAME", env.getOrDefault("ROS_IP", "127.0.0.1"));
    return newPublic(host, URI.create(master))
        .withNamespace(env.getOrDefault("ROS_NAMESPACE", "/"));
  }

  /** This configuration with another node name. */
  public NodeConfiguration withNodeName(String newNodeName) {
    return new NodeConfiguration(
        host,
        masterUri,
        newNodeName,
        namespace,
        bindAddress,
        definitions,
        rpcTimeout,
        masterCheckPeriod,
        reconnectMinDelay,
        reconnectMaxDelay,
        queueSize,
        clock);
  }

  /** This configuration with another namespace. */
  public NodeConfiguration withNamespace(String newNamespace) {
    return new NodeConfiguration(
        host,
        masterUri,
        nodeName,
        newNamespace,
        bindAddress,
        definitions,
        rpcTimeout,
        masterCheckPeriod,
        reconnectMinDelay,
        reconnectMaxDelay,
        queueSize,
        clock);
  }

  /** This configuration with another bind address. */
  public NodeConfiguration withBindAddress(String newBindAddress) {
    return new NodeConfiguration(
        host,
        masterUri,
        nodeName,
        namespace,
        newBindAddress,
        definitions,
        rpcTimeout,
        masterCheckPeriod,
        reconnectMinDelay,
        reconnectMaxDelay,
        queueSize,
        clock);
  }

  /** This configuration with other message definitions. */
  public NodeConfiguration withDefinitions(MessageDefinitions newDefinitions) {
    return new NodeConfiguration(
        host,
        masterUri,
        nodeName,
        namespace,
        bindAddress,
        newDefinitions,
        rpcTimeout,
        masterCheckPeriod,
        reconnectMinDelay,
        reconnectMaxDelay,
        queueSize,
        clock);
  }

  /** This configuration with other timings. */
  public NodeConfiguration withTimings(
      Duration newRpcTimeout,
      Duration newMasterCheckPeriod,
      Duration newReconnectMinDelay,
      Duration newReconnectMaxDelay) {
    return new NodeConfiguration(
        host,
        masterUri,
        nodeName,
        namespace,
        bindAddress,
        definitions,
        newRpcTimeout,
        newMasterCheckPeriod,
        newReconnectMinDelay,
        newReconnectMaxDelay,
        queueSize,
        clock);
  }

  /** This configuration with another queue size. */
  public NodeConfiguration withQueueSize(int newQueueSize) {
    return new NodeConfiguration(
        host,
        masterUri,
        nodeName,
        namespace,
        bindAddress,
        definitions,
        rpcTimeout,
        masterCheckPeriod,
        reconnectMinDelay,
        reconnectMaxDelay,
        newQueueSize,
        clock);
  }

  /** This configuration with another clock. */
  public NodeConfiguration withClock(Clock newClock) {
    return new NodeConfiguration(
        host,
        masterUri,
        nodeName,
        namespace,
        bindAddress,
        definitions,
        rpcTimeout,
        masterCheckPeriod,
        reconnectMinDelay,
        reconnectMaxDelay,
        queueSize,
        newClock);
  }
}
