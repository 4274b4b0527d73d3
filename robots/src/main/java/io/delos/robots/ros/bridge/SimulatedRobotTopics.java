package io.delos.robots.ros.bridge;

import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The ROS names under which a {@link SimulatedRobotNode} exposes one robot, all under {@code
 * /ROBOT/}.
 *
 * @param robot the robot's name, also the namespace, for example {@code "cartpole"}
 * @param node the node name, for example {@code "/delos_cartpole"}
 * @param jointStates {@code sensor_msgs/JointState} of every joint, in morphology order
 * @param observation {@code std_msgs/Float64MultiArray} holding the observation vector
 * @param command {@code std_msgs/Float64MultiArray} subscribed: one value per actuator
 * @param reset {@code std_srvs/Empty} service starting a new episode
 * @param odometry {@code nav_msgs/Odometry} topics, one per free-floating root body (none for
 *     robots fixed to the world)
 * @param jointNames the joint names in the joint states
 * @param observationChannels the observation vector's channel names
 * @param actionChannels the command vector's channel names (actuators)
 */
public record SimulatedRobotTopics(
    String robot,
    String node,
    String jointStates,
    String observation,
    String command,
    String reset,
    List<String> odometry,
    List<String> jointNames,
    List<String> observationChannels,
    List<String> actionChannels) {
  private static final Pattern ROBOT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

  /** Validates the record. */
  public SimulatedRobotTopics {
    requireRobotName(robot);
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(jointStates, "jointStates");
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(reset, "reset");
    odometry = List.copyOf(odometry);
    jointNames = List.copyOf(jointNames);
    observationChannels = List.copyOf(observationChannels);
    actionChannels = List.copyOf(actionChannels);
  }

  /**
   * Checks a robot name, which becomes a ROS namespace.
   *
   * @throws IllegalArgumentException naming the value and the allowed form
   */
  public static String requireRobotName(String robot) {
    if (robot == null || !ROBOT_NAME.matcher(robot).matches()) {
      throw new IllegalArgumentException(
          "robot name '"
              + robot
              + "': must start with a letter and hold only letters, digits and _ (a ROS name)");
    }
    return robot;
  }

  /** The names for {@code morphology} exposed as {@code robot}. */
  public static SimulatedRobotTopics of(String robot, Morphology morphology) {
    requireRobotName(robot);
    String ns = "/" + robot + "/";
    List<String> roots = new ArrayList<>();
    for (BodySpec b : morphology.bodies()) {
      if (morphology.parentJoint(b.name()) == null) {
        roots.add(b.name());
      }
    }
    List<String> odometry = new ArrayList<>();
    if (roots.size() == 1) {
      odometry.add(ns + "odom");
    } else {
      for (String r : roots) {
        odometry.add(ns + r + "/odom");
      }
    }
    return new SimulatedRobotTopics(
        robot,
        "/delos_" + robot,
        ns + "joint_states",
        ns + "observation",
        ns + "command",
        ns + "reset",
        odometry,
        morphology.joints().stream().map(JointSpec::name).toList(),
        morphology.observationSpace().names(),
        morphology.actionSpace().names());
  }

  /** Human-readable lines, one per topic or service, for printing. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(robot + " (node " + node + ")");
    lines.add("  joint states  " + jointStates + "  [sensor_msgs/JointState] joints " + jointNames);
    lines.add(
        "  observation   " + observation + "  [std_msgs/Float64MultiArray] " + observationChannels);
    lines.add("  command       " + command + "  [std_msgs/Float64MultiArray] " + actionChannels);
    lines.add("  reset         " + reset + "  [std_srvs/Empty]");
    for (String o : odometry) {
      lines.add("  odometry      " + o + "  [nav_msgs/Odometry]");
    }
    return lines;
  }
}
