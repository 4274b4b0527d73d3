package io.delos.robots.ros.bridge;

import static io.delos.robots.ros.RosHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.format.MorphologyFormat;
import io.delos.robots.ros.ConnectedNode;
import io.delos.robots.ros.DefaultNodeFactory;
import io.delos.robots.ros.DefaultNodeMainExecutor;
import io.delos.robots.ros.NodeMainExecutor;
import io.delos.robots.ros.Publisher;
import io.delos.robots.ros.RosHarness;
import io.delos.robots.ros.msg.Float64MultiArray;
import io.delos.robots.ros.msg.Odometry;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.PassiveTask;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulated robots exposed as ROS nodes: rospy reads the cart-pole's joint states, rostopic and
 * rosservice drive and reset it, a Delos {@link RosEnvironment} pushes the cart, and a
 * free-floating body publishes odometry.
 */
class SimulatedRobotNodeIT {
  private static final double SIN_COS_NORM = 1e-12;

  private static RosHarness ros;

  @BeforeAll
  static void startRos() {
    ros = RosHarness.start();
  }

  @AfterAll
  static void stopRos() {
    if (ros != null) {
      ros.close();
    }
  }

  @Test
  void theCartPoleIsWatchedByRospyDrivenByCommandsAndResetByRosservice() throws Exception {
    SimulatedRobotNode cartpole =
        SimulatedRobotNode.forSystem(Catalogue.system("cartpole"), "cartpole", 7);
    assertThat(cartpole.topics().jointStates()).isEqualTo("/cartpole/joint_states");
    assertThat(cartpole.topics().odometry()).isEmpty();
    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    executor.execute(cartpole, ros.nodeConfiguration("unused").withNodeName(null));
    RosHarness.RosProcess reader =
        ros.peer("joint_state_listener.py", "py_cartpole_reader", "/cartpole/joint_states");
    RosEnvironment env =
        RosEnvironment.open(
            ros.nodeConfiguration("delos_cartpole_driver"),
            RosRobotConfig.jointStatesOf(
                "cartpole", Catalogue.system("cartpole").morphology(), 0.02),
            null);
    try {
      assertThat(cartpole.awaitStarted(60_000)).isTrue();
      reader.awaitOutput("names slider,hinge position");

      String topics = ros.run("rostopic-list", List.of("/usr/bin/rostopic", "list"));
      assertThat(topics)
          .contains("/cartpole/joint_states", "/cartpole/observation", "/cartpole/command");
      String type =
          ros.run("rosservice-type", List.of("/usr/bin/rosservice", "type", "/cartpole/reset"));
      assertThat(type.strip()).isEqualTo("std_srvs/Empty");

      long episodes = cartpole.episodes();
      Vec start = env.reset(0);
      assertThat(cartpole.episodes()).isGreaterThan(episodes);
      assertThat(start.get(1) * start.get(1) + start.get(2) * start.get(2))
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(SIN_COS_NORM));
      double x0 = start.get(0);
      Vec o = start;
      // 3 N for 0.2 s: the cart moves right while the pole stays within the task's 12 degrees.
      for (int k = 0; k < 10; k++) {
        o = env.step(new double[] {0.3}).observation();
      }
      assertThat(o.get(0)).as("cart_x after pushing right").isGreaterThan(x0);
      assertThat(o.get(3)).as("cart_v after pushing right").isPositive();

      long before = cartpole.episodes();
      ros.run("rosservice-call-reset", List.of("/usr/bin/rosservice", "call", "/cartpole/reset"));
      assertThat(cartpole.episodes()).isGreaterThan(before);

      // A command of the wrong length is ignored; the robot keeps running.
      ConnectedNode other =
          DefaultNodeFactory.newNode(ros.nodeConfiguration("delos_bad_commander"));
      try {
        Publisher<Float64MultiArray> bad =
            other.newPublisher("/cartpole/command", Float64MultiArray.TYPE);
        awaitTrue("the simulator to subscribe", bad::hasSubscribers);
        bad.publish(bad.newMessage().setData(1, 2, 3));
        long steps = cartpole.steps();
        awaitTrue("more steps", () -> cartpole.steps() > steps + 10);
      } finally {
        other.shutdown();
      }
    } finally {
      env.close();
      reader.stop();
      executor.shutdown();
    }
  }

  private static final String PUCK =
      """
      {"format": "delos-morphology", "version": 1, "name": "puck",
       "world": {"gravity": [0, 0]},
       "bodies": [{"name": "puck", "pose": [0, 1, 0], "mass": 1.0,
                   "shapes": [{"box": {"halfWidth": 0.1, "halfHeight": 0.1}}]}],
       "actuators": [{"name": "push", "type": "thruster", "body": "puck", "directionAngle": 0,
                      "range": [-1, 1], "gear": 1}],
       "sensors": [{"name": "pose", "type": "bodyPose", "body": "puck"},
                   {"name": "vel", "type": "bodyVelocity", "body": "puck"}]}
      """;

  private static final String PUCK_ODOMETRY =
      """
      {"format": "delos-ros-robot", "version": 1, "name": "puck", "controlPeriod": 0.02,
       "resetService": "/puck/reset", "resetTimeout": 60,
       "state": {"topic": "/puck/odom", "type": "nav_msgs/Odometry", "channels": [
         {"name": "x", "unit": "m", "source": "pose.position.x"},
         {"name": "y", "unit": "m", "source": "pose.position.y"},
         {"name": "yaw", "unit": "rad", "source": "pose.orientation.yaw"},
         {"name": "v", "unit": "m/s", "source": "twist.linear.x"}]},
       "command": {"topic": "/puck/command", "type": "std_msgs/Float64MultiArray", "channels": [
         {"name": "push", "unit": "1", "low": -1, "high": 1, "target": "data[0]"}]}}
      """;

  @Test
  void aFreeFloatingBodyPublishesOdometryThatARosEnvironmentReads() {
    Morphology puck = MorphologyFormat.parse(PUCK, "puck.json");
    SimulatedRobotNode node =
        new SimulatedRobotNode(
            "puck",
            new MorphologyEnvironment(puck, PassiveTask.of(1_000_000), SimConfig.DEFAULT),
            0);
    assertThat(node.topics().odometry()).containsExactly("/puck/odom");
    NodeMainExecutor executor = DefaultNodeMainExecutor.newDefault();
    executor.execute(node, ros.nodeConfiguration("unused").withNodeName(null));
    RosEnvironment env =
        RosEnvironment.open(
            ros.nodeConfiguration("delos_puck_driver"),
            RosRobotConfigFormat.parse(PUCK_ODOMETRY, "puck-odometry.json"),
            null);
    ConnectedNode watcher = DefaultNodeFactory.newNode(ros.nodeConfiguration("delos_puck_watcher"));
    try {
      List<Odometry> seen = new CopyOnWriteArrayList<>();
      watcher.newSubscriber("/puck/odom", Odometry.TYPE).addMessageListener(seen::add);
      Vec start = env.reset(0);
      assertThat(start.get(0)).isZero();
      assertThat(start.get(1)).isEqualTo(1.0);
      Vec o = start;
      for (int k = 0; k < 25; k++) {
        o = env.step(new double[] {1.0}).observation();
      }
      assertThat(o.get(0)).as("x after pushing").isPositive();
      assertThat(o.get(3)).as("forward speed after pushing").isPositive();
      awaitTrue("odometry at the watcher", () -> !seen.isEmpty());
      Odometry last = seen.get(seen.size() - 1);
      assertThat(last.getHeader().getFrameId()).isEqualTo("puck/odom");
      assertThat(last.getChildFrameId()).isEqualTo("puck/puck");
    } finally {
      env.close();
      watcher.shutdown();
      executor.shutdown();
    }
  }
}
