package io.delos.robots.ros.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MD5 sums and full definition texts of every shipped type equal what ROS 1 computes (golden values
 * from {@code rosmsg md5}, {@code rossrv md5} and genpy's {@code _full_text}; see
 * golden/README.md).
 */
class MessageDefinitionsTest {
  /** {@code rosmsg md5} / {@code rossrv md5} of every shipped type, ros_comm 1.15.15 (Noetic). */
  private static final String GOLDEN_MD5 =
      """
      actionlib_msgs/GoalID 302881f31927c1df708a2dbab0e80ee8
      actionlib_msgs/GoalStatus d388f9b87b3c471f784434d671988d4a
      actionlib_msgs/GoalStatusArray 8b2b82f13216d0a8ea88bd3af735e619
      geometry_msgs/Accel 9f195f881246fdfa2798d1d3eebca84a
      geometry_msgs/AccelStamped d8a98a5d81351b6eb0578c78557e7659
      geometry_msgs/AccelWithCovariance ad5a718d699c6be72a02b8d6a139f334
      geometry_msgs/AccelWithCovarianceStamped 96adb295225031ec8d57fb4251b0a886
      geometry_msgs/Inertia 1d26e4bb6c83ff141c5cf0d883c2b0fe
      geometry_msgs/InertiaStamped ddee48caeab5a966c5e8d166654a9ac7
      geometry_msgs/Point 4a842b65f413084dc2b10fb484ea7f17
      geometry_msgs/Point32 cc153912f1453b708d221682bc23d9ac
      geometry_msgs/PointStamped c63aecb41bfdfd6b7e1fac37c7cbe7bf
      geometry_msgs/Polygon cd60a26494a087f577976f0329fa120e
      geometry_msgs/PolygonStamped c6be8f7dc3bee7fe9e8d296070f53340
      geometry_msgs/Pose e45d45a5a1ce597b249e23fb30fc871f
      geometry_msgs/Pose2D 938fa65709584ad8e77d238529be13b8
      geometry_msgs/PoseArray 916c28c5764443f268b296bb671b9d97
      geometry_msgs/PoseStamped d3812c3cbc69362b77dc0b19b345f8f5
      geometry_msgs/PoseWithCovariance c23e848cf1b7533a8d7c259073a97e6f
      geometry_msgs/PoseWithCovarianceStamped 953b798c0f514ff060a53a3498ce6246
      geometry_msgs/Quaternion a779879fadf0160734f906b8c19c7004
      geometry_msgs/QuaternionStamped e57f1e547e0e1fd13504588ffc8334e2
      geometry_msgs/Transform ac9eff44abf714214112b05d54a3cf9b
      geometry_msgs/TransformStamped b5764a33bfeb3588febc2682852579b0
      geometry_msgs/Twist 9f195f881246fdfa2798d1d3eebca84a
      geometry_msgs/TwistStamped 98d34b0043a2093cf9d9345ab6eef12e
      geometry_msgs/TwistWithCovariance 1fe8a28e6890a4cc3ae4c3ca5c7d82e6
      geometry_msgs/TwistWithCovarianceStamped 8927a1a12fb2607ceea095b2dc440a96
      geometry_msgs/Vector3 4a842b65f413084dc2b10fb484ea7f17
      geometry_msgs/Vector3Stamped 7b324c7325e683bf02a9b14b01090ec7
      geometry_msgs/Wrench 4f539cf138b23283b520fd271b567936
      geometry_msgs/WrenchStamped d78d3cb249ce23087ade7e7d0c40cfa7
      nav_msgs/GetMapAction e611ad23fbf237c031b7536416dc7cd7
      nav_msgs/GetMapActionFeedback aae20e09065c3809e8a8e87c4c8953fd
      nav_msgs/GetMapActionGoal 4b30be6cd12b9e72826df56b481f40e0
      nav_msgs/GetMapActionResult ac66e5b9a79bb4bbd33dab245236c892
      nav_msgs/GetMapFeedback d41d8cd98f00b204e9800998ecf8427e
      nav_msgs/GetMapGoal d41d8cd98f00b204e9800998ecf8427e
      nav_msgs/GetMapResult 6cdd0a18e0aff5b0a3ca2326a89b54ff
      nav_msgs/GridCells b9e4f5df6d28e272ebde00a3994830f5
      nav_msgs/MapMetaData 10cfc8a2818024d3248802c00c95f11b
      nav_msgs/OccupancyGrid 3381f2d731d4076ec5c71b0759edbe4e
      nav_msgs/Odometry cd5e73d190d741a2f92e81eda573aca7
      nav_msgs/Path 6227e2b7e9cce15051f669a5e197bbf7
      nav_msgs/GetMap 6cdd0a18e0aff5b0a3ca2326a89b54ff
      nav_msgs/GetPlan 421c8ea4d21c6c9db7054b4bbdf1e024
      nav_msgs/LoadMap 22e647fdfbe3b23c8c9f419908afaebd
      nav_msgs/SetMap c36922319011e63ed7784112ad4fdd32
      sensor_msgs/BatteryState 4ddae7f048e32fda22cac764685e3974
      sensor_msgs/CameraInfo c9a58c1b0b154e0e6da7578cb991d214
      sensor_msgs/ChannelFloat32 3d40139cdd33dfedcb71ffeeeb42ae7f
      sensor_msgs/CompressedImage 8f7a12909da2c9d3332d540a0977563f
      sensor_msgs/FluidPressure 804dc5cea1c5306d6a2eb80b9833befe
      sensor_msgs/Illuminance 8cf5febb0952fca9d650c3d11a81a188
      sensor_msgs/Image 060021388200f6f0f447d0fcd9c64743
      sensor_msgs/Imu 6a62c6daae103f4ff57a132d6f95cec2
      sensor_msgs/JointState 3066dcd76a6cfaef579bd0f34173e9fd
      sensor_msgs/Joy 5a9ea5f83505693b71e785041e67a8bb
      sensor_msgs/JoyFeedback f4dcd73460360d98f36e55ee7f2e46f1
      sensor_msgs/JoyFeedbackArray cde5730a895b1fc4dee6f91b754b213d
      sensor_msgs/LaserEcho 8bc5ae449b200fba4d552b4225586696
      sensor_msgs/LaserScan 90c7ef2dc6895d81024acba2ac42f369
      sensor_msgs/MagneticField 2f3b0b43eed0c9501de0fa3ff89a45aa
      sensor_msgs/MultiDOFJointState 690f272f0640d2631c305eeb8301e59d
      sensor_msgs/MultiEchoLaserScan 6fefb0c6da89d7c8abe4b339f5c2f8fb
      sensor_msgs/NavSatFix 2d3a8cd499b9b4a0249fb98fd05cfa48
      sensor_msgs/NavSatStatus 331cdbddfa4bc96ffc3b9ad98900a54c
      sensor_msgs/PointCloud d8e9c3f5afbdd8a130fd1d2763945fca
      sensor_msgs/PointCloud2 1158d486dd51d683ce2f1be655c3c181
      sensor_msgs/PointField 268eacb2962780ceac86cbd17e328150
      sensor_msgs/Range c005c34273dc426c67a020a87bc24148
      sensor_msgs/RegionOfInterest bdb633039d588fcccb441a4d43ccfe09
      sensor_msgs/RelativeHumidity 8730015b05955b7e992ce29a2678d90f
      sensor_msgs/Temperature ff71b307acdbe7c871a5a6d7ed359100
      sensor_msgs/TimeReference fded64a0265108ba86c3d38fb11c0c16
      sensor_msgs/SetCameraInfo bef1df590ed75ed1f393692395e15482
      std_msgs/Bool 8b94c1b53db61fb6aed406028ad6332a
      std_msgs/Byte ad736a2e8818154c487bb80fe42ce43b
      std_msgs/ByteMultiArray 70ea476cbcfd65ac2f68f3cda1e891fe
      std_msgs/Char 1bf77f25acecdedba0e224b162199717
      std_msgs/ColorRGBA a29a96539573343b1310c73607334b00
      std_msgs/Duration 3e286caf4241d664e55f3ad380e2ae46
      std_msgs/Empty d41d8cd98f00b204e9800998ecf8427e
      std_msgs/Float32 73fcbf46b49191e672908e50842a83d4
      std_msgs/Float32MultiArray 6a40e0ffa6a17a503ac3f8616991b1f6
      std_msgs/Float64 fdb28210bfa9d7c91146260178d9a584
      std_msgs/Float64MultiArray 4b7d974086d4060e7db4613a7e6c3ba4
      std_msgs/Header 2176decaecbce78abc3b96ef049fabed
      std_msgs/Int16 8524586e34fbd7cb1c08c5f5f1ca0e57
      std_msgs/Int16MultiArray d9338d7f523fcb692fae9d0a0e9f067c
      std_msgs/Int32 da5909fbe378aeaf85e547e830cc1bb7
      std_msgs/Int32MultiArray 1d99f79f8b325b44fee908053e9c945b
      std_msgs/Int64 34add168574510e6e17f5d23ecc077ef
      std_msgs/Int64MultiArray 54865aa6c65be0448113a2afc6a49270
      std_msgs/Int8 27ffa0c9c4b8fb8492252bcad9e5c57b
      std_msgs/Int8MultiArray d7c1af35a1b4781bbe79e03dd94b7c13
      std_msgs/MultiArrayDimension 4cd0c83a8683deae40ecdac60e53bfa8
      std_msgs/MultiArrayLayout 0fed2a11c13e11c5571b4e2a995a91a3
      std_msgs/String 992ce8a1687cec8c8bd883ec73ca41d1
      std_msgs/Time cd7166c74c552c311fbcc2fe5a7bc289
      std_msgs/UInt16 1df79edf208b629fe6b81923a544552d
      std_msgs/UInt16MultiArray 52f264f1c973c4b73790d384c6cb4484
      std_msgs/UInt32 304a39449588c7f8ce2df6e8001c5fce
      std_msgs/UInt32MultiArray 4d6a180abc9be191b96a7eda6c8a233d
      std_msgs/UInt64 1b2a79973e8bf53d7b53acb71299cb57
      std_msgs/UInt64MultiArray 6088f127afb1d6c72927aa1247e945af
      std_msgs/UInt8 7c8164229e7d2c17eb95e9231617fdee
      std_msgs/UInt8MultiArray 82373f1612381bb6ee473b5cd6f5d89c
      std_srvs/Empty d41d8cd98f00b204e9800998ecf8427e
      std_srvs/SetBool 09fb03525b03e7ea1fd3992bafd87e16
      std_srvs/Trigger 937c9679a518e3a18d831e57125ea522
      """;

  private static Map<String, String> goldenMd5() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : GOLDEN_MD5.strip().split("\n")) {
      String[] parts = line.strip().split(" ");
      out.put(parts[0], parts[1]);
    }
    return out;
  }

  private static String goldenFullText(String type) throws IOException {
    String path = "golden/full-text/" + type + ".txt";
    try (InputStream in = MessageDefinitionsTest.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyShippedTypeHasAGoldenMd5AndTheTableCoversEveryShippedType() {
    MessageDefinitions defs = MessageDefinitions.builtIn();
    Map<String, String> golden = goldenMd5();
    assertThat(defs.messageTypes().size() + defs.serviceTypes().size()).isEqualTo(golden.size());
    for (String type : golden.keySet()) {
      assertThat(defs.hasMessage(type) || defs.hasService(type)).as(type).isTrue();
    }
  }

  @Test
  void md5OfEveryShippedMessageAndServiceEqualsRosmsgMd5() {
    MessageDefinitions defs = MessageDefinitions.builtIn();
    goldenMd5()
        .forEach(
            (type, md5) -> {
              String actual =
                  defs.hasService(type) ? defs.service(type).md5() : defs.message(type).md5();
              assertThat(actual).as(type).isEqualTo(md5);
            });
  }

  @Test
  void theBridgeTypesHaveTheMd5sOfTheRosNotes() {
    MessageDefinitions defs = MessageDefinitions.builtIn();
    assertThat(defs.message("geometry_msgs/Twist").md5())
        .isEqualTo("9f195f881246fdfa2798d1d3eebca84a");
    assertThat(defs.message("sensor_msgs/JointState").md5())
        .isEqualTo("3066dcd76a6cfaef579bd0f34173e9fd");
    assertThat(defs.message("nav_msgs/Odometry").md5())
        .isEqualTo("cd5e73d190d741a2f92e81eda573aca7");
    assertThat(defs.message("std_msgs/Float64MultiArray").md5())
        .isEqualTo("4b7d974086d4060e7db4613a7e6c3ba4");
    assertThat(defs.message("std_msgs/Header").md5()).isEqualTo("2176decaecbce78abc3b96ef049fabed");
    assertThat(defs.service("std_srvs/SetBool").md5())
        .isEqualTo("09fb03525b03e7ea1fd3992bafd87e16");
  }

  @Test
  void fullDefinitionOfEveryShippedMessageEqualsWhatRospySends() throws IOException {
    MessageDefinitions defs = MessageDefinitions.builtIn();
    int compared = 0;
    for (String type : defs.messageTypes()) {
      String golden = goldenFullText(type);
      assertThat(golden).as("golden full text of %s", type).isNotNull();
      assertThat(defs.message(type).definition()).as(type).isEqualTo(golden);
      compared++;
    }
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void fullDefinitionListsEachNestedTypeOnceDepthFirst() {
    String odom = MessageDefinitions.builtIn().message("nav_msgs/Odometry").definition();
    assertThat(odom.lines().filter(l -> l.startsWith("MSG: ")).toList())
        .containsExactly(
            "MSG: std_msgs/Header",
            "MSG: geometry_msgs/PoseWithCovariance",
            "MSG: geometry_msgs/Pose",
            "MSG: geometry_msgs/Point",
            "MSG: geometry_msgs/Quaternion",
            "MSG: geometry_msgs/TwistWithCovariance",
            "MSG: geometry_msgs/Twist",
            "MSG: geometry_msgs/Vector3");
  }

  @Test
  void aDefinitionWithEveryBuiltinConstantsAndNestedArraysMatchesGenpy() {
    MessageDefinitions defs =
        MessageDefinitions.builtIn().withMessage("test_msgs/AllTypes", ALL_TYPES);
    MessageSpec spec = defs.message("test_msgs/AllTypes");
    assertThat(spec.md5()).isEqualTo("6f2f419ba5d33dee73391670263d91e5");
    assertThat(spec.definition())
        .isEqualTo(
            ALL_TYPES
                + "\n"
                + "=".repeat(80)
                + "\nMSG: geometry_msgs/Point\n"
                + defs.messageText("geometry_msgs/Point"));
    assertThat(spec.constant("ANSWER").value()).isEqualTo(42L);
    assertThat(spec.constant("GREETING").value()).isEqualTo("hello # not a comment");
    assertThat(spec.field("fixed").isFixedArray()).isTrue();
    assertThat(spec.field("fixed").length()).isEqualTo(3);
    assertThat(spec.field("points").message().type()).isEqualTo("geometry_msgs/Point");
  }

  /** The test type of {@code MessageSerializerTest}; its golden MD5 comes from genpy. */
  static final String ALL_TYPES =
      """
      # Every builtin type, fixed and variable arrays, and a nested type.
      int32 ANSWER=42
      string GREETING=hello # not a comment
      bool flag
      int8 i8
      uint8 u8
      byte b
      char c
      int16 i16
      uint16 u16
      int32 i32
      uint32 u32
      int64 i64
      uint64 u64
      float32 f32
      float64 f64
      string s
      time t
      duration d
      uint8[3] fixed
      int32[] ints
      string[] names
      time[] times
      geometry_msgs/Point[2] points
      bool[] flags
      """;

  @Test
  void serviceRequestAndResponseAreMessageTypesOfTheirOwn() {
    ServiceSpec setBool = MessageDefinitions.builtIn().service("std_srvs/SetBool");
    assertThat(setBool.request().type()).isEqualTo("std_srvs/SetBoolRequest");
    assertThat(setBool.response().fields())
        .extracting(FieldSpec::name)
        .containsExactly("success", "message");
    assertThat(MessageDefinitions.builtIn().hasMessage("std_srvs/SetBoolResponse")).isTrue();
  }

  @Test
  void packagesAreLoadedFromFilesAtRunTime(@TempDir Path dir) throws IOException {
    Path msg = Files.createDirectories(dir.resolve("my_robot/msg"));
    Path srv = Files.createDirectories(dir.resolve("my_robot/srv"));
    Files.writeString(msg.resolve("Wheel.msg"), "Header header\nfloat64 speed # m/s\n");
    Files.writeString(msg.resolve("Wheels.msg"), "Wheel[] wheels\n");
    Files.writeString(srv.resolve("Brake.srv"), "float64 force\n---\nbool ok\n");
    MessageDefinitions defs = MessageDefinitions.builtIn().withPackagesUnder(dir);

    MessageSpec wheels = defs.message("my_robot/Wheels");
    assertThat(wheels.field("wheels").message().type()).isEqualTo("my_robot/Wheel");
    assertThat(wheels.field("wheels").message().field("header").baseType())
        .isEqualTo("std_msgs/Header");
    assertThat(defs.service("my_robot/Brake").request().field("force").type()).isEqualTo("float64");
    assertThat(MessageDefinitions.builtIn().hasMessage("my_robot/Wheel")).isFalse();
  }

  @Test
  void anUnknownNestedTypeIsNamedWithTheTypeThatNeedsIt() {
    MessageDefinitions defs =
        MessageDefinitions.empty().withMessage("a/Outer", "b/Missing inner\n");
    assertThatThrownBy(() -> defs.message("a/Outer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b/Missing")
        .hasMessageContaining("a/Outer");
  }

  @Test
  void badLinesAreRejectedWithTheTypeAndLine() {
    MessageDefinitions defs =
        MessageDefinitions.empty().withMessage("a/Bad", "float64 x\nfloat64 y z\n");
    assertThatThrownBy(() -> defs.message("a/Bad"))
        .hasMessageContaining("a/Bad line 2")
        .hasMessageContaining("type name");
    MessageDefinitions range = MessageDefinitions.empty().withMessage("a/C", "uint8 X=300\n");
    assertThatThrownBy(() -> range.message("a/C")).hasMessageContaining("[0, 255]");
    assertThatThrownBy(() -> MessageDefinitions.empty().withMessage("NoPackage", "int32 x"))
        .hasMessageContaining("package/Name");
  }

  @Test
  void aTypeThatContainsItselfIsRejected() {
    MessageDefinitions defs = MessageDefinitions.empty().withMessage("a/Loop", "Loop next\n");
    assertThatThrownBy(() -> defs.message("a/Loop")).hasMessageContaining("contains itself");
  }
}
