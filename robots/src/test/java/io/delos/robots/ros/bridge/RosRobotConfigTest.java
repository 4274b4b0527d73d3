package io.delos.robots.ros.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.Channel;
import io.delos.sim.json.JsonException;
import io.delos.sim.morphology.Morphology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topic and type mapping: derived from a morphology, validated, and read from files. */
class RosRobotConfigTest {
  private static final Morphology CARTPOLE = Catalogue.system("cartpole").morphology();

  @Test
  void jointStatesOfTheCartPoleMapEveryObservationChannelToAJointValue() {
    RosRobotConfig c = RosRobotConfig.jointStatesOf("cartpole", CARTPOLE, 0.02);
    assertThat(c.observationSpace()).isEqualTo(CARTPOLE.observationSpace());
    assertThat(c.actionSpace()).isEqualTo(CARTPOLE.actionSpace());
    assertThat(c.observations())
        .extracting(StateField::source, StateField::transform)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("position[slider]", StateTransform.VALUE),
            org.assertj.core.groups.Tuple.tuple("position[hinge]", StateTransform.SIN),
            org.assertj.core.groups.Tuple.tuple("position[hinge]", StateTransform.COS),
            org.assertj.core.groups.Tuple.tuple("velocity[slider]", StateTransform.VALUE),
            org.assertj.core.groups.Tuple.tuple("velocity[hinge]", StateTransform.VALUE));
    assertThat(c.stateTopic()).isEqualTo("/cartpole/joint_states");
    assertThat(c.commandTopic()).isEqualTo("/cartpole/command");
    assertThat(c.resetService()).isEqualTo("/cartpole/reset");
    assertThat(c.actions()).extracting(CommandField::target).containsExactly("data[0]");
  }

  @Test
  void sourcesAndTargetsAreCheckedAgainstTheMessageTypes() {
    Channel x = Channel.unbounded("x", "m");
    assertThatThrownBy(
            () ->
                new RosRobotConfig(
                    "r",
                    "/odom",
                    "nav_msgs/Odometry",
                    List.of(StateField.of(x, "pose.x")),
                    "/cmd_vel",
                    "geometry_msgs/Twist",
                    List.of(new CommandField(x, "linear.x")),
                    0.1,
                    0.1,
                    10,
                    null))
        .hasMessageContaining("'x' source = 'pose.x'")
        .hasMessageContaining("pose.position.x");
    assertThatThrownBy(
            () ->
                new RosRobotConfig(
                    "r",
                    "/odom",
                    "nav_msgs/Odometry",
                    List.of(StateField.of(x, "pose.position.x")),
                    "/cmd_vel",
                    "geometry_msgs/Twist",
                    List.of(new CommandField(x, "forward")),
                    0.1,
                    0.1,
                    10,
                    null))
        .hasMessageContaining("target = 'forward'")
        .hasMessageContaining("linear.x");
    assertThatThrownBy(
            () ->
                new RosRobotConfig(
                    "r",
                    "/odom",
                    "sensor_msgs/Imu",
                    List.of(StateField.of(x, "a")),
                    "/cmd_vel",
                    "geometry_msgs/Twist",
                    List.of(new CommandField(x, "linear.x")),
                    0.1,
                    0.1,
                    10,
                    null))
        .hasMessageContaining("sensor_msgs/Imu")
        .hasMessageContaining("supported are");
    assertThatThrownBy(
            () -> RosRobotConfig.jointStatesOf("cartpole", CARTPOLE, 0.02).withTimeouts(-1, 10))
        .hasMessageContaining("stateTimeout = -1.0 s");
  }

  @Test
  void theFileFormatRoundTripsAndNamesTheLineOfAProblem() {
    RosRobotConfig c = RosRobotConfig.jointStatesOf("cartpole", CARTPOLE, 0.02);
    String text = RosRobotConfigFormat.write(c);
    assertThat(RosRobotConfigFormat.parse(text, "cartpole.json")).isEqualTo(c);

    String mobile =
        """
        {
          "format": "delos-ros-robot", "version": 1, "name": "turtlebot",
          "controlPeriod": 0.1,
          "state": {"topic": "/odom", "type": "nav_msgs/Odometry", "channels": [
            {"name": "x", "unit": "m", "source": "pose.position.x"},
            {"name": "heading.sin", "source": "pose.orientation.yaw", "transform": "sin"}]},
          "command": {"topic": "/cmd_vel", "type": "geometry_msgs/Twist", "channels": [
            {"name": "v", "unit": "m/s", "low": -0.5, "high": 0.5, "target": "linear.x"},
            {"name": "w", "unit": "rad/s", "low": -1, "high": 1, "target": "angular.z"}]}
        }
        """;
    RosRobotConfig t = RosRobotConfigFormat.parse(mobile, "turtlebot.json");
    assertThat(t.stateTimeout()).isEqualTo(0.1);
    assertThat(t.resetService()).isNull();
    assertThat(t.actionSpace().highs()).containsExactly(0.5, 1.0);
    assertThat(t.observations().get(1).transform()).isEqualTo(StateTransform.SIN);

    String bad = mobile.replace("\"transform\": \"sin\"", "\"transform\": \"tan\"");
    assertThatThrownBy(() -> RosRobotConfigFormat.parse(bad, "turtlebot.json"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("turtlebot.json:6")
        .hasMessageContaining("use value, sin or cos");
    String version = mobile.replace("\"version\": 1", "\"version\": 2");
    assertThatThrownBy(() -> RosRobotConfigFormat.parse(version, "turtlebot.json"))
        .hasMessageContaining("version 2 is not supported; supported: 1");
  }
}
