package io.delos.robots.ros.bridge;

import io.delos.sim.Channel;
import java.util.Objects;

/**
 * One action channel written into the robot's command message.
 *
 * <p>{@code target} names a value of the command message:
 *
 * <ul>
 *   <li>{@code geometry_msgs/Twist}: {@code linear.x}, {@code .y}, {@code .z}, {@code angular.x},
 *       {@code .y}, {@code .z} (m/s and rad/s); unmapped components are sent as 0;
 *   <li>{@code std_msgs/Float64MultiArray}: {@code data[INDEX]}; the array is as long as the
 *       highest index plus one, unmapped entries 0.
 * </ul>
 *
 * @param channel the action channel: name, unit and bounds (actions are clipped to them)
 * @param target the value of the command message, as above
 */
public record CommandField(Channel channel, String target) {
  /**
   * Validates the field; the target is checked against the command type by {@link RosRobotConfig}.
   */
  public CommandField {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(target, "target");
    if (target.isBlank()) {
      throw new IllegalArgumentException(
          "command field '"
              + channel.name()
              + "' has a blank target: name a value such as linear.x");
    }
  }
}
