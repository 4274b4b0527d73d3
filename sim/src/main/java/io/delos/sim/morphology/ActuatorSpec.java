package io.delos.sim.morphology;

import java.util.Objects;

/**
 * Something that turns one action channel into a force or torque.
 *
 * <p>Following MuJoCo's convention, an action value {@code u} lies in {@code [low, high]} and the
 * effort is {@code gear · u}, limited to {@code ±maxEffort}.
 */
public sealed interface ActuatorSpec {
  /** Unique name; also the action channel's name. */
  String name();

  /** Lowest action value. */
  double low();

  /** Highest action value. */
  double high();

  /** Unit of the action value. */
  String unit();

  /** Name of the body the effort acts on (the child body for joint actuators). */
  String bodyOf(Morphology morphology);

  /** This actuator with its effort multiplied by {@code s}. */
  ActuatorSpec strengthened(double s);

  /**
   * A motor on a joint: a torque (revolute) or force (prismatic) motor, or a PD position servo.
   *
   * @param name unique name
   * @param joint name of the driven joint
   * @param mode torque/force motor or position servo
   * @param low lowest action; for a servo, the lowest target position (rad or m)
   * @param high highest action; for a servo, the highest target position (rad or m)
   * @param gear effort per unit action, N·m or N per unit; for a servo unused (set 1)
   * @param maxEffort effort limit, N·m or N, > 0
   * @param maxSpeed speed at which the motor can no longer push forward, rad/s or m/s, > 0 (use
   *     {@link Double#POSITIVE_INFINITY} for an ideal motor)
   * @param kp servo stiffness, N·m/rad or N/m, >= 0
   * @param kd servo damping, N·m·s/rad or N·s/m, >= 0
   */
  record JointMotor(
      String name,
      String joint,
      MotorMode mode,
      double low,
      double high,
      double gear,
      double maxEffort,
      double maxSpeed,
      double kp,
      double kd)
      implements ActuatorSpec {
    /** Validates the motor. */
    public JointMotor {
      Checks.name("actuator.name", name);
      Checks.name("actuator '" + name + "' joint", joint);
      Objects.requireNonNull(mode, "actuator '" + name + "' mode");
      checkRange(name, low, high);
      Checks.finite("actuator '" + name + "' gear", gear, "");
      Checks.positive("actuator '" + name + "' maxEffort", maxEffort, "N·m or N");
      if (!(maxSpeed > 0)) {
        throw new IllegalArgumentException(
            "actuator '" + name + "' maxSpeed = " + maxSpeed + ": must be > 0 (may be infinite)");
      }
      Checks.nonNegative("actuator '" + name + "' kp", kp, "");
      Checks.nonNegative("actuator '" + name + "' kd", kd, "");
    }

    /** A torque motor with action in [-1, 1] and effort {@code gear · u}. */
    public static JointMotor torque(String name, String joint, double gear) {
      return new JointMotor(
          name,
          joint,
          MotorMode.TORQUE,
          -1,
          1,
          gear,
          Math.abs(gear),
          Double.POSITIVE_INFINITY,
          0,
          0);
    }

    @Override
    public String unit() {
      return mode == MotorMode.TORQUE ? "1" : "rad or m";
    }

    @Override
    public String bodyOf(Morphology morphology) {
      return morphology.joint(joint).child();
    }

    @Override
    public ActuatorSpec strengthened(double s) {
      return new JointMotor(
          name, joint, mode, low, high, gear * s, maxEffort * s, maxSpeed, kp * s, kd * s);
    }
  }

  /**
   * A thruster fixed to a body: pushes along a direction in the body frame.
   *
   * @param name unique name
   * @param body name of the body it is fixed to
   * @param point application point in the body frame
   * @param directionAngle push direction in the body frame, radians from the body x axis
   * @param low lowest action
   * @param high highest action
   * @param gear force per unit action, newtons, > 0
   */
  record Thruster(
      String name,
      String body,
      Point point,
      double directionAngle,
      double low,
      double high,
      double gear)
      implements ActuatorSpec {
    /** Validates the thruster. */
    public Thruster {
      Checks.name("actuator.name", name);
      Checks.name("actuator '" + name + "' body", body);
      Objects.requireNonNull(point, "actuator '" + name + "' point");
      Checks.finite("actuator '" + name + "' directionAngle", directionAngle, "rad");
      checkRange(name, low, high);
      Checks.positive("actuator '" + name + "' gear", gear, "N");
    }

    @Override
    public String unit() {
      return "1";
    }

    @Override
    public String bodyOf(Morphology morphology) {
      return body;
    }

    @Override
    public ActuatorSpec strengthened(double s) {
      return new Thruster(name, body, point, directionAngle, low, high, gear * s);
    }
  }

  private static void checkRange(String name, double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low >= high) {
      throw new IllegalArgumentException(
          "actuator '" + name + "' range [" + low + ", " + high + "]: need finite low < high");
    }
  }
}
