package io.delos.robots.ros.bridge;

import io.delos.sim.Channel;
import java.util.Objects;

/**
 * One observation channel read from the robot's state topic.
 *
 * <p>{@code source} names a value of the state message:
 *
 * <ul>
 *   <li>{@code sensor_msgs/JointState}: {@code position[JOINT]}, {@code velocity[JOINT]}, {@code
 *       effort[JOINT]}, the joint found by name in each message;
 *   <li>{@code nav_msgs/Odometry}: {@code pose.position.x}, {@code .y}, {@code .z}, {@code
 *       pose.orientation.yaw} (rad), {@code twist.linear.x}, {@code .y}, {@code .z}, {@code
 *       twist.angular.x}, {@code .y}, {@code .z};
 *   <li>{@code std_msgs/Float64MultiArray}: {@code data[INDEX]}.
 * </ul>
 *
 * @param channel the observation channel: name, unit and bounds
 * @param source the value of the state message, as above
 * @param transform applied to the value
 */
public record StateField(Channel channel, String source, StateTransform transform) {
  /**
   * Validates the field; the source is checked against the state type by {@link RosRobotConfig}.
   */
  public StateField {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transform, "transform");
    if (source.isBlank()) {
      throw new IllegalArgumentException(
          "state field '"
              + channel.name()
              + "' has a blank source: name a value such as position[joint]");
    }
  }

  /** A field taking the value as it is. */
  public static StateField of(Channel channel, String source) {
    return new StateField(channel, source, StateTransform.VALUE);
  }
}
