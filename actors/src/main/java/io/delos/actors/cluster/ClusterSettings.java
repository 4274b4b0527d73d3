package io.delos.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a node joins a Pekko cluster.
 *
 * @param host address this node binds and advertises
 * @param port Artery TCP port of this node, 1 to 65535
 * @param seedNodes "host:port" of the seed nodes (include this node's own on the first node)
 */
public record ClusterSettings(String host, int port, List<String> seedNodes) {
  /** Validates the settings. */
  public ClusterSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("cluster host is blank: give the address to bind");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster port = " + port + ": allowed 1 to 65535");
    }
    seedNodes = List.copyOf(seedNodes);
    if (seedNodes.isEmpty()) {
      throw new IllegalArgumentException("no seed nodes: give at least one host:port");
    }
    for (String s : seedNodes) {
      int colon = s.lastIndexOf(':');
      if (colon < 1 || !s.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException("seed node '" + s + "': expected host:port");
      }
    }
  }

  /** This node's settings layered over {@code base}: clustered provider, Artery, seeds. */
  public Config applyTo(Config base, String systemName) {
    String seeds =
        seedNodes.stream()
            .map(s -> "\"pekko://" + systemName + "@" + s + "\"")
            .collect(Collectors.joining(", "));
    return ConfigFactory.parseString(
            "pekko.actor.provider = cluster\n"
                + "pekko.remote.artery.canonical.hostname = \""
                + host
                + "\"\n"
                + "pekko.remote.artery.canonical.port = "
                + port
                + "\n"
                + "pekko.cluster.seed-nodes = ["
                + seeds
                + "]\n")
        .withFallback(base);
  }
}
