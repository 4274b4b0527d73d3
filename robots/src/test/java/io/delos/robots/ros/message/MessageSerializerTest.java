package io.delos.robots.ros.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Serialised bytes equal the reference bytes of the ROS notes and of genpy's {@code serialize}, and
 * every type round-trips.
 */
class MessageSerializerTest {
  private static final MessageDefinitions DEFS =
      MessageDefinitions.builtIn()
          .withMessage("test_msgs/AllTypes", MessageDefinitionsTest.ALL_TYPES);

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static String hexOf(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void twistMatchesTheReferenceBytesOfTheRosNotes() {
    Message twist = DEFS.newMessage("geometry_msgs/Twist");
    twist.getMessage("linear").setDouble("x", 0.5);
    twist.getMessage("angular").setDouble("z", 0.25);
    String expected = "000000000000e03f" + "00".repeat(32) + "000000000000d03f";
    assertThat(hexOf(MessageSerializer.serialize(twist))).isEqualTo(expected);
  }

  @Test
  void jointStateMatchesGenpy() {
    Message js = DEFS.newMessage("sensor_msgs/JointState");
    Message header = js.getMessage("header");
    header.setLong("seq", 7);
    header.setTime("stamp", new RosTime(1_700_000_000L, 123_456_789L));
    header.setString("frame_id", "base");
    js.setStrings("name", List.of("slider", "hinge"));
    js.setDoubles("position", 0.1, -0.2);
    js.setDoubles("velocity", 1.5, 0.0);
    String expected =
        "0700000000f1536515cd5b0704000000626173650200000006000000736c696465720500000068696e67"
            + "65020000009a9999999999b93f9a9999999999c9bf02000000000000000000f83f00000000000000"
            + "0000000000";
    assertThat(hexOf(MessageSerializer.serialize(js))).isEqualTo(expected);
    assertThat(MessageSerializer.deserialize(js.spec(), hex(expected))).isEqualTo(js);
  }

  @Test
  void float64MultiArrayWithALabelledDimensionMatchesGenpy() {
    Message m = DEFS.newMessage("std_msgs/Float64MultiArray");
    Message dim = DEFS.newMessage("std_msgs/MultiArrayDimension");
    dim.setString("label", "force").setLong("size", 1).setLong("stride", 1);
    m.getMessage("layout").setMessages("dim", List.of(dim));
    m.setDoubles("data", 2.5);
    assertThat(hexOf(MessageSerializer.serialize(m)))
        .isEqualTo("0100000005000000666f726365010000000100000000000000010000000000000000000440");
  }

  @Test
  void odometryMatchesGenpy() {
    Message o = DEFS.newMessage("nav_msgs/Odometry");
    o.getMessage("header").setLong("seq", 1).setTime("stamp", new RosTime(12, 34));
    o.getMessage("header").setString("frame_id", "odom");
    o.setString("child_frame_id", "base_link");
    Message pose = o.getMessage("pose").getMessage("pose");
    pose.getMessage("position").setDouble("x", 1.0).setDouble("y", -2.0);
    pose.getMessage("orientation").setDouble("z", 0.6).setDouble("w", 0.8);
    double[] cov = new double[36];
    cov[0] = 0.01;
    cov[35] = 0.02;
    o.getMessage("pose").setDoubles("covariance", cov);
    Message twist = o.getMessage("twist").getMessage("twist");
    twist.getMessage("linear").setDouble("x", 0.3);
    twist.getMessage("angular").setDouble("z", -0.1);

    String expected =
        "010000000c00000022000000040000006f646f6d09000000626173655f6c696e6b000000000000f03f"
            + "00000000000000c0"
            + "0000000000000000"
            + "0000000000000000"
            + "0000000000000000"
            + "333333333333e33f"
            + "9a9999999999e93f"
            + "7b14ae47e17a843f"
            + "0000000000000000".repeat(34)
            + "7b14ae47e17a943f"
            + "333333333333d33f"
            + "0000000000000000".repeat(4)
            + "9a9999999999b9bf"
            + "0000000000000000".repeat(36);
    assertThat(hexOf(MessageSerializer.serialize(o))).isEqualTo(expected);
    assertThat(MessageSerializer.deserialize(o.spec(), hex(expected))).isEqualTo(o);
  }

  @Test
  void setBoolRequestAndResponseMatchGenpy() {
    Message req = DEFS.newMessage("std_srvs/SetBoolRequest").setBool("data", true);
    Message res =
        DEFS.newMessage("std_srvs/SetBoolResponse")
            .setBool("success", true)
            .setString("message", "ok");
    assertThat(hexOf(MessageSerializer.serialize(req))).isEqualTo("01");
    assertThat(hexOf(MessageSerializer.serialize(res))).isEqualTo("01020000006f6b");
  }

  static Message allTypes() {
    Message a = DEFS.newMessage("test_msgs/AllTypes");
    a.setBool("flag", true).setInt("i8", -5).setInt("u8", 250).setInt("b", -1).setInt("c", 200);
    a.setInt("i16", -30000).setInt("u16", 60000).setLong("i32", -2_000_000_000L);
    a.setLong("u32", 4_000_000_000L).setLong("i64", -9_000_000_000_000_000_000L);
    a.setLong("u64", Long.parseUnsignedLong("18000000000000000000"));
    a.setDouble("f32", 1.5).setDouble("f64", -2.25).setString("s", "héllo");
    a.setTime("t", new RosTime(1, 2)).setDuration("d", new RosDuration(-3, 4));
    a.setBytes("fixed", (byte) 1, (byte) 2, (byte) 3).setInts("ints", 7, -8);
    a.setStrings("names", List.of("a", "")).set("times", List.of(new RosTime(5, 6)));
    Message p1 = DEFS.newMessage("geometry_msgs/Point").setDouble("x", 1).setDouble("y", 2);
    Message p2 = DEFS.newMessage("geometry_msgs/Point").setDouble("x", 4).setDouble("y", 5);
    p1.setDouble("z", 3);
    p2.setDouble("z", 6);
    a.setMessages("points", List.of(p1, p2));
    a.set("flags", List.of(true, false, true));
    return a;
  }

  @Test
  void everyBuiltinTypeMatchesGenpyAndRoundTrips() {
    Message a = allTypes();
    String expected =
        "01fbfaffc8d08a60ea006cca8800286bee00007c1daf931983000008c5a1d8ccf90000c03f0000000000"
            + "0002c00600000068c3a96c6c6f0100000002000000fdffffff04000000010203020000000700000"
            + "0f8ffffff02000000010000006100000000010000000500000006000000000000000000f03f00000"
            + "00000000040000000000000084000000000000010400000000000001440000000000000184003000"
            + "000010001";
    byte[] bytes = MessageSerializer.serialize(a);
    assertThat(hexOf(bytes)).isEqualTo(expected);
    assertThat(MessageSerializer.size(a)).isEqualTo(bytes.length);

    Message back = MessageSerializer.deserialize(a.spec(), bytes);
    assertThat(back).isEqualTo(a);
    assertThat(back.getInt("u8")).isEqualTo(250);
    assertThat(back.getLong("u32")).isEqualTo(4_000_000_000L);
    assertThat(Long.toUnsignedString(back.getLong("u64"))).isEqualTo("18000000000000000000");
    assertThat(back.getInt("u16")).isEqualTo(60000);
    assertThat(back.getString("s")).isEqualTo("héllo");
  }

  @Test
  void truncatedOrLyingBytesAreRejectedNamingTheField() {
    byte[] bytes = MessageSerializer.serialize(allTypes());
    MessageSpec spec = DEFS.message("test_msgs/AllTypes");
    byte[] cut = java.util.Arrays.copyOf(bytes, 40);
    assertThatThrownBy(() -> MessageSerializer.deserialize(spec, cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test_msgs/AllTypes.");

    MessageSpec js = DEFS.message("sensor_msgs/JointState");
    byte[] lying = hex("00000000 00000000 00000000 00000000 ffffff7f");
    assertThatThrownBy(() -> MessageSerializer.deserialize(js, lying))
        .hasMessageContaining("sensor_msgs/JointState.name");
  }
}
