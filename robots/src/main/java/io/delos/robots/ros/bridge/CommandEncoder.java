package io.delos.robots.ros.bridge;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes action vectors into command messages, as {@link CommandField}s describe them. */
final class CommandEncoder {
  static final String TWIST = "geometry_msgs/Twist";
  static final String FLOAT64_MULTI_ARRAY = "std_msgs/Float64MultiArray";
  static final List<String> TYPES = List.of(TWIST, FLOAT64_MULTI_ARRAY);

  private static final Pattern TWIST_TARGET = Pattern.compile("(linear|angular)\\.([xyz])");
  private static final Pattern INDEX = Pattern.compile("data\\[(\\d+)]");

  private final String type;
  private final String[] parts;
  private final String[] axes;
  private final int[] indices;
  private final int length;

  private CommandEncoder(String type, String[] parts, String[] axes, int[] indices, int length) {
    this.type = type;
    this.parts = parts;
    this.axes = axes;
    this.indices = indices;
    this.length = length;
  }

  /**
   * Compiles the fields for {@code type}.
   *
   * @throws IllegalArgumentException naming the field, its target and the allowed targets
   */
  static CommandEncoder compile(String type, List<CommandField> fields) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("command type '" + type + "': supported are " + TYPES);
    }
    int n = fields.size();
    String[] parts = new String[n];
    String[] axes = new String[n];
    int[] indices = new int[n];
    int length = 0;
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      CommandField f = fields.get(i);
      if (!used.add(f.target())) {
        throw new IllegalArgumentException(
            "command field '"
                + f.channel().name()
                + "' target = '"
                + f.target()
                + "' is used twice");
      }
      if (type.equals(TWIST)) {
        Matcher m = TWIST_TARGET.matcher(f.target());
        if (!m.matches()) {
          throw bad(f, type, "linear.x|y|z or angular.x|y|z");
        }
        parts[i] = m.group(1);
        axes[i] = m.group(2);
      } else {
        Matcher m = INDEX.matcher(f.target());
        if (!m.matches()) {
          throw bad(f, type, "data[INDEX]");
        }
        indices[i] = Integer.parseInt(m.group(1));
        length = Math.max(length, indices[i] + 1);
      }
    }
    return new CommandEncoder(type, parts, axes, indices, length);
  }

  private static IllegalArgumentException bad(CommandField f, String type, String allowed) {
    return new IllegalArgumentException(
        "command field '"
            + f.channel().name()
            + "' target = '"
            + f.target()
            + "': a "
            + type
            + " offers "
            + allowed);
  }

  /** The command message type. */
  String type() {
    return type;
  }

  /** A command message of {@code spec} holding {@code action}. */
  Message encode(MessageSpec spec, double[] action) {
    Message m = new Message(spec);
    if (type.equals(TWIST)) {
      for (int i = 0; i < action.length; i++) {
        m.getMessage(parts[i]).setDouble(axes[i], action[i]);
      }
    } else {
      double[] data = new double[length];
      for (int i = 0; i < action.length; i++) {
        data[indices[i]] = action[i];
      }
      m.setDoubles("data", data);
    }
    return m;
  }
}
