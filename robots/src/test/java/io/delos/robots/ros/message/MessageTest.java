package io.delos.robots.ros.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed access to dynamic messages: defaults, ranges, fixed lengths, copies and views. */
class MessageTest {
  private static final MessageDefinitions DEFS = MessageDefinitions.builtIn();

  @Test
  void newMessagesHoldDefaultsAndFixedArraysHaveTheirLength() {
    Message odom = DEFS.newMessage("nav_msgs/Odometry");
    assertThat(odom.getString("child_frame_id")).isEmpty();
    assertThat(odom.getMessage("pose").getDoubles("covariance")).hasSize(36).containsOnly(0.0);
    assertThat(odom.getMessage("header").getTime("stamp")).isEqualTo(RosTime.ZERO);
    assertThat(DEFS.newMessage("sensor_msgs/JointState").getStrings("name")).isEmpty();
  }

  @Test
  void nestedMessagesAreViewsAndArraysAreCopies() {
    Message twist = DEFS.newMessage("geometry_msgs/Twist");
    twist.getMessage("linear").setDouble("x", 0.5);
    assertThat(twist.getMessage("linear").getDouble("x")).isEqualTo(0.5);

    Message js = DEFS.newMessage("sensor_msgs/JointState");
    double[] p = {1, 2};
    js.setDoubles("position", p);
    p[0] = 99;
    js.getDoubles("position")[1] = 99;
    assertThat(js.getDoubles("position")).containsExactly(1, 2);
  }

  @Test
  void settersRejectValuesOutsideTheTypeNamingFieldValueAndRange() {
    Message header = DEFS.newMessage("std_msgs/Header");
    assertThatThrownBy(() -> header.setLong("seq", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("std_msgs/Header.seq = -1")
        .hasMessageContaining("[0, 4294967295]");
    assertThatThrownBy(() -> header.setDouble("seq", 1.0)).hasMessageContaining("uint32");
    assertThatThrownBy(() -> header.getString("nope")).hasMessageContaining("frame_id");
    Message pose = DEFS.newMessage("geometry_msgs/PoseWithCovariance");
    assertThatThrownBy(() -> pose.setDoubles("covariance", 1, 2))
        .hasMessageContaining("needs exactly 36");
  }

  @Test
  void genericSetConvertsNumbersAndListsAndChecksNestedTypes() {
    Message js = DEFS.newMessage("sensor_msgs/JointState");
    js.set("position", List.of(1.0, 2.5));
    assertThat(js.getDoubles("position")).containsExactly(1.0, 2.5);
    Message imu = DEFS.newMessage("sensor_msgs/Imu");
    assertThatThrownBy(() -> imu.set("orientation", DEFS.newMessage("geometry_msgs/Vector3")))
        .hasMessageContaining("geometry_msgs/Quaternion");
    Message f = DEFS.newMessage("std_msgs/Float32");
    f.set("data", 1);
    assertThat(f.getDouble("data")).isEqualTo(1.0);
  }

  @Test
  void copiesAreDeepAndEqual() {
    Message a = MessageSerializerTest.allTypes();
    Message b = a.copy();
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    b.getMessages("points").get(0).setDouble("x", 42);
    assertThat(a.getMessages("points").get(0).getDouble("x")).isEqualTo(1.0);
    assertThat(b).isNotEqualTo(a);
    assertThat(a.toString()).contains("points: [{x: 1.0");
  }
}
