package io.delos.actors.cli;

import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.ros.DefaultNodeMainExecutor;
import io.delos.robots.ros.NodeConfiguration;
import io.delos.robots.ros.NodeMainExecutor;
import io.delos.robots.ros.bridge.SimulatedRobotNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos ros}: expose simulated catalogue robots as ROS 1 nodes until stopped. */
@Command(
    name = "ros",
    mixinStandardHelpOptions = true,
    description =
        "Expose simulated catalogue robots as ROS 1 nodes (joint states, observation, command"
            + " topic, reset service) in real time until Ctrl-C, and print each robot's topics.")
final class RosCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--master",
      description = "ROS master URI (default: $ROS_MASTER_URI, else http://127.0.0.1:11311).")
  String master;

  @Option(
      names = "--host",
      description =
          "Host name or address ROS peers use to reach these nodes (default: $ROS_HOSTNAME,"
              + " else $ROS_IP, else 127.0.0.1).")
  String host;

  @Option(
      names = "--systems",
      split = ",",
      defaultValue = "cartpole",
      description = "Catalogue robots to expose, comma separated (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the first episode of the first robot (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Counted down by Ctrl-C (or by a test) to stop the nodes. */
  final CountDownLatch stop = new CountDownLatch(1);

  /** Counted down once the nodes have unregistered, so the JVM waits for it on Ctrl-C. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String s : systems) {
      if (!Catalogue.families().contains(s)) {
        err.println("--systems: unknown robot '" + s + "'; known: " + Catalogue.families());
        err.flush();
        return 2;
      }
    }
    NodeConfiguration config;
    try {
      NodeConfiguration env = NodeConfiguration.fromEnvironment(System.getenv());
      URI masterUri = master == null ? env.masterUri() : URI.create(master);
      config = NodeConfiguration.newPublic(host == null ? env.host() : host, masterUri);
    } catch (IllegalArgumentException e) {
      err.println("--master/--host: " + e.getMessage());
      err.flush();
      return 2;
    }

    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "delos-ros-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Map<String, Integer> seen = new HashMap<>();
      List<SimulatedRobotNode> nodes = new ArrayList<>();
      for (int i = 0; i < systems.size(); i++) {
        String family = systems.get(i);
        int n = seen.merge(family, 1, Integer::sum);
        String robot = n == 1 ? family : family + "_" + n;
        SimulatedRobotNode node =
            SimulatedRobotNode.forSystem(Catalogue.system(family), robot, seed + 1000L * i);
        executor.execute(node, config);
        nodes.add(node);
      }
      for (SimulatedRobotNode node : nodes) {
        node.awaitStarted(30_000);
        node.topics().describe().forEach(out::println);
      }
      out.println(
          "Exposing "
              + nodes.size()
              + (nodes.size() == 1 ? " robot" : " robots")
              + " to the ROS master at "
              + config.masterUri()
              + "; Ctrl-C stops.");
      out.flush();
      stop.await();
    } finally {
      executor.shutdown();
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
    return 0;
  }
}
