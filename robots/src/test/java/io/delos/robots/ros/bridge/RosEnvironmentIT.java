package io.delos.robots.ros.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.ros.ConnectedNode;
import io.delos.robots.ros.DefaultNodeFactory;
import io.delos.robots.ros.RosHarness;
import io.delos.robots.ros.msg.Twist;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A "real robot" made of rospy peers (a joint state talker and a twist listener) driven through
 * {@link RosEnvironment}: observations from joint states, clipped Twist commands, stale states when
 * the robot goes quiet, a stop command on close.
 */
class RosEnvironmentIT {
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

  private static final String CONFIG =
      """
      {
        "format": "delos-ros-robot", "version": 1, "name": "rospy_robot",
        "controlPeriod": 0.05, "stateTimeout": 0.05, "resetTimeout": 60,
        "state": {"topic": "/rob/joint_states", "type": "sensor_msgs/JointState", "channels": [
          {"name": "a", "unit": "rad", "source": "position[a]"},
          {"name": "b_rate", "unit": "rad/s", "source": "velocity[b]"}]},
        "command": {"topic": "/rob/cmd_vel", "type": "geometry_msgs/Twist", "channels": [
          {"name": "v", "unit": "m/s", "low": -1, "high": 1, "target": "linear.x"},
          {"name": "w", "unit": "rad/s", "low": -1, "high": 1, "target": "angular.z"}]}
      }
      """;

  @Test
  void aRospyRobotIsSteppedThroughJointStatesAndTwistCommands() {
    RosRobotConfig config = RosRobotConfigFormat.parse(CONFIG, "rospy_robot.json");
    RosHarness.RosProcess robotState =
        ros.peer("joint_state_talker.py", "py_robot_state", "/rob/joint_states");
    RosHarness.RosProcess robotDrive =
        ros.peer("twist_listener.py", "py_robot_drive", "/rob/cmd_vel");
    RosEnvironment env =
        RosEnvironment.open(ros.nodeConfiguration("delos_env_rospy"), config, null);
    try {
      Vec first = env.reset(0);
      assertThat(first.get(1)).isEqualTo(0.25);
      double previous = first.get(0);
      StepResult last = null;
      for (int k = 0; k < 40; k++) {
        last = env.step(new double[] {0.5, 2.0});
        assertThat(last.info().actionClipped()).isTrue();
        assertThat(last.observation().get(0)).isGreaterThanOrEqualTo(previous);
        previous = last.observation().get(0);
      }
      assertThat(previous).isGreaterThan(first.get(0));
      assertThat(last.done()).isFalse();
      assertThat(env.time()).isPositive();
      robotDrive.awaitOutput("twist 0.5000 1.0000");

      assertThatThrownBy(env::snapshot)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("rospy_robot");
      assertThatThrownBy(() -> env.step(new double[] {Double.NaN, 0}))
          .hasMessageContaining("action[0] (v) = NaN");

      // The robot goes quiet: steps go on with the newest state instead of failing.
      robotState.stop();
      long staleBefore = env.staleSteps();
      for (int k = 0; k < 10; k++) {
        env.step(new double[] {0.1, 0});
      }
      assertThat(env.staleSteps()).isGreaterThan(staleBefore);
    } finally {
      env.close();
    }
    robotDrive.awaitOutput("twist 0.0000 0.0000");
    robotDrive.stop();
  }

  @Test
  void resetFailsClearlyWhenNoStateArrives() {
    ConnectedNode drive = DefaultNodeFactory.newNode(ros.nodeConfiguration("delos_silent_drive"));
    drive.newSubscriber("/rob/cmd_vel", Twist.TYPE);
    RosRobotConfig config =
        RosRobotConfigFormat.parse(CONFIG, "rospy_robot.json").withTimeouts(0.05, 2.0);
    RosEnvironment env =
        RosEnvironment.open(ros.nodeConfiguration("delos_env_silent"), config, null);
    try {
      assertThatThrownBy(() -> env.reset(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no complete state of robot 'rospy_robot' on /rob/joint_states")
          .hasMessageContaining("a <- position[a]");
      assertThatThrownBy(() -> env.step(new double[] {0, 0})).hasMessageContaining("before reset");
    } finally {
      env.close();
      drive.shutdown();
    }
  }
}
