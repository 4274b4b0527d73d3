package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;
import java.util.List;

/**
 * A {@code sensor_msgs/JointState}: names, positions (rad or m), velocities (rad/s or m/s) and
 * efforts (N·m or N) of joints, arrays of equal length or empty.
 */
public final class JointState extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "sensor_msgs/JointState";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<JointState> TYPE =
      MessageType.of(NAME, JointState::new, JointState::toMessage);

  /** Views {@code message}, which must be a {@code sensor_msgs/JointState}. */
  public JointState(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static JointState create() {
    return new JointState(newBuiltIn(NAME));
  }

  /** The header, a view. */
  public Header getHeader() {
    return new Header(toMessage().getMessage("header"));
  }

  /** The joint names. */
  public List<String> getName() {
    return toMessage().getStrings("name");
  }

  /** Sets the joint names. */
  public JointState setName(List<String> names) {
    toMessage().setStrings("name", names);
    return this;
  }

  /** The positions, rad or m, a copy. */
  public double[] getPosition() {
    return toMessage().getDoubles("position");
  }

  /** Sets the positions, rad or m. */
  public JointState setPosition(double... position) {
    toMessage().setDoubles("position", position);
    return this;
  }

  /** The velocities, rad/s or m/s, a copy. */
  public double[] getVelocity() {
    return toMessage().getDoubles("velocity");
  }

  /** Sets the velocities, rad/s or m/s. */
  public JointState setVelocity(double... velocity) {
    toMessage().setDoubles("velocity", velocity);
    return this;
  }

  /** The efforts, N·m or N, a copy. */
  public double[] getEffort() {
    return toMessage().getDoubles("effort");
  }

  /** Sets the efforts, N·m or N. */
  public JointState setEffort(double... effort) {
    toMessage().setDoubles("effort", effort);
    return this;
  }
}
