package io.delos.robots.generator;

import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.GroundSpec;
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
 * Planar cheetahs: a free torso with 2 to n legs of three segments (thigh, shin, foot) spread along
 * it, on flat ground.
 *
 * <p>The catalogue robot approximates Gymnasium HalfCheetah-v5: the joint positions and segment
 * ends are read off MuJoCo's capsules; masses and gears (120, 90, 60, 120, 60, 30 N·m) are
 * MuJoCo's. MuJoCo's joint damping (1.5 to 6 N·m·s/rad) is left out: JBox2D applies damping as an
 * explicit torque, unstable on segments this light; the torque-speed line damps instead. Joint
 * ranges are negated because MuJoCo's axis (0, 1, 0) turns clockwise seen from the side while Delos
 * angles turn counter-clockwise.
 */
final class CheetahFamily implements Family {
  /**
   * Motor speed limit, rad/s. MuJoCo's armature (0.1 kg·m² per joint) keeps HalfCheetah's light
   * segments from spinning up; JBox2D has none, so the torque-speed line stands in for it.
   */
  static final double MAX_SPEED = 15;

  /** A leg: the hip in the torso frame, offsets to knee, ankle and toe, and per-joint data. */
  private record Leg(
      String prefix,
      Point hip,
      List<Point> offsets,
      List<Double> masses,
      List<Double> gears,
      List<double[]> limits,
      List<Double> damping) {}

  @Override
  public String name() {
    return "cheetah";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("legs");
  }

  @Override
  public String tag(int topology) {
    return topology + "leg";
  }

  /** HalfCheetah-v5 approximation. */
  static Morphology catalogue() {
    Leg back =
        new Leg(
            "b",
            new Point(-0.5, 0),
            List.of(new Point(0.16, -0.25), new Point(-0.28, -0.14), new Point(0.055, -0.188)),
            List.of(1.54, 1.59, 1.07),
            List.of(120.0, 90.0, 60.0),
            List.of(
                new double[] {-1.05, 0.52},
                new double[] {-0.785, 0.785},
                new double[] {-0.785, 0.4}),
            List.of(0.0, 0.0, 0.0));
    Leg front =
        new Leg(
            "f",
            new Point(0.5, 0),
            List.of(new Point(-0.14, -0.24), new Point(0.13, -0.18), new Point(0.085, -0.128)),
            List.of(1.43, 1.18, 0.85),
            List.of(120.0, 60.0, 30.0),
            List.of(new double[] {-0.7, 1.0}, new double[] {-0.87, 1.2}, new double[] {-0.5, 0.5}),
            List.of(0.0, 0.0, 0.0));
    return build("cheetah", 9.81, 1.0, 6.36, 0.7, List.of(back, front), 0.4);
  }

  @Override
  public Morphology generate(String name, int legs, Ranges r, SplittableRandom random) {
    double torsoLength = r.draw("torsoLength", random);
    double scale = r.draw("legScale", random);
    double gearScale = r.draw("gearScale", random);
    double massScale = r.draw("massScale", random);
    List<Leg> list = new ArrayList<>();
    for (int i = 0; i < legs; i++) {
      double x = -torsoLength / 2 + torsoLength * i / (legs - 1);
      boolean backStyle = x < 0;
      List<Point> offsets =
          backStyle
              ? List.of(new Point(0.16, -0.25), new Point(-0.28, -0.14), new Point(0.055, -0.188))
              : List.of(new Point(-0.14, -0.24), new Point(0.13, -0.18), new Point(0.085, -0.128));
      List<Point> scaled = offsets.stream().map(p -> p.scale(scale)).toList();
      list.add(
          new Leg(
              "l" + i,
              new Point(x, 0),
              scaled,
              List.of(1.5 * massScale, 1.4 * massScale, 1.0 * massScale),
              List.of(120 * gearScale, 75 * gearScale, 45 * gearScale),
              List.of(new double[] {-0.9, 0.7}, new double[] {-0.8, 1.0}, new double[] {-0.6, 0.5}),
              List.of(0.0, 0.0, 0.0)));
    }
    double torsoMass = r.draw("torsoMassPerMetre", random) * torsoLength;
    double height = 0.12 + 0.6 * scale;
    return build(
        name,
        r.draw("gravity", random),
        torsoLength,
        torsoMass,
        height,
        list,
        r.draw("friction", random));
  }

  private static Morphology build(
      String name,
      double g,
      double torsoLength,
      double torsoMass,
      double height,
      List<Leg> legs,
      double friction) {
    double radius = 0.046;
    MorphologyBuilder b =
        new MorphologyBuilder(
            name,
            new WorldSpec(new Point(0, -g), null).withGround(GroundSpec.flat(0, 200, friction)));
    double half = torsoLength / 2;
    b.body(
        new BodySpec(
            "torso",
            new Pose(0, height, 0),
            List.of(
                new ShapeSpec.Capsule(new Point(-half, 0), new Point(half, 0), radius),
                new ShapeSpec.Capsule(
                    new Point(half - 0.015, 0.003), new Point(half + 0.215, 0.197), radius)),
            torsoMass,
            friction,
            0,
            0,
            0,
            null));
    String[] segment = {"thigh", "shin", "foot"};
    for (Leg leg : legs) {
      Point at = new Point(leg.hip().x(), height + leg.hip().y());
      String parent = "torso";
      for (int k = 0; k < 3; k++) {
        String body = leg.prefix() + segment[k];
        Point end = at.plus(leg.offsets().get(k));
        b.capsule(body, at, at, end, radius, leg.masses().get(k));
        b.replaceLast(b.last().withFriction(friction));
        double[] lim = leg.limits().get(k);
        b.revolute(body + "_joint", parent, body, at, lim[0], lim[1], leg.damping().get(k));
        b.torque(body + "_motor", body + "_joint", leg.gears().get(k), MAX_SPEED);
        parent = body;
        at = end;
      }
      b.sensor(new SensorSpec.Contact(leg.prefix() + "foot_contact", parent));
    }
    return b.build();
  }
}
