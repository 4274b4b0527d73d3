package io.delos.robots.generator;

import io.delos.sim.morphology.GroundSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One-legged hoppers: a free torso on a leg of segments ending in a horizontal foot, on flat
 * ground.
 *
 * <p>The catalogue robot has Gymnasium Hopper-v5's geometry (torso 0.4 m, thigh 0.45 m, leg 0.5 m,
 * foot 0.39 m; capsule radii 0.05, 0.05, 0.04, 0.06), its masses (MuJoCo's density 1000 kg/m³ over
 * the capsules' volumes), its joint ranges and gear 200 N·m.
 */
final class HopperFamily implements Family {
  /**
   * Motor speed limit, rad/s. MuJoCo's armature (1 kg·m² per joint in Hopper) slows the joints;
   * JBox2D has none, so the torque-speed line stands in for it.
   */
  static final double MAX_SPEED = 10;

  @Override
  public String name() {
    return "hopper";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("links");
  }

  @Override
  public String tag(int topology) {
    return topology + "link";
  }

  /** Hopper-v5 constants. */
  static Morphology catalogue() {
    return build(
        "hopper",
        9.81,
        0.4,
        3.67,
        List.of(0.45, 0.5),
        List.of(4.06, 2.78),
        List.of(0.05, 0.04),
        0.39,
        5.32,
        200,
        0.9);
  }

  @Override
  public Morphology generate(String name, int links, Ranges r, SplittableRandom random) {
    int segments = links - 2;
    double legLength = r.draw("legLength", random);
    List<Double> lengths = new ArrayList<>();
    List<Double> masses = new ArrayList<>();
    List<Double> radii = new ArrayList<>();
    for (int i = 0; i < segments; i++) {
      double l = legLength / segments;
      lengths.add(l);
      masses.add(r.draw("massPerMetre", random) * l);
      radii.add(0.045);
    }
    return build(
        name,
        r.draw("gravity", random),
        r.draw("torsoLength", random),
        r.draw("torsoMass", random),
        lengths,
        masses,
        radii,
        r.draw("footLength", random),
        r.draw("footMass", random),
        r.draw("gear", random),
        r.draw("friction", random));
  }

  /**
   * Builds a hopper standing on flat ground at y = 0, foot 4 cm above it.
   *
   * @param g gravity, m/s²
   * @param torsoLength m
   * @param torsoMass kg
   * @param lengths leg segment lengths from hip down, m
   * @param masses leg segment masses, kg
   * @param radii leg segment capsule radii, m
   * @param footLength m
   * @param footMass kg
   * @param gear torque per unit action of every joint, N·m
   * @param friction ground and body friction coefficient
   */
  static Morphology build(
      String name,
      double g,
      double torsoLength,
      double torsoMass,
      List<Double> lengths,
      List<Double> masses,
      List<Double> radii,
      double footLength,
      double footMass,
      double gear,
      double friction) {
    double footY = 0.1;
    double legTotal = lengths.stream().mapToDouble(Double::doubleValue).sum();
    double hipY = footY + legTotal;
    MorphologyBuilder b =
        new MorphologyBuilder(
            name,
            new WorldSpec(new Point(0, -g), null).withGround(GroundSpec.flat(0, 100, friction)));
    Point torsoCentre = new Point(0, hipY + torsoLength / 2);
    b.capsule(
        "torso",
        torsoCentre,
        new Point(0, hipY + torsoLength),
        new Point(0, hipY),
        0.05,
        torsoMass);
    b.replaceLast(b.last().withFriction(friction));
    String parent = "torso";
    double y = hipY;
    String[] names = {"thigh", "leg", "shin", "calf", "lower"};
    for (int i = 0; i < lengths.size(); i++) {
      String body = i < names.length ? names[i] : "segment" + i;
      b.capsule(
          body,
          new Point(0, y),
          new Point(0, y),
          new Point(0, y - lengths.get(i)),
          radii.get(i),
          masses.get(i));
      b.replaceLast(b.last().withFriction(friction));
      b.revolute(body + "_joint", parent, body, new Point(0, y), -2.618, 0, 0);
      b.torque(body + "_motor", body + "_joint", gear, MAX_SPEED);
      parent = body;
      y -= lengths.get(i);
    }
    b.capsule(
        "foot",
        new Point(0, footY),
        new Point(-footLength / 3, footY),
        new Point(2 * footLength / 3, footY),
        0.06,
        footMass);
    b.replaceLast(b.last().withFriction(2.0));
    b.revolute("foot_joint", parent, "foot", new Point(0, footY), -0.785, 0.785, 0);
    b.torque("foot_motor", "foot_joint", gear, MAX_SPEED);
    b.sensor(new SensorSpec.Contact("foot_contact", "foot"));
    return b.build();
  }
}
