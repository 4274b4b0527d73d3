package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.TireSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Top-down cars (gravity off): a chassis with wheels that carry tyres. Front wheels steer on
 * position servos; the other wheels are held straight by locked hinges (limits [0, 0]) and carry
 * the drive thrusters, pushing along the wheel's rolling direction.
 *
 * <p>The catalogue car is a small four-wheeled vehicle (0.5 m × 0.24 m chassis of 1.5 kg, wheels of
 * 0.2 kg): there is no Gymnasium counterpart with physical constants (CarRacing renders pixels).
 */
final class CarFamily implements Family {
  @Override
  public String name() {
    return "car";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("wheels");
  }

  @Override
  public String tag(int topology) {
    return topology + "wheel";
  }

  /** The catalogue car. */
  static Morphology catalogue() {
    return build("car", 4, 0.25, 0.12, 1.5, 0.2, 4.0, 0.5, 3.0, 0.5);
  }

  @Override
  public Morphology generate(String name, int wheels, Ranges r, SplittableRandom random) {
    double halfLength = r.draw("halfLength", random);
    return build(
        name,
        wheels,
        halfLength,
        halfLength * r.draw("widthRatio", random),
        r.draw("chassisMass", random),
        r.draw("wheelMass", random),
        r.draw("lateralGrip", random),
        r.draw("rollingDrag", random),
        r.draw("driveForce", random),
        r.draw("steerLimit", random));
  }

  /**
   * Builds a car at the origin heading along +x.
   *
   * @param wheels 3 (one front wheel), 4 or 6 (a middle axle)
   * @param halfLength chassis half length, m
   * @param halfWidth chassis half width, m
   * @param chassisMass kg
   * @param wheelMass kg per wheel
   * @param lateralGrip tyre grip per wheel, N
   * @param rollingDrag tyre drag per wheel, N·s/m
   * @param driveForce thrust per driven wheel at full action, N
   * @param steerLimit steering range, ± rad
   */
  static Morphology build(
      String name,
      int wheels,
      double halfLength,
      double halfWidth,
      double chassisMass,
      double wheelMass,
      double lateralGrip,
      double rollingDrag,
      double driveForce,
      double steerLimit) {
    MorphologyBuilder b = new MorphologyBuilder(name, WorldSpec.topDown());
    b.body(
        BodySpec.of(
            "chassis",
            Pose.ORIGIN,
            chassisMass,
            new ShapeSpec.Box(halfLength, halfWidth, Point.ORIGIN, 0)));
    TireSpec tire = new TireSpec(lateralGrip, rollingDrag);
    double front = 0.7 * halfLength;
    double rear = -0.7 * halfLength;
    List<Point> steered = new ArrayList<>();
    List<Point> driven = new ArrayList<>();
    if (wheels == 3) {
      steered.add(new Point(front, 0));
    } else {
      steered.add(new Point(front, halfWidth));
      steered.add(new Point(front, -halfWidth));
    }
    driven.add(new Point(rear, halfWidth));
    driven.add(new Point(rear, -halfWidth));
    if (wheels == 6) {
      driven.add(new Point(0, halfWidth));
      driven.add(new Point(0, -halfWidth));
    }
    if (steered.size() + driven.size() != wheels) {
      throw new IllegalArgumentException("wheels = " + wheels + ": allowed 3, 4 or 6");
    }
    double wheelHalfLength = 0.24 * halfLength;
    double wheelHalfWidth = 0.1 * halfLength;
    for (int i = 0; i < steered.size(); i++) {
      String wheel = "steer_wheel" + i;
      addWheel(b, wheel, steered.get(i), wheelMass, wheelHalfLength, wheelHalfWidth, tire);
      b.revolute(wheel + "_joint", "chassis", wheel, steered.get(i), -steerLimit, steerLimit, 0);
      // Position servo: kp and kd sized to the wheel so the explicit force stays stable.
      b.actuator(
          new ActuatorSpec.JointMotor(
              "steer" + i,
              wheel + "_joint",
              MotorMode.SERVO,
              -steerLimit,
              steerLimit,
              1,
              0.5,
              Double.POSITIVE_INFINITY,
              0.5,
              0.01));
    }
    for (int i = 0; i < driven.size(); i++) {
      String wheel = "drive_wheel" + i;
      addWheel(b, wheel, driven.get(i), wheelMass, wheelHalfLength, wheelHalfWidth, tire);
      b.revolute(wheel + "_joint", "chassis", wheel, driven.get(i), 0, 0, 0);
      b.actuator(new ActuatorSpec.Thruster("drive" + i, wheel, Point.ORIGIN, 0, -1, 1, driveForce));
    }
    return b.build();
  }

  private static void addWheel(
      MorphologyBuilder b,
      String wheel,
      Point at,
      double mass,
      double halfLength,
      double halfWidth,
      TireSpec tire) {
    b.body(
        BodySpec.of(
                wheel,
                new Pose(at.x(), at.y(), 0),
                mass,
                new ShapeSpec.Box(halfLength, halfWidth, Point.ORIGIN, 0))
            .withTire(tire));
  }
}
