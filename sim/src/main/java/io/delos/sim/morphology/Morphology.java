package io.delos.sim.morphology;

import io.delos.sim.Channel;
import io.delos.sim.Space;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A complete description of a planar robot: bodies, joints, actuators, sensors and its world.
 *
 * <p>The joints form a forest: each body is the child of at most one joint; bodies that are no
 * joint's child are roots (free-floating, like a quadrotor). Bodies of one robot never collide with
 * each other, only with the ground.
 *
 * <p>The action space has one channel per actuator, in order; the observation space is the
 * concatenation of the sensors' channels, in order.
 *
 * @param name robot name
 * @param world gravity and ground
 * @param bodies rigid bodies
 * @param joints joints between bodies or to the world
 * @param actuators actuators, one action channel each
 * @param sensors sensors, producing the observation channels
 */
public record Morphology(
    String name,
    WorldSpec world,
    List<BodySpec> bodies,
    List<JointSpec> joints,
    List<ActuatorSpec> actuators,
    List<SensorSpec> sensors) {

  /** Validates names, references and the tree structure. */
  public Morphology {
    Checks.name("morphology.name", name);
    Objects.requireNonNull(world, "morphology.world");
    bodies = List.copyOf(bodies);
    joints = List.copyOf(joints);
    actuators = List.copyOf(actuators);
    sensors = List.copyOf(sensors);
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("morphology '" + name + "' has no bodies");
    }
    Set<String> bodyNames = unique("body", bodies.stream().map(BodySpec::name).toList());
    if (bodyNames.contains(JointSpec.WORLD)) {
      throw new IllegalArgumentException(
          "body name '" + JointSpec.WORLD + "' is reserved for the fixed world");
    }
    unique("joint", joints.stream().map(JointSpec::name).toList());
    unique("actuator", actuators.stream().map(ActuatorSpec::name).toList());
    unique("sensor", sensors.stream().map(SensorSpec::name).toList());

    Map<String, String> parentOf = new HashMap<>();
    for (JointSpec j : joints) {
      if (!bodyNames.contains(j.child())) {
        throw new IllegalArgumentException(
            "joint '"
                + j.name()
                + "' child '"
                + j.child()
                + "' is not a body; bodies: "
                + bodyNames);
      }
      if (!j.parent().equals(JointSpec.WORLD) && !bodyNames.contains(j.parent())) {
        throw new IllegalArgumentException(
            "joint '" + j.name() + "' parent '" + j.parent() + "' is not a body or 'world'");
      }
      if (parentOf.put(j.child(), j.parent()) != null) {
        throw new IllegalArgumentException(
            "body '" + j.child() + "' is the child of two joints: each body has one parent");
      }
    }
    for (String body : bodyNames) {
      Set<String> path = new HashSet<>();
      String at = body;
      while (parentOf.containsKey(at)) {
        if (!path.add(at)) {
          throw new IllegalArgumentException("joints form a cycle through body '" + body + "'");
        }
        at = parentOf.get(at);
      }
    }
    Set<String> jointNames = new HashSet<>(joints.stream().map(JointSpec::name).toList());
    for (ActuatorSpec a : actuators) {
      if (a instanceof ActuatorSpec.JointMotor m && !jointNames.contains(m.joint())) {
        throw new IllegalArgumentException(
            "actuator '" + a.name() + "' drives unknown joint '" + m.joint() + "'");
      }
      if (a instanceof ActuatorSpec.Thruster t && !bodyNames.contains(t.body())) {
        throw new IllegalArgumentException(
            "actuator '" + a.name() + "' is fixed to unknown body '" + t.body() + "'");
      }
    }
    if (!sensors.isEmpty()) {
      // A sensor-free copy resolves the sensors' references; it has no sensors, so no recursion.
      Morphology self = new Morphology(name, world, bodies, joints, actuators, List.of());
      Set<String> channelNames = new HashSet<>();
      for (SensorSpec s : sensors) {
        for (ObservationChannel c : s.channels(self)) {
          if (!channelNames.add(c.channel().name())) {
            throw new IllegalArgumentException(
                "observation channel '" + c.channel().name() + "' appears twice");
          }
        }
      }
    }
  }

  private static Set<String> unique(String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException(what + " name '" + n + "' appears twice");
      }
    }
    return seen;
  }

  /** The body called {@code bodyName}. */
  public BodySpec body(String bodyName) {
    for (BodySpec b : bodies) {
      if (b.name().equals(bodyName)) {
        return b;
      }
    }
    throw new IllegalArgumentException("no body '" + bodyName + "' in '" + name + "'");
  }

  /** Index of the body called {@code bodyName}. */
  public int bodyIndex(String bodyName) {
    for (int i = 0; i < bodies.size(); i++) {
      if (bodies.get(i).name().equals(bodyName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no body '" + bodyName + "' in '" + name + "'");
  }

  /** The joint called {@code jointName}. */
  public JointSpec joint(String jointName) {
    for (JointSpec j : joints) {
      if (j.name().equals(jointName)) {
        return j;
      }
    }
    throw new IllegalArgumentException("no joint '" + jointName + "' in '" + name + "'");
  }

  /** The actuator called {@code actuatorName}. */
  public ActuatorSpec actuator(String actuatorName) {
    for (ActuatorSpec a : actuators) {
      if (a.name().equals(actuatorName)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no actuator '" + actuatorName + "' in '" + name + "'");
  }

  /** The joint whose child is {@code bodyName}, or {@code null} for a root body. */
  public JointSpec parentJoint(String bodyName) {
    for (JointSpec j : joints) {
      if (j.child().equals(bodyName)) {
        return j;
      }
    }
    return null;
  }

  /** Every observation channel, in vector order. */
  public List<ObservationChannel> observationChannels() {
    List<ObservationChannel> out = new ArrayList<>();
    for (SensorSpec s : sensors) {
      out.addAll(s.channels(this));
    }
    return out;
  }

  /** The observation space. */
  public Space observationSpace() {
    return new Space(observationChannels().stream().map(ObservationChannel::channel).toList());
  }

  /** The action space: one channel per actuator. */
  public Space actionSpace() {
    List<Channel> channels = new ArrayList<>();
    for (ActuatorSpec a : actuators) {
      channels.add(new Channel(a.name(), a.unit(), a.low(), a.high()));
    }
    return new Space(channels);
  }

  /** The body each action channel acts on, in action order. */
  public List<String> actionBodies() {
    return actuators.stream().map(a -> a.bodyOf(this)).toList();
  }

  /** The body tree used by structural embeddings. */
  public BodyTree bodyTree() {
    return BodyTree.of(this);
  }

  /** This morphology with other sensors. */
  public Morphology withSensors(List<SensorSpec> newSensors) {
    return new Morphology(name, world, bodies, joints, actuators, newSensors);
  }

  /** This morphology with another name. */
  public Morphology withName(String newName) {
    return new Morphology(newName, world, bodies, joints, actuators, sensors);
  }
}
