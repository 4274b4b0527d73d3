package io.delos.robots.generator;

import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Planar n-link reaching arms seen from above (no gravity), base fixed at the origin, stretched
 * along +x at zero angles. The first joint turns freely; the others are limited to ±2.8 rad.
 *
 * <p>The last link's frame sits at its tip, so its pose sensor {@code fingertip} reports the
 * fingertip position ({@code fingertip.x}, {@code fingertip.y}). The catalogue robot has the
 * geometry of Gymnasium's Reacher (links of 0.1 and 0.11 m); masses, damping and gear are chosen
 * here because MuJoCo's armature has no JBox2D counterpart.
 */
final class ReacherFamily implements Family {
  /** Limit of every joint but the first, radians. */
  static final double JOINT_LIMIT = 2.8;

  @Override
  public String name() {
    return "reacher";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("links");
  }

  @Override
  public String tag(int topology) {
    return topology + "link";
  }

  /** The catalogue reacher: two links of 0.1 m and 0.11 m, 0.1 kg each. */
  static Morphology catalogue() {
    return build(
        "reacher",
        List.of(0.1, 0.11),
        List.of(0.1, 0.1),
        List.of(0.01, 0.01),
        List.of(0.05, 0.05),
        10);
  }

  @Override
  public Morphology generate(String name, int links, Ranges r, SplittableRandom random) {
    double reach = r.draw("reach", random);
    List<Double> lengths = new ArrayList<>();
    List<Double> masses = new ArrayList<>();
    double[] weights = new double[links];
    double sum = 0;
    for (int i = 0; i < links; i++) {
      weights[i] = r.draw("lengthWeight", random);
      sum += weights[i];
    }
    for (int i = 0; i < links; i++) {
      double l = reach * weights[i] / sum;
      lengths.add(l);
      masses.add(r.draw("massPerMetre", random) * l);
    }
    // Torque in proportion to the inertia each joint moves (the distal chain about the joint,
    // stretched out), so short light links stay as lively as long ones. Damping in proportion to
    // the smaller centroidal inertia of the two links the joint connects: JBox2D applies it as an
    // explicit torque, stable only while c·h/I stays well below 2 (h the physics period).
    double gearPerInertia = r.draw("gearPerInertia", random);
    double dampingPerInertia = r.draw("dampingPerInertia", random);
    List<Double> gears = new ArrayList<>();
    List<Double> damping = new ArrayList<>();
    for (int i = 0; i < links; i++) {
      double inertia = 0;
      double from = 0;
      for (int k = i; k < links; k++) {
        double l = lengths.get(k);
        double centre = from + l / 2;
        inertia += masses.get(k) * (centre * centre + l * l / 12);
        from += l;
      }
      gears.add(gearPerInertia * inertia);
      double own = masses.get(i) * lengths.get(i) * lengths.get(i) / 12;
      double smaller =
          i == 0
              ? own
              : Math.min(own, masses.get(i - 1) * lengths.get(i - 1) * lengths.get(i - 1) / 12);
      damping.add(dampingPerInertia * smaller);
    }
    return build(name, lengths, masses, damping, gears, r.draw("maxSpeed", random));
  }

  /**
   * Builds a reacher.
   *
   * @param lengths link lengths, m
   * @param masses link masses, kg
   * @param damping joint damping per joint, N·m·s/rad
   * @param gears motor torque per unit action per joint, N·m
   * @param maxSpeed motor speed limit, rad/s
   */
  static Morphology build(
      String name,
      List<Double> lengths,
      List<Double> masses,
      List<Double> damping,
      List<Double> gears,
      double maxSpeed) {
    MorphologyBuilder b = new MorphologyBuilder(name, WorldSpec.topDown());
    double x = 0;
    String parent = "world";
    int n = lengths.size();
    for (int i = 0; i < n; i++) {
      double l = lengths.get(i);
      boolean last = i == n - 1;
      double originX = last ? x + l : x;
      String body = "link" + i;
      b.body(
          BodySpec.of(
              body,
              new Pose(originX, 0, 0),
              masses.get(i),
              new ShapeSpec.Capsule(
                  new Point(x - originX, 0), new Point(x + l - originX, 0), 0.01)));
      double limit = i == 0 ? Double.POSITIVE_INFINITY : JOINT_LIMIT;
      b.revolute("joint" + i, parent, body, new Point(x, 0), -limit, limit, damping.get(i));
      b.torque("motor" + i, "joint" + i, gears.get(i), maxSpeed);
      parent = body;
      x += l;
    }
    b.sensor(new SensorSpec.BodyPose("fingertip", "link" + (n - 1), true, AngleEncoding.RAW));
    return b.build();
  }
}
