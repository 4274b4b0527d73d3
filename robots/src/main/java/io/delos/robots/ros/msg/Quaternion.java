package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/** A {@code geometry_msgs/Quaternion}: an orientation (x, y, z, w), with helpers for planar yaw. */
public final class Quaternion extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "geometry_msgs/Quaternion";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Quaternion> TYPE =
      MessageType.of(NAME, Quaternion::new, Quaternion::toMessage);

  /** Views {@code message}, which must be a {@code geometry_msgs/Quaternion}. */
  public Quaternion(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Quaternion create() {
    return new Quaternion(newBuiltIn(NAME));
  }

  /** The x component. */
  public double getX() {
    return toMessage().getDouble("x");
  }

  /** The y component. */
  public double getY() {
    return toMessage().getDouble("y");
  }

  /** The z component. */
  public double getZ() {
    return toMessage().getDouble("z");
  }

  /** The w component. */
  public double getW() {
    return toMessage().getDouble("w");
  }

  /** Sets all four components. */
  public Quaternion set(double x, double y, double z, double w) {
    toMessage().setDouble("x", x).setDouble("y", y).setDouble("z", z).setDouble("w", w);
    return this;
  }

  /**
   * The rotation about z, rad, in (-π, π]: ψ = atan2(2(wz + xy), 1 − 2(y² + z²)).
   *
   * <p>For planar robots the orientation is a pure yaw; for others this is the yaw of the ZYX Euler
   * angles.
   */
  public double getYaw() {
    double x = getX();
    double y = getY();
    double z = getZ();
    double w = getW();
    return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
  }

  /** Sets a pure rotation of {@code yaw} rad about z: (0, 0, sin(ψ/2), cos(ψ/2)). */
  public Quaternion setYaw(double yaw) {
    return set(0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2));
  }
}
