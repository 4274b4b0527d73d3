package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/** A {@code geometry_msgs/Pose}: a position and an orientation. */
public final class Pose extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "geometry_msgs/Pose";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Pose> TYPE = MessageType.of(NAME, Pose::new, Pose::toMessage);

  /** Views {@code message}, which must be a {@code geometry_msgs/Pose}. */
  public Pose(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Pose create() {
    return new Pose(newBuiltIn(NAME));
  }

  /** The position, a view. */
  public Point getPosition() {
    return new Point(toMessage().getMessage("position"));
  }

  /** The orientation, a view. */
  public Quaternion getOrientation() {
    return new Quaternion(toMessage().getMessage("orientation"));
  }
}
