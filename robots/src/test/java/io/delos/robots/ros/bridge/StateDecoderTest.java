package io.delos.robots.ros.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageDefinitions;
import io.delos.robots.ros.msg.JointState;
import io.delos.robots.ros.msg.Odometry;
import io.delos.sim.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observation channels from joint states (also partial ones), odometry and arrays; commands back.
 */
class StateDecoderTest {
  private static final double EXACT = 0.0;
  private static final double ROUNDING = 1e-12;

  @Test
  void partialJointStatesUpdateOnlyTheJointsTheyName() {
    StateDecoder d =
        StateDecoder.compile(
            "sensor_msgs/JointState",
            List.of(
                StateField.of(Channel.unbounded("a", "rad"), "position[a]"),
                new StateField(Channel.unbounded("b.sin", "1"), "position[b]", StateTransform.SIN),
                StateField.of(Channel.unbounded("b_rate", "rad/s"), "velocity[b]")));
    double[] out = new double[3];
    boolean[] seen = new boolean[3];
    JointState first = JointState.create().setName(List.of("a")).setPosition(1.5);
    assertThat(d.decode(first.toMessage(), out, seen)).isEqualTo(1);
    assertThat(seen).containsExactly(true, false, false);
    JointState second =
        JointState.create().setName(List.of("x", "b")).setPosition(0, 0.5).setVelocity(9, 2);
    assertThat(d.decode(second.toMessage(), out, seen)).isEqualTo(2);
    assertThat(out[0]).isEqualTo(1.5);
    assertThat(out[1]).isCloseTo(Math.sin(0.5), org.assertj.core.data.Offset.offset(EXACT));
    assertThat(out[2]).isEqualTo(2.0);
    // An empty velocity array leaves the velocity channel as it was.
    JointState third = JointState.create().setName(List.of("b")).setPosition(0.25);
    d.decode(third.toMessage(), out, seen);
    assertThat(out[2]).isEqualTo(2.0);
  }

  @Test
  void odometryGivesPositionsYawAndBodyFrameTwist() {
    StateDecoder d =
        StateDecoder.compile(
            "nav_msgs/Odometry",
            List.of(
                StateField.of(Channel.unbounded("x", "m"), "pose.position.x"),
                StateField.of(Channel.unbounded("yaw", "rad"), "pose.orientation.yaw"),
                StateField.of(Channel.unbounded("v", "m/s"), "twist.linear.x"),
                StateField.of(Channel.unbounded("w", "rad/s"), "twist.angular.z")));
    Odometry o = Odometry.create();
    o.getPose().getPosition().setX(2.0);
    o.getPose().getOrientation().setYaw(-2.5);
    o.getTwist().getLinear().setX(0.3);
    o.getTwist().getAngular().setZ(0.7);
    double[] out = new double[4];
    d.decode(o.toMessage(), out, new boolean[4]);
    assertThat(out[0]).isEqualTo(2.0);
    assertThat(out[1]).isCloseTo(-2.5, org.assertj.core.data.Offset.offset(ROUNDING));
    assertThat(out[2]).isEqualTo(0.3);
    assertThat(out[3]).isEqualTo(0.7);
  }

  @Test
  void commandsFillTwistComponentsAndArrayEntries() {
    MessageDefinitions defs = MessageDefinitions.builtIn();
    CommandEncoder twist =
        CommandEncoder.compile(
            "geometry_msgs/Twist",
            List.of(
                new CommandField(Channel.unbounded("v", "m/s"), "linear.x"),
                new CommandField(Channel.unbounded("w", "rad/s"), "angular.z")));
    Message t = twist.encode(defs.message("geometry_msgs/Twist"), new double[] {0.4, -0.2});
    assertThat(t.getMessage("linear").getDouble("x")).isEqualTo(0.4);
    assertThat(t.getMessage("angular").getDouble("z")).isEqualTo(-0.2);
    assertThat(t.getMessage("linear").getDouble("y")).isEqualTo(0.0);

    CommandEncoder array =
        CommandEncoder.compile(
            "std_msgs/Float64MultiArray",
            List.of(
                new CommandField(Channel.unbounded("b", "N"), "data[2]"),
                new CommandField(Channel.unbounded("a", "N"), "data[0]")));
    Message a = array.encode(defs.message("std_msgs/Float64MultiArray"), new double[] {5, 7});
    assertThat(a.getDoubles("data")).containsExactly(7, 0, 5);
  }
}
