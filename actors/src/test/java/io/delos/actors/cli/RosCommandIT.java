package io.delos.actors.cli;

import static io.delos.actors.cli.RosTestMaster.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.controllers.lqr.Lqr;
import io.delos.controllers.lqr.LqrSettings;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.ros.DefaultNodeMainExecutor;
import io.delos.robots.ros.MasterClient;
import io.delos.robots.ros.NodeConfiguration;
import io.delos.robots.ros.NodeMainExecutor;
import io.delos.robots.ros.bridge.RosEnvironment;
import io.delos.robots.ros.bridge.RosRobotConfig;
import io.delos.robots.ros.bridge.SimulatedRobotNode;
import io.delos.sim.State;
import io.delos.sim.Vec;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * End to end against a real ROS: {@code delos ros} exposes the cart-pole and prints its topics,
 * rospy reads its joint states, and the Delos LQR balances a simulated cart-pole reaching it only
 * through ROS topics.
 */
class RosCommandIT {
  /** The pole's largest tilt allowed while the LQR balances it from 0.1 rad, rad. */
  private static final double WORST_TILT = 0.3;

  /** The mean tilt allowed over the last second, rad. */
  private static final double SETTLED_TILT = 0.05;

  /**
   * The start tilt of the balancing test, rad, and how far the first observation may be from it.
   */
  private static final double START_TILT = 0.1;

  private static final double START_TOLERANCE = 0.05;

  private static final String JOINT_STATE_READER =
      """
      import sys
      import rospy
      from sensor_msgs.msg import JointState
      rospy.init_node(sys.argv[1])
      def on_state(m):
          print("names %s position %.4f" % (",".join(m.name), m.position[1]), flush=True)
      rospy.Subscriber(sys.argv[2], JointState, on_state)
      rospy.spin()
      """;

  private static RosTestMaster ros;

  @BeforeAll
  static void startRos() throws Exception {
    ros = RosTestMaster.start();
  }

  @AfterAll
  static void stopRos() {
    if (ros != null) {
      ros.close();
    }
  }

  @Test
  void delosRosExposesTheCartPoleUntilStoppedAndPrintsItsTopics() throws Exception {
    assertThat(new CommandLine(new DelosCommand()).getSubcommands()).containsKey("ros");
    RosCommand command = new RosCommand();
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(command).setOut(new PrintWriter(printed, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread run =
        new Thread(
            () ->
                exit.set(
                    cli.execute(
                        "--master",
                        ros.uri().toString(),
                        "--host",
                        "127.0.0.1",
                        "--systems",
                        "cartpole")));
    run.start();
    Process reader = null;
    try {
      awaitTrue("the topics to be printed", () -> printed.toString().contains("Ctrl-C stops"));
      assertThat(printed.toString())
          .contains(
              "/cartpole/joint_states",
              "/cartpole/observation",
              "/cartpole/command",
              "/cartpole/reset")
          .contains("[slider, hinge]")
          .contains("[force]");

      reader = ros.python("reader", JOINT_STATE_READER, "py_reader", "/cartpole/joint_states");
      awaitTrue(
          "rospy to read the cart-pole's joint states",
          () -> ros.output("reader").contains("names slider,hinge position"));
    } finally {
      if (reader != null) {
        RosTestMaster.stop(reader);
      }
      command.stop.countDown();
      run.join(30_000);
    }
    assertThat(exit.get()).isZero();
    MasterClient master = new MasterClient(ros.uri(), "/probe", Duration.ofSeconds(5));
    assertThat(master.getSystemState().publishersOf("/cartpole/joint_states")).isEmpty();
  }

  @Test
  void unknownRobotsAreRefusedWithTheKnownOnes() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new RosCommand())
            .setErr(new PrintWriter(err, true))
            .execute("--master", ros.uri().toString(), "--systems", "unicycle");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown robot 'unicycle'").contains("cartpole");
  }

  @Test
  void theLqrBalancesACartPoleItReachesOnlyThroughRosTopics() throws Exception {
    RobotSystem cartpole = Catalogue.system("cartpole");
    TaskSpec balance = cartpole.task("balance");
    TaskSpec fromTilt =
        new TaskSpec(
            balance.name(),
            balance.robot(),
            1_000_000,
            List.of(
                new TaskSpec.JointStart(
                    "hinge", new TaskSpec.Range(START_TILT, START_TILT), TaskSpec.Range.ZERO)),
            List.of(),
            balance.reward(),
            List.of(),
            balance.success(),
            balance.cost(),
            balance.terminalCost(),
            balance.operatingPoint());
    Lqr lqr =
        LqrSettings.builtIn("cartpole", "balance")
            .design(
                new SimulatorDynamics(cartpole.morphology(), SimConfig.DEFAULT),
                balance,
                cartpole.morphology().observationSpace(),
                cartpole.morphology().actionSpace());

    // The robot side: a simulated cart-pole stepping in real time behind ROS topics.
    SimulatedRobotNode robot =
        new SimulatedRobotNode("tilted_cartpole", cartpole.environment(fromTilt), 1);
    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    NodeConfiguration nodes = NodeConfiguration.newPrivate(ros.uri());
    executor.execute(robot, nodes);
    Process reader =
        ros.python(
            "tilted_reader",
            JOINT_STATE_READER,
            "py_tilted_reader",
            "/tilted_cartpole/joint_states");

    // The controller side: the LQR sees only what arrives over ROS.
    RosEnvironment env =
        RosEnvironment.open(
            nodes.withNodeName("delos_lqr"),
            RosRobotConfig.jointStatesOf(
                "tilted_cartpole", cartpole.morphology(), SimConfig.DEFAULT.controlPeriod()),
            null);
    double worst = 0;
    double settled = 0;
    int steps = 300;
    try {
      Vec o = env.reset(0);
      double start = Math.atan2(o.get(1), o.get(2));
      assertThat(start).isCloseTo(START_TILT, org.assertj.core.data.Offset.offset(START_TOLERANCE));
      for (int k = 0; k < steps; k++) {
        o = env.step(lqr.act(new State(o, null))).observation();
        double tilt = Math.abs(Math.atan2(o.get(1), o.get(2)));
        worst = Math.max(worst, tilt);
        if (k >= steps - 50) {
          settled += tilt / 50;
        }
      }
      System.out.printf(
          "LQR over ROS: start tilt %.3f rad, worst %.3f rad, mean over the last second %.4f rad,"
              + " cart at %.3f m, %d stale steps of %d, %d late simulator ticks%n",
          start, worst, settled, o.get(0), env.staleSteps(), steps, robot.lateTicks());
      assertThat(worst).isLessThan(WORST_TILT);
      assertThat(settled).isLessThan(SETTLED_TILT);

      awaitTrue(
          "rospy to read the balanced cart-pole's joint states",
          () -> ros.output("tilted_reader").contains("names slider,hinge position"));
    } finally {
      env.close();
      RosTestMaster.stop(reader);
      executor.shutdown();
    }
  }
}
