package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/**
 * A {@code nav_msgs/Odometry}: the pose in {@code header.frame_id} and the twist in {@code
 * child_frame_id}, each with a 6×6 row-major covariance.
 */
public final class Odometry extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "nav_msgs/Odometry";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Odometry> TYPE =
      MessageType.of(NAME, Odometry::new, Odometry::toMessage);

  /** Views {@code message}, which must be a {@code nav_msgs/Odometry}. */
  public Odometry(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Odometry create() {
    return new Odometry(newBuiltIn(NAME));
  }

  /** The header, a view. */
  public Header getHeader() {
    return new Header(toMessage().getMessage("header"));
  }

  /** The frame of the twist (the robot body). */
  public String getChildFrameId() {
    return toMessage().getString("child_frame_id");
  }

  /** Sets the frame of the twist. */
  public Odometry setChildFrameId(String frame) {
    toMessage().setString("child_frame_id", frame);
    return this;
  }

  /** The pose (pose.pose), a view. */
  public Pose getPose() {
    return new Pose(toMessage().getMessage("pose").getMessage("pose"));
  }

  /** The pose covariance, 36 values row-major over (x, y, z, roll, pitch, yaw), a copy. */
  public double[] getPoseCovariance() {
    return toMessage().getMessage("pose").getDoubles("covariance");
  }

  /** Sets the pose covariance, exactly 36 values. */
  public Odometry setPoseCovariance(double... covariance) {
    toMessage().getMessage("pose").setDoubles("covariance", covariance);
    return this;
  }

  /** The twist (twist.twist), in the child frame, a view. */
  public Twist getTwist() {
    return new Twist(toMessage().getMessage("twist").getMessage("twist"));
  }

  /** The twist covariance, 36 values, a copy. */
  public double[] getTwistCovariance() {
    return toMessage().getMessage("twist").getDoubles("covariance");
  }

  /** Sets the twist covariance, exactly 36 values. */
  public Odometry setTwistCovariance(double... covariance) {
    toMessage().getMessage("twist").setDoubles("covariance", covariance);
    return this;
  }
}
