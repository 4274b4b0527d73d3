package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.GroundSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Planar multirotors: one rigid frame with 2 to n thrusters along its arm, each pushing along the
 * frame's up direction (tilted a little in generated variants), over flat ground.
 *
 * <p>The catalogue robot is the classic planar quadrotor: 1 kg, arm 0.2 m, two rotors each giving
 * up to 9.81 N (thrust to weight 2, hover at action 0.5). There is no Gymnasium counterpart.
 */
final class QuadrotorFamily implements Family {
  @Override
  public String name() {
    return "quadrotor";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("rotors");
  }

  @Override
  public String tag(int topology) {
    return topology + "rotor";
  }

  /** The planar quadrotor of the catalogue. */
  static Morphology catalogue() {
    return build("quadrotor", 9.81, 1.0, 0.2, 2.0, new double[] {0, 0});
  }

  @Override
  public Morphology generate(String name, int rotors, Ranges r, SplittableRandom random) {
    double[] tilts = new double[rotors];
    for (int i = 0; i < rotors; i++) {
      tilts[i] = r.draw("tilt", random);
    }
    return build(
        name,
        r.draw("gravity", random),
        r.draw("mass", random),
        r.draw("arm", random),
        r.draw("thrustToWeight", random),
        tilts);
  }

  /**
   * Builds a multirotor standing on flat ground at y = 0.
   *
   * @param g gravity, m/s²
   * @param mass kg
   * @param arm half span, m
   * @param thrustToWeight total maximum thrust over weight
   * @param tilts each thruster's tilt from the frame's up direction, rad; rotors spread evenly
   */
  static Morphology build(
      String name, double g, double mass, double arm, double thrustToWeight, double[] tilts) {
    MorphologyBuilder b =
        new MorphologyBuilder(
            name, new WorldSpec(new Point(0, -g), null).withGround(GroundSpec.flat(0, 100, 0.8)));
    b.body(
        new BodySpec(
            "drone",
            new Pose(0, 0.1, 0),
            List.of(
                new ShapeSpec.Box(arm, 0.02, Point.ORIGIN, 0),
                new ShapeSpec.Circle(0.05, Point.ORIGIN)),
            mass,
            0.8,
            0,
            0,
            0,
            null));
    int n = tilts.length;
    double gear = thrustToWeight * mass * g / n;
    for (int i = 0; i < n; i++) {
      double x = -arm + 2 * arm * i / (n - 1);
      String thruster = n == 2 ? (i == 0 ? "thrust_left" : "thrust_right") : "thrust" + i;
      b.actuator(
          new ActuatorSpec.Thruster(
              thruster, "drone", new Point(x, 0), Math.PI / 2 + tilts[i], 0, 1, gear));
    }
    return b.build();
  }
}
