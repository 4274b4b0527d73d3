package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Torque-driven pendulums: a chain of 1 to n thin rods hinged to the world, upright at zero angle.
 *
 * <p>The catalogue robot matches Gymnasium's Pendulum-v1: a 1 m rod of 1 kg, g = 10 m/s², torque up
 * to 2 N·m, speed limited to 8 rad/s.
 */
final class PendulumFamily implements Family {
  /** Width of every rod, metres: thin enough that the inertia is within 0.05% of a line. */
  static final double ROD_HALF_WIDTH = 0.01;

  @Override
  public String name() {
    return "pendulum";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("links");
  }

  @Override
  public String tag(int topology) {
    return topology + "link";
  }

  /** Pendulum-v1: one 1 m, 1 kg rod, g 10, torque ±2 N·m, speed 8 rad/s. */
  static Morphology catalogue() {
    BodySpec pole =
        BodySpec.of(
            "pole", Pose.ORIGIN, 1.0, new ShapeSpec.Box(ROD_HALF_WIDTH, 0.5, new Point(0, 0.5), 0));
    return new MorphologyBuilder("pendulum", new WorldSpec(new Point(0, -10), null))
        .body(pole)
        .joint(JointSpec.revolute("hinge", JointSpec.WORLD, "pole", Point.ORIGIN))
        .actuator(
            new ActuatorSpec.JointMotor("torque", "hinge", MotorMode.TORQUE, -2, 2, 1, 2, 8, 0, 0))
        .build();
  }

  @Override
  public Morphology generate(String name, int links, Ranges r, SplittableRandom random) {
    double g = r.draw("gravity", random);
    MorphologyBuilder b = new MorphologyBuilder(name, new WorldSpec(new Point(0, -g), null));
    double y = 0;
    String parent = JointSpec.WORLD;
    for (int i = 0; i < links; i++) {
      double length = r.draw("linkLength", random);
      double mass = r.draw("linkMass", random);
      String body = "link" + i;
      b.body(
          BodySpec.of(
              body,
              new Pose(0, y, 0),
              mass,
              new ShapeSpec.Box(ROD_HALF_WIDTH, length / 2, new Point(0, length / 2), 0)));
      b.joint(
          JointSpec.revolute("hinge" + i, parent, body, new Point(0, y))
              .withDamping(r.draw("damping", random)));
      double torque = r.draw("maxTorque", random);
      b.actuator(
          new ActuatorSpec.JointMotor(
              "torque" + i,
              "hinge" + i,
              MotorMode.TORQUE,
              -1,
              1,
              torque,
              torque,
              r.draw("maxSpeed", random),
              0,
              0));
      parent = body;
      y += length;
    }
    return b.build();
  }
}
