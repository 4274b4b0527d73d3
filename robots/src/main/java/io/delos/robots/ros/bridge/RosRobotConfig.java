package io.delos.robots.ros.bridge;

import io.delos.robots.ros.internal.GraphNames;
import io.delos.sim.Channel;
import io.delos.sim.Space;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.SensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a robot reached through ROS maps onto a Delos {@link io.delos.sim.Environment}: which topic
 * carries its state and how the state becomes observation channels, which topic takes its commands
 * and how actions fill them, and the timing. Read from files with {@link RosRobotConfigFormat}.
 *
 * @param name the robot's name, for messages
 * @param stateTopic the topic carrying the state
 * @param stateType {@code sensor_msgs/JointState}, {@code nav_msgs/Odometry} or {@code
 *     std_msgs/Float64MultiArray}
 * @param observations the observation channels, in vector order
 * @param commandTopic the topic taking the commands
 * @param commandType {@code geometry_msgs/Twist} (mobile bases) or {@code
 *     std_msgs/Float64MultiArray} (joint commands)
 * @param actions the action channels, in vector order
 * @param controlPeriod the control period, s, in (0, 10]
 * @param stateTimeout how long a step waits beyond the control period for a fresh state before it
 *     returns the newest one it has, s, in [0, 60]
 * @param resetTimeout how long a reset waits for a complete state, s, in (0, 600]
 * @param resetService a {@code std_srvs/Empty} service called on reset, or null for none
 */
public record RosRobotConfig(
    String name,
    String stateTopic,
    String stateType,
    List<StateField> observations,
    String commandTopic,
    String commandType,
    List<CommandField> actions,
    double controlPeriod,
    double stateTimeout,
    double resetTimeout,
    String resetService) {

  /** Validates names, types, sources, targets and timings. */
  public RosRobotConfig {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank: name the robot");
    }
    GraphNames.require("stateTopic", stateTopic);
    GraphNames.require("commandTopic", commandTopic);
    observations = List.copyOf(observations);
    actions = List.copyOf(actions);
    if (observations.isEmpty()) {
      throw new IllegalArgumentException("observations is empty: map at least one state field");
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("actions is empty: map at least one command field");
    }
    StateDecoder.compile(stateType, observations);
    CommandEncoder.compile(commandType, actions);
    new Space(observations.stream().map(StateField::channel).toList());
    new Space(actions.stream().map(CommandField::channel).toList());
    if (!(controlPeriod > 0 && controlPeriod <= 10)) {
      throw new IllegalArgumentException(
          "controlPeriod = " + controlPeriod + " s: allowed (0, 10]");
    }
    if (!(stateTimeout >= 0 && stateTimeout <= 60)) {
      throw new IllegalArgumentException("stateTimeout = " + stateTimeout + " s: allowed [0, 60]");
    }
    if (!(resetTimeout > 0 && resetTimeout <= 600)) {
      throw new IllegalArgumentException("resetTimeout = " + resetTimeout + " s: allowed (0, 600]");
    }
    if (resetService != null) {
      GraphNames.require("resetService", resetService);
    }
  }

  /** The observation space. */
  public Space observationSpace() {
    return new Space(observations.stream().map(StateField::channel).toList());
  }

  /** The action space. */
  public Space actionSpace() {
    return new Space(actions.stream().map(CommandField::channel).toList());
  }

  /** This configuration with other timeouts, s. */
  public RosRobotConfig withTimeouts(double newStateTimeout, double newResetTimeout) {
    return new RosRobotConfig(
        name,
        stateTopic,
        stateType,
        observations,
        commandTopic,
        commandType,
        actions,
        controlPeriod,
        newStateTimeout,
        newResetTimeout,
        resetService);
  }

  /** This configuration with another reset service, or null for none. */
  public RosRobotConfig withResetService(String newResetService) {
    return new RosRobotConfig(
        name,
        stateTopic,
        stateType,
        observations,
        commandTopic,
        commandType,
        actions,
        controlPeriod,
        stateTimeout,
        resetTimeout,
        newResetService);
  }

  /**
   * The configuration that reaches a robot exposed by {@link SimulatedRobotNode} (or a real robot
   * publishing the same topics) through its joint states: the observation channels of {@code
   * morphology}, computed from joint positions (raw or sine and cosine), velocities and efforts;
   * commands as one value per actuator; the reset service. Waits up to one control period for a
   * fresh state and 10 s on reset.
   *
   * @throws IllegalArgumentException when a sensor is not a joint sensor (body poses, IMUs,
   *     contacts and ranges are not in joint states: use {@link #observationVectorOf})
   */
  public static RosRobotConfig jointStatesOf(
      String robot, Morphology morphology, double controlPeriod) {
    SimulatedRobotTopics topics = SimulatedRobotTopics.of(robot, morphology);
    List<StateField> fields = new ArrayList<>();
    List<Channel> channels = morphology.observationSpace().channels();
    int c = 0;
    for (SensorSpec s : morphology.sensors()) {
      if (s instanceof SensorSpec.JointPosition jp) {
        String src = "position[" + jp.joint() + "]";
        if (jp.encoding() == AngleEncoding.SIN_COS) {
          fields.add(new StateField(channels.get(c++), src, StateTransform.SIN));
          fields.add(new StateField(channels.get(c++), src, StateTransform.COS));
        } else {
          fields.add(StateField.of(channels.get(c++), src));
        }
      } else if (s instanceof SensorSpec.JointVelocity jv) {
        fields.add(StateField.of(channels.get(c++), "velocity[" + jv.joint() + "]"));
      } else if (s instanceof SensorSpec.ActuatorEffort ae
          && morphology.actuator(ae.actuator()) instanceof ActuatorSpec.JointMotor motor) {
        fields.add(StateField.of(channels.get(c++), "effort[" + motor.joint() + "]"));
      } else {
        throw new IllegalArgumentException(
            "sensor '"
                + s.name()
                + "' of robot '"
                + robot
                + "' is not a joint position, velocity or motor effort, so joint states do not"
                + " carry it: use observationVectorOf");
      }
    }
    return new RosRobotConfig(
        robot,
        topics.jointStates(),
        StateDecoder.JOINT_STATE,
        fields,
        topics.command(),
        CommandEncoder.FLOAT64_MULTI_ARRAY,
        commandFields(morphology),
        controlPeriod,
        controlPeriod,
        10,
        topics.reset());
  }

  /**
   * The configuration that reaches a robot exposed by {@link SimulatedRobotNode} through its
   * observation vector topic: works for every sensor kind.
   */
  public static RosRobotConfig observationVectorOf(
      String robot, Morphology morphology, double controlPeriod) {
    SimulatedRobotTopics topics = SimulatedRobotTopics.of(robot, morphology);
    List<StateField> fields = new ArrayList<>();
    List<Channel> channels = morphology.observationSpace().channels();
    for (int i = 0; i < channels.size(); i++) {
      fields.add(StateField.of(channels.get(i), "data[" + i + "]"));
    }
    return new RosRobotConfig(
        robot,
        topics.observation(),
        StateDecoder.FLOAT64_MULTI_ARRAY,
        fields,
        topics.command(),
        CommandEncoder.FLOAT64_MULTI_ARRAY,
        commandFields(morphology),
        controlPeriod,
        controlPeriod,
        10,
        topics.reset());
  }

  private static List<CommandField> commandFields(Morphology morphology) {
    List<CommandField> out = new ArrayList<>();
    List<Channel> channels = morphology.actionSpace().channels();
    for (int i = 0; i < channels.size(); i++) {
      out.add(new CommandField(channels.get(i), "data[" + i + "]"));
    }
    return out;
  }
}
