package io.delos.sim.morphology;

import java.util.List;
import java.util.Objects;

/**
 * A rigid body of a robot.
 *
 * @param name unique name within the morphology
 * @param pose pose at the reference configuration (all joints at zero), world frame
 * @param shapes one or more shapes in the body frame
 * @param mass total mass in kilograms, spread uniformly over the shapes' area; > 0
 * @param friction Coulomb friction coefficient, >= 0
 * @param restitution bounce coefficient in [0, 1]
 * @param linearDamping linear velocity damping, 1/s, >= 0
 * @param angularDamping angular velocity damping, 1/s, >= 0
 * @param tire lateral tyre grip for top-down vehicles, or {@code null}
 */
public record BodySpec(
    String name,
    Pose pose,
    List<ShapeSpec> shapes,
    double mass,
    double friction,
    double restitution,
    double linearDamping,
    double angularDamping,
    TireSpec tire) {
  /** Validates the body. */
  public BodySpec {
    Checks.name("body.name", name);
    Objects.requireNonNull(pose, "body '" + name + "' pose");
    shapes = List.copyOf(shapes);
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("body '" + name + "' has no shapes: at least one needed");
    }
    Checks.positive("body '" + name + "' mass", mass, "kg");
    Checks.nonNegative("body '" + name + "' friction", friction, "");
    if (!(restitution >= 0 && restitution <= 1)) {
      throw new IllegalArgumentException(
          "body '" + name + "' restitution = " + restitution + ": must be in [0, 1]");
    }
    Checks.nonNegative("body '" + name + "' linearDamping", linearDamping, "1/s");
    Checks.nonNegative("body '" + name + "' angularDamping", angularDamping, "1/s");
  }

  /** A body with default friction 0.8, no bounce, no damping and no tyre. */
  public static BodySpec of(String name, Pose pose, double mass, ShapeSpec... shapes) {
    return new BodySpec(name, pose, List.of(shapes), mass, 0.8, 0, 0, 0, null);
  }

  /** Total shape area, square metres. */
  public double area() {
    double a = 0;
    for (ShapeSpec s : shapes) {
      a += s.area();
    }
    return a;
  }

  /** This body with another mass. */
  public BodySpec withMass(double newMass) {
    return new BodySpec(
        name, pose, shapes, newMass, friction, restitution, linearDamping, angularDamping, tire);
  }

  /** This body with another friction coefficient. */
  public BodySpec withFriction(double newFriction) {
    return new BodySpec(
        name, pose, shapes, mass, newFriction, restitution, linearDamping, angularDamping, tire);
  }

  /** This body with damping. */
  public BodySpec withDamping(double linear, double angular) {
    return new BodySpec(name, pose, shapes, mass, friction, restitution, linear, angular, tire);
  }

  /** This body with a tyre. */
  public BodySpec withTire(TireSpec newTire) {
    return new BodySpec(
        name, pose, shapes, mass, friction, restitution, linearDamping, angularDamping, newTire);
  }

  /** This body with lengths and positions scaled by {@code s}; mass unchanged. */
  public BodySpec scaled(double s) {
    return new BodySpec(
        name,
        new Pose(pose.x() * s, pose.y() * s, pose.angle()),
        shapes.stream().map(sh -> sh.scaled(s)).toList(),
        mass,
        friction,
        restitution,
        linearDamping,
        angularDamping,
        tire);
  }
}
