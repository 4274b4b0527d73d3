package io.delos.sim.box2d;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.List;

/**
 * Multipliers on a morphology's physical parameters, as drawn by domain randomisation.
 *
 * @param massScale multiplies every body mass, > 0
 * @param lengthScale multiplies every length (shapes, positions, anchors, mounting points), > 0
 * @param frictionScale multiplies every friction coefficient (bodies and ground), > 0
 * @param motorScale multiplies every actuator's strength, > 0
 * @param gravityScale multiplies gravity, > 0
 */
public record PhysicsVariation(
    double massScale,
    double lengthScale,
    double frictionScale,
    double motorScale,
    double gravityScale) {
  /** No variation. */
  public static final PhysicsVariation NONE = new PhysicsVariation(1, 1, 1, 1, 1);

  /** Validates every multiplier. */
  public PhysicsVariation {
    check("massScale", massScale);
    check("lengthScale", lengthScale);
    check("frictionScale", frictionScale);
    check("motorScale", motorScale);
    check("gravityScale", gravityScale);
  }

  private static void check(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " = " + v + ": must be a finite number > 0");
    }
  }

  /** The morphology with these multipliers applied. */
  public Morphology apply(Morphology m) {
    if (equals(NONE)) {
      return m;
    }
    double s = lengthScale;
    List<BodySpec> bodies =
        m.bodies().stream()
            .map(
                b ->
                    b.scaled(s)
                        .withMass(b.mass() * massScale)
                        .withFriction(b.friction() * frictionScale))
            .toList();
    WorldSpec world = m.world().withGravityScaled(gravityScale);
    if (world.ground() != null) {
      world =
          world.withGround(
              new io.delos.sim.morphology.GroundSpec(
                  world.ground().profile(), world.ground().friction() * frictionScale));
    }
    List<ActuatorSpec> actuators =
        m.actuators().stream().map(a -> scaleActuator(a.strengthened(motorScale), s)).toList();
    List<SensorSpec> sensors = m.sensors().stream().map(x -> scaleSensor(x, s)).toList();
    return new Morphology(
        m.name(),
        world,
        bodies,
        m.joints().stream().map(j -> j.scaled(s)).toList(),
        actuators,
        sensors);
  }

  private static ActuatorSpec scaleActuator(ActuatorSpec a, double s) {
    if (a instanceof ActuatorSpec.Thruster t) {
      return new ActuatorSpec.Thruster(
          t.name(), t.body(), t.point().scale(s), t.directionAngle(), t.low(), t.high(), t.gear());
    }
    return a;
  }

  private static SensorSpec scaleSensor(SensorSpec x, double s) {
    if (x instanceof SensorSpec.Imu imu) {
      return new SensorSpec.Imu(imu.name(), imu.body(), imu.point().scale(s));
    }
    if (x instanceof SensorSpec.Range r) {
      return new SensorSpec.Range(r.name(), r.body(), r.point().scale(s), r.angle(), r.maxRange());
    }
    return x;
  }
}
