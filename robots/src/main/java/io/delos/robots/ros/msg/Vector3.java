package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/** A {@code geometry_msgs/Vector3}: a free vector; units depend on use (m/s in a twist). */
public final class Vector3 extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "geometry_msgs/Vector3";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Vector3> TYPE =
      MessageType.of(NAME, Vector3::new, Vector3::toMessage);

  /** Views {@code message}, which must be a {@code geometry_msgs/Vector3}. */
  public Vector3(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Vector3 create() {
    return new Vector3(newBuiltIn(NAME));
  }

  /** The x component. */
  public double getX() {
    return toMessage().getDouble("x");
  }

  /** Sets the x component. */
  public Vector3 setX(double x) {
    toMessage().setDouble("x", x);
    return this;
  }

  /** The y component. */
  public double getY() {
    return toMessage().getDouble("y");
  }

  /** Sets the y component. */
  public Vector3 setY(double y) {
    toMessage().setDouble("y", y);
    return this;
  }

  /** The z component. */
  public double getZ() {
    return toMessage().getDouble("z");
  }

  /** Sets the z component. */
  public Vector3 setZ(double z) {
    toMessage().setDouble("z", z);
    return this;
  }
}
