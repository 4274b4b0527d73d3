package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Acrobots: a chain of links hanging from a passive shoulder, driven only at the last joint.
 *
 * <p>The catalogue robot matches Gymnasium's Acrobot-v1: links of 1 m and 1 kg with the centre of
 * mass at 0.5 m and a moment of inertia of 1 kg·m² about it, g = 9.8 m/s², torque ±1 N·m on the
 * elbow. A rod alone has 1/12 kg·m², so each link carries a thin cross bar through its centre whose
 * length brings the inertia to the asked value (mass is spread uniformly over the shapes).
 *
 * <p>The last link's frame sits at its tip, so its pose sensor {@code tip} reports the tip
 * position.
 */
final class AcrobotFamily implements Family {
  /** Half width of rods and cross bars, metres. */
  static final double HALF_WIDTH = 0.02;

  @Override
  public String name() {
    return "acrobot";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("links");
  }

  @Override
  public String tag(int topology) {
    return topology + "link";
  }

  /** Acrobot-v1 constants. */
  static Morphology catalogue() {
    return build("acrobot", 9.8, List.of(1.0, 1.0), List.of(1.0, 1.0), List.of(1.0, 1.0), 1.0);
  }

  @Override
  public Morphology generate(String name, int links, Ranges r, SplittableRandom random) {
    List<Double> lengths = new ArrayList<>();
    List<Double> masses = new ArrayList<>();
    List<Double> inertias = new ArrayList<>();
    for (int i = 0; i < links; i++) {
      double l = r.draw("linkLength", random);
      double m = r.draw("linkMass", random);
      lengths.add(l);
      masses.add(m);
      // Inertia about the centre as a multiple of m·l², as Acrobot-v1's 1 kg·m² is for 1 kg, 1 m.
      inertias.add(r.draw("inertiaRatio", random) * m * l * l);
    }
    return build(
        name, r.draw("gravity", random), lengths, masses, inertias, r.draw("torque", random));
  }

  /**
   * Builds an acrobot hanging straight down at zero angles.
   *
   * @param g gravity, m/s²
   * @param lengths link lengths, m
   * @param masses link masses, kg
   * @param inertias moments of inertia about each link's centre, kg·m²
   * @param torque elbow torque limit, N·m
   */
  static Morphology build(
      String name,
      double g,
      List<Double> lengths,
      List<Double> masses,
      List<Double> inertias,
      double torque) {
    MorphologyBuilder b = new MorphologyBuilder(name, new WorldSpec(new Point(0, -g), null));
    int n = lengths.size();
    double y = 0;
    String parent = JointSpec.WORLD;
    for (int i = 0; i < n; i++) {
      double l = lengths.get(i);
      boolean last = i == n - 1;
      // Body frame at the top of the link, except the last link's, which sits at its tip.
      double originY = last ? y - l : y;
      double centre = y - l / 2 - originY;
      List<ShapeSpec> shapes = new ArrayList<>();
      shapes.add(new ShapeSpec.Box(HALF_WIDTH, l / 2, new Point(0, centre), 0));
      double bar = crossBarLength(l, 2 * HALF_WIDTH, inertias.get(i) / masses.get(i));
      if (bar > 0) {
        shapes.add(new ShapeSpec.Box(bar / 2, HALF_WIDTH, new Point(0, centre), 0));
      }
      String body = "link" + (i + 1);
      b.body(
          new BodySpec(body, new Pose(0, originY, 0), shapes, masses.get(i), 0.8, 0, 0, 0, null));
      String joint = i == 0 ? "shoulder" : (last ? "elbow" : "joint" + (i + 1));
      b.joint(JointSpec.revolute(joint, parent, body, new Point(0, y)));
      parent = body;
      y -= l;
    }
    b.actuator(
        new ActuatorSpec.JointMotor(
            "torque",
            "elbow",
            MotorMode.TORQUE,
            -1,
            1,
            torque,
            torque,
            Double.POSITIVE_INFINITY,
            0,
            0));
    b.sensor(new SensorSpec.BodyPose("tip", "link" + n, true, AngleEncoding.RAW));
    return b.build();
  }

  /**
   * Length of a cross bar (same width as the rod, through the rod's centre) that gives the link a
   * squared radius of gyration {@code k2} about its centre; 0 when the rod alone already has more.
   *
   * <p>With uniform density over the rod (l × w) and the bar (L × w), overlapping area counted
   * twice as the engine does: k² = [l(l² + w²) + L(L² + w²)] / (12 (l + L)); solved for L by
   * bisection.
   */
  static double crossBarLength(double l, double w, double k2) {
    double rodOnly = (l * l + w * w) / 12;
    if (k2 <= rodOnly) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    while (gyration(l, w, hi) < k2) {
      hi *= 2;
    }
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (gyration(l, w, mid) < k2) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double gyration(double l, double w, double bar) {
    return (l * (l * l + w * w) + bar * (bar * bar + w * w)) / (12 * (l + bar));
  }
}
