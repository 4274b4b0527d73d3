package io.delos.actors.cli;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.cluster.ClusterSettings;
import io.delos.actors.cluster.RobotBlueprint;
import io.delos.actors.grpc.GrpcServer;
import io.delos.actors.robot.RobotSettings;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.actors.runtime.RobotDefaults;
import io.delos.actors.store.TrajectoryStore;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos node}: run this JVM as a node of a Delos cluster. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Join (or found) a Pekko cluster of Delos nodes. Robots are sharded across the nodes and",
      "start again elsewhere when their node leaves. A robot id is <family>-<n>: catalogue",
      "robot <family> running its default task with seed n."
    })
final class NodeCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--port", required = true, description = "Cluster (Artery TCP) port.")
  int port;

  @Option(
      names = "--seed-nodes",
      split = ",",
      required = true,
      description = "host:port of the seed nodes, comma separated (the first node lists itself).")
  List<String> seeds;

  @Option(
      names = "--store",
      defaultValue = "delos-store",
      description = "Folder for this node's chunk log (default: ${DEFAULT-VALUE}/node-<port>).")
  Path store;

  @Option(
      names = "--robots",
      split = ",",
      description = "Robots to start from this node, for example cartpole-0,pendulum-1.")
  List<String> robots;

  @Option(
      names = "--grpc-port",
      description = "Also serve delos.v1 gRPC on this port (any node may).")
  Integer grpcPort;

  static Function<String, RobotBlueprint> catalogueBlueprints(RobotSettings defaults) {
    return id -> {
      int dash = id.lastIndexOf('-');
      if (dash < 1) {
        throw new IllegalArgumentException(
            "robot id '" + id + "': expected <family>-<number>, for example cartpole-0");
      }
      String family = id.substring(0, dash);
      long seed = Long.parseLong(id.substring(dash + 1));
      RobotSystem system = Catalogue.system(family);
      return new RobotBlueprint(
          family, () -> system.environment(system.defaultTask()), defaults.withSeed(seed));
    };
  }

  @Override
  public Integer call() throws InterruptedException {
    if (robots != null) {
      for (String id : robots) {
        int dash = id.lastIndexOf('-');
        if (dash < 1 || !id.substring(dash + 1).matches("\\d+")) {
          System.err.println("--robots: '" + id + "' is not <family>-<number>");
          return 2;
        }
        if (!Catalogue.families().contains(id.substring(0, dash))) {
          System.err.println(
              "--robots: unknown family in '" + id + "'; known: " + Catalogue.families());
          return 2;
        }
      }
    }
    ClusterSettings cluster;
    try {
      cluster = new ClusterSettings(host, port, seeds);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    var config = ConfigFactory.load();
    DelosRuntime node =
        DelosRuntime.startClustered(
            config,
            "delos",
            new TrajectoryStore.Settings(
                store.resolve("node-" + port), 1_000_000, Duration.ofSeconds(1)),
            cluster,
            catalogueBlueprints(RobotDefaults.from(config)));
    CountDownLatch stop = new CountDownLatch(1);
    GrpcServer grpc = null;
    try {
      if (grpcPort != null) {
        grpc = GrpcServer.start(GrpcSettings.from(config).withPort(grpcPort), node);
      }
      System.out.println("Node " + host + ":" + port + " joining " + seeds + "; Ctrl-C leaves.");
      if (robots != null) {
        for (String id : robots) {
          node.startClusterRobot(id);
          System.out.println("  started " + id);
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "delos-node-stop"));
      stop.await();
    } finally {
      if (grpc != null) {
        grpc.close();
      }
      node.close();
    }
    return 0;
  }
}
