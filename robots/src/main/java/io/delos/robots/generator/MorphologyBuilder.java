package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.JointType;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a {@link Morphology} body by body, and adds the full-state observation the simulator
 * oracle needs: every joint's position and speed, every root body's pose and world velocity.
 *
 * <p>Lengths in metres, masses in kilograms, angles in radians, efforts in N·m or N. Not
 * thread-safe; one builder makes one morphology.
 */
public final class MorphologyBuilder {
  private final String name;
  private final WorldSpec world;
  private final List<BodySpec> bodies = new ArrayList<>();
  private final List<JointSpec> joints = new ArrayList<>();
  private final List<ActuatorSpec> actuators = new ArrayList<>();
  private final List<SensorSpec> extraSensors = new ArrayList<>();

  /**
   * Starts a morphology.
   *
   * @param name robot name
   * @param world gravity and ground
   */
  public MorphologyBuilder(String name, WorldSpec world) {
    this.name = name;
    this.world = world;
  }

  /** Adds a body. */
  public MorphologyBuilder body(BodySpec body) {
    bodies.add(body);
    return this;
  }

  /**
   * Adds a body made of one capsule from {@code from} to {@code to} in the world frame at the
   * reference configuration; the body frame sits at {@code origin} (world frame), unrotated.
   */
  public MorphologyBuilder capsule(
      String body, Point origin, Point from, Point to, double radius, double mass) {
    ShapeSpec s = new ShapeSpec.Capsule(from.minus(origin), to.minus(origin), radius);
    bodies.add(BodySpec.of(body, new Pose(origin.x(), origin.y(), 0), mass, s));
    return this;
  }

  /** Replaces the last added body with {@code body}; used to set friction or damping. */
  public MorphologyBuilder replaceLast(BodySpec body) {
    bodies.set(bodies.size() - 1, body);
    return this;
  }

  /** The last added body. */
  public BodySpec last() {
    return bodies.get(bodies.size() - 1);
  }

  /** Adds a joint. */
  public MorphologyBuilder joint(JointSpec joint) {
    joints.add(joint);
    return this;
  }

  /**
   * Adds a revolute joint.
   *
   * @param lower lower limit, rad, or {@link Double#NEGATIVE_INFINITY} for none
   * @param upper upper limit, rad, or {@link Double#POSITIVE_INFINITY} for none
   * @param damping viscous damping, N·m·s/rad
   */
  public MorphologyBuilder revolute(
      String joint,
      String parent,
      String child,
      Point anchor,
      double lower,
      double upper,
      double damping) {
    joints.add(
        new JointSpec(joint, JointType.REVOLUTE, parent, child, anchor, 0, lower, upper, damping));
    return this;
  }

  /**
   * Adds a torque motor with action in {@code [-1, 1]}.
   *
   * @param gear N·m (or N) per unit action
   * @param maxSpeed rad/s (or m/s) at which forward torque vanishes; infinite for an ideal motor
   */
  public MorphologyBuilder torque(String actuator, String joint, double gear, double maxSpeed) {
    actuators.add(
        new ActuatorSpec.JointMotor(
            actuator, joint, MotorMode.TORQUE, -1, 1, gear, gear, maxSpeed, 0, 0));
    return this;
  }

  /** Adds an actuator. */
  public MorphologyBuilder actuator(ActuatorSpec actuator) {
    actuators.add(actuator);
    return this;
  }

  /** Adds a sensor placed after the full-state channels. */
  public MorphologyBuilder sensor(SensorSpec sensor) {
    extraSensors.add(sensor);
    return this;
  }

  /**
   * Builds the morphology. Sensors come in this order: root poses and velocities, joint positions
   * (sin/cos for unlimited revolute joints, raw otherwise), joint speeds, then the extra sensors.
   * Channel names: {@code <root>.x/.y/.sin/.cos}, {@code <root>_vel.vx/.vy/.omega}, {@code <joint>}
   * or {@code <joint>.sin/.cos}, {@code <joint>_vel}.
   */
  public Morphology build() {
    List<SensorSpec> sensors = new ArrayList<>();
    for (BodySpec b : bodies) {
      boolean root = joints.stream().noneMatch(j -> j.child().equals(b.name()));
      if (root) {
        sensors.add(new SensorSpec.BodyPose(b.name(), b.name(), true, AngleEncoding.SIN_COS));
        sensors.add(new SensorSpec.BodyVelocity(b.name() + "_vel", b.name(), false));
      }
    }
    for (JointSpec j : joints) {
      boolean sinCos = j.type() == JointType.REVOLUTE && !j.limited();
      sensors.add(
          new SensorSpec.JointPosition(
              j.name(), j.name(), sinCos ? AngleEncoding.SIN_COS : AngleEncoding.RAW));
    }
    for (JointSpec j : joints) {
      sensors.add(new SensorSpec.JointVelocity(j.name() + "_vel", j.name()));
    }
    sensors.addAll(extraSensors);
    return new Morphology(name, world, bodies, joints, actuators, sensors);
  }
}
