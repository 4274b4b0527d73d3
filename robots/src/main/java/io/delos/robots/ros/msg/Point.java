package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/** A {@code geometry_msgs/Point}: a position, in m, in the frame of the enclosing message. */
public final class Point extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "geometry_msgs/Point";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Point> TYPE = MessageType.of(NAME, Point::new, Point::toMessage);

  /** Views {@code message}, which must be a {@code geometry_msgs/Point}. */
  public Point(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Point create() {
    return new Point(newBuiltIn(NAME));
  }

  /** x, m. */
  public double getX() {
    return toMessage().getDouble("x");
  }

  /** Sets x, m. */
  public Point setX(double x) {
    toMessage().setDouble("x", x);
    return this;
  }

  /** y, m. */
  public double getY() {
    return toMessage().getDouble("y");
  }

  /** Sets y, m. */
  public Point setY(double y) {
    toMessage().setDouble("y", y);
    return this;
  }

  /** z, m. */
  public double getZ() {
    return toMessage().getDouble("z");
  }

  /** Sets z, m. */
  public Point setZ(double z) {
    toMessage().setDouble("z", z);
    return this;
  }
}
