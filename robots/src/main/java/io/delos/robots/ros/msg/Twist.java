package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/**
 * A {@code geometry_msgs/Twist}: linear velocity, m/s, and angular velocity, rad/s; for mobile
 * bases in the base frame.
 */
public final class Twist extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "geometry_msgs/Twist";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Twist> TYPE = MessageType.of(NAME, Twist::new, Twist::toMessage);

  /** Views {@code message}, which must be a {@code geometry_msgs/Twist}. */
  public Twist(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Twist create() {
    return new Twist(newBuiltIn(NAME));
  }

  /** The linear velocity, m/s, a view. */
  public Vector3 getLinear() {
    return new Vector3(toMessage().getMessage("linear"));
  }

  /** The angular velocity, rad/s, a view. */
  public Vector3 getAngular() {
    return new Vector3(toMessage().getMessage("angular"));
  }
}
