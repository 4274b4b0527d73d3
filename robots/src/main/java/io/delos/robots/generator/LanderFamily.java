package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.GroundSpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.JointType;
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
 * Lunar landers: a polygon body with legs hinged at its centre, a main engine and two side engines,
 * over a terrain whose landing pad spans x ∈ [-2, 2] m at y = 0.
 *
 * <p>The catalogue lander has LunarLander-v3's constants with its SCALE of 30 px/m undone: the
 * lander polygon with density 5 (4.82 kg), legs of 4/30 × 16/30 m with density 1, hinged at the
 * lander centre and hanging 20/30 m out and 18/30 m down, gravity 10 m/s², the main engine's
 * full-throttle impulse of 13 × 4/30 N·s per 1/50 s frame (86.7 N), the side engines' 0.6 × 12/30
 * N·s per frame (12 N) applied 14/30 m above the centre, lander friction 0.1 and ground friction
 * 0.1. Start 10 m above the pad.
 */
final class LanderFamily implements Family {
  /** LunarLander's pixels per metre. */
  static final double SCALE = 30;

  /**
   * A fixed terrain profile: x from -10 to 10 m every 2 m, the pad flat at y = 0; steep walls 14 m
   * high at x = ±12 m keep a lander that is not stopped by its task from leaving the world.
   */
  static final double[] TERRAIN = {1.6, 0.9, 1.8, 0.7, 0, 0, 0, 0.6, 1.5, 0.8, 2.0};

  @Override
  public String name() {
    return "lander";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("legs");
  }

  @Override
  public String tag(int topology) {
    return topology + "leg";
  }

  /** LunarLander-v3 constants. */
  static Morphology catalogue() {
    return build("lander", 10, 5, 86.7, 12, 2, 1.0);
  }

  @Override
  public Morphology generate(String name, int legs, Ranges r, SplittableRandom random) {
    return build(
        name,
        r.draw("gravity", random),
        r.draw("density", random),
        r.draw("mainForce", random),
        r.draw("sideForce", random),
        legs,
        r.draw("legSpread", random));
  }

  /**
   * Builds a lander 10 m above the pad.
   *
   * @param g gravity, m/s²
   * @param density lander body density, kg/m²
   * @param mainForce main engine thrust at full action, N
   * @param sideForce side engine thrust at full action, N
   * @param legs 2 or 4
   * @param legSpread multiplies the legs' sideways offset
   */
  static Morphology build(
      String name,
      double g,
      double density,
      double mainForce,
      double sideForce,
      int legs,
      double legSpread) {
    List<Point> profile = new ArrayList<>();
    profile.add(new Point(-12, 14));
    for (int i = 0; i < TERRAIN.length; i++) {
      profile.add(new Point(-10 + 2 * i, TERRAIN[i]));
    }
    profile.add(new Point(12, 14));
    MorphologyBuilder b =
        new MorphologyBuilder(
            name, new WorldSpec(new Point(0, -g), null).withGround(new GroundSpec(profile, 0.1)));
    double[][] poly = {{-17, -10}, {17, -10}, {17, 0}, {14, 17}, {-14, 17}, {-17, 0}};
    List<Point> vertices = new ArrayList<>();
    for (double[] p : poly) {
      vertices.add(new Point(p[0] / SCALE, p[1] / SCALE));
    }
    ShapeSpec.Polygon body = new ShapeSpec.Polygon(vertices);
    double startY = 10;
    b.body(
        new BodySpec(
            "lander",
            new Pose(0, startY, 0),
            List.of(body),
            density * body.area(),
            0.1,
            0,
            0,
            0,
            null));
    List<double[]> placements = new ArrayList<>();
    placements.add(new double[] {-1, 1});
    placements.add(new double[] {1, 1});
    if (legs == 4) {
      placements.add(new double[] {-1, 0.55});
      placements.add(new double[] {1, 0.55});
    } else if (legs != 2) {
      throw new IllegalArgumentException("legs = " + legs + ": allowed 2 or 4");
    }
    ShapeSpec.Box legShape = new ShapeSpec.Box(2 / SCALE, 8 / SCALE, Point.ORIGIN, 0);
    for (int i = 0; i < placements.size(); i++) {
      double side = placements.get(i)[0];
      double away = placements.get(i)[1] * legSpread * 20 / SCALE;
      String leg = legs == 2 ? (side < 0 ? "left_leg" : "right_leg") : "leg" + i;
      double angle = side * 0.05 + side * 0.65;
      Point centre = new Point(side * away, -18 / SCALE);
      b.body(
          new BodySpec(
              leg,
              new Pose(centre.x(), startY + centre.y(), angle),
              List.of(legShape),
              legShape.area(),
              0.2,
              0,
              0,
              0,
              null));
      // Limitation: LunarLander's legs are sprung by a motor holding 40 N·m; here they are damped
      // hinges with a ±0.25 rad travel.
      b.joint(
          new JointSpec(
              leg + "_joint",
              JointType.REVOLUTE,
              "lander",
              leg,
              new Point(0, startY),
              0,
              -0.25,
              0.25,
              2.0));
      b.sensor(new SensorSpec.Contact(leg + "_contact", leg));
    }
    b.sensor(new SensorSpec.Contact("lander_contact", "lander"));
    b.actuator(
        new ActuatorSpec.Thruster(
            "main_engine", "lander", new Point(0, -4 / SCALE), Math.PI / 2, 0, 1, mainForce));
    b.actuator(
        new ActuatorSpec.Thruster(
            "left_engine", "lander", new Point(-17 / SCALE, 14 / SCALE), 0, 0, 1, sideForce));
    b.actuator(
        new ActuatorSpec.Thruster(
            "right_engine", "lander", new Point(17 / SCALE, 14 / SCALE), Math.PI, 0, 1, sideForce));
    return b.build();
  }
}
