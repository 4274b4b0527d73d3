package io.delos.robots.ros.bridge;

import io.delos.robots.ros.message.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads observation channels out of state messages, as {@link StateField}s describe them.
 *
 * <p>Joint states may be partial (drivers often publish joint groups in separate messages): a
 * message updates only the channels whose joint it names and whose array it fills.
 */
final class StateDecoder {
  static final String JOINT_STATE = "sensor_msgs/JointState";
  static final String ODOMETRY = "nav_msgs/Odometry";
  static final String FLOAT64_MULTI_ARRAY = "std_msgs/Float64MultiArray";
  static final List<String> TYPES = List.of(JOINT_STATE, ODOMETRY, FLOAT64_MULTI_ARRAY);

  private static final Pattern JOINT_SOURCE =
      Pattern.compile("(position|velocity|effort)\\[([^\\]]+)]");
  private static final Pattern INDEX = Pattern.compile("data\\[(\\d+)]");
  private static final Map<String, ToDoubleFunction<Message>> ODOMETRY_SOURCES = odometrySources();

  private final String type;
  private final List<StateField> fields;
  private final String[] arrays;
  private final String[] joints;
  private final int[] indices;
  private final List<ToDoubleFunction<Message>> odometry;

  private StateDecoder(
      String type,
      List<StateField> fields,
      String[] arrays,
      String[] joints,
      int[] indices,
      List<ToDoubleFunction<Message>> odometry) {
    this.type = type;
    this.fields = fields;
    this.arrays = arrays;
    this.joints = joints;
    this.indices = indices;
    this.odometry = odometry;
  }

  private static Map<String, ToDoubleFunction<Message>> odometrySources() {
    Map<String, ToDoubleFunction<Message>> m = new HashMap<>();
    for (String axis : new String[] {"x", "y", "z"}) {
      m.put(
          "pose.position." + axis,
          o -> o.getMessage("pose").getMessage("pose").getMessage("position").getDouble(axis));
      m.put(
          "twist.linear." + axis,
          o -> o.getMessage("twist").getMessage("twist").getMessage("linear").getDouble(axis));
      m.put(
          "twist.angular." + axis,
          o -> o.getMessage("twist").getMessage("twist").getMessage("angular").getDouble(axis));
    }
    m.put(
        "pose.orientation.yaw",
        o -> {
          Message q = o.getMessage("pose").getMessage("pose").getMessage("orientation");
          double x = q.getDouble("x");
          double y = q.getDouble("y");
          double z = q.getDouble("z");
          double w = q.getDouble("w");
          return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
        });
    return m;
  }

  /**
   * Compiles the fields for {@code type}.
   *
   * @throws IllegalArgumentException naming the field, its source and the allowed sources
   */
  static StateDecoder compile(String type, List<StateField> fields) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("state type '" + type + "': supported are " + TYPES);
    }
    int n = fields.size();
    String[] arrays = new String[n];
    String[] joints = new String[n];
    int[] indices = new int[n];
    ToDoubleFunction<Message>[] odo = newOdometryArray(n);
    for (int i = 0; i < n; i++) {
      StateField f = fields.get(i);
      String s = f.source();
      switch (type) {
        case JOINT_STATE -> {
          Matcher m = JOINT_SOURCE.matcher(s);
          if (!m.matches()) {
            throw bad(f, type, "position[JOINT], velocity[JOINT] or effort[JOINT]");
          }
          arrays[i] = m.group(1);
          joints[i] = m.group(2);
        }
        case ODOMETRY -> {
          odo[i] = ODOMETRY_SOURCES.get(s);
          if (odo[i] == null) {
            throw bad(f, type, "one of " + new java.util.TreeSet<>(ODOMETRY_SOURCES.keySet()));
          }
        }
        default -> {
          Matcher m = INDEX.matcher(s);
          if (!m.matches()) {
            throw bad(f, type, "data[INDEX]");
          }
          indices[i] = Integer.parseInt(m.group(1));
        }
      }
    }
    return new StateDecoder(
        type, List.copyOf(fields), arrays, joints, indices, java.util.Arrays.asList(odo));
  }

  @SuppressWarnings("unchecked")
  private static ToDoubleFunction<Message>[] newOdometryArray(int n) {
    return new ToDoubleFunction[n];
  }

  private static IllegalArgumentException bad(StateField f, String type, String allowed) {
    return new IllegalArgumentException(
        "state field '"
            + f.channel().name()
            + "' source = '"
            + f.source()
            + "': a "
            + type
            + " offers "
            + allowed);
  }

  /** The state message type. */
  String type() {
    return type;
  }

  /**
   * Writes the channels {@code message} carries into {@code out} and marks them in {@code seen}.
   *
   * @return how many channels were updated
   */
  int decode(Message message, double[] out, boolean[] seen) {
    int updated = 0;
    switch (type) {
      case JOINT_STATE -> {
        List<String> names = message.getStrings("name");
        Map<String, double[]> values =
            Map.of(
                "position", message.getDoubles("position"),
                "velocity", message.getDoubles("velocity"),
                "effort", message.getDoubles("effort"));
        for (int i = 0; i < joints.length; i++) {
          int k = names.indexOf(joints[i]);
          double[] a = values.get(arrays[i]);
          if (k >= 0 && k < a.length) {
            out[i] = fields.get(i).transform().apply(a[k]);
            seen[i] = true;
            updated++;
          }
        }
      }
      case ODOMETRY -> {
        for (int i = 0; i < odometry.size(); i++) {
          out[i] = fields.get(i).transform().apply(odometry.get(i).applyAsDouble(message));
          seen[i] = true;
          updated++;
        }
      }
      default -> {
        double[] data = message.getDoubles("data");
        for (int i = 0; i < indices.length; i++) {
          if (indices[i] < data.length) {
            out[i] = fields.get(i).transform().apply(data[indices[i]]);
            seen[i] = true;
            updated++;
          }
        }
      }
    }
    return updated;
  }

  /** True when messages of this type carry a header stamp. */
  boolean stamped() {
    return !type.equals(FLOAT64_MULTI_ARRAY);
  }
}
