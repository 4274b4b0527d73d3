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
 * BipedalWalker-like robots: a hull, two legs hanging from one hip point, contact switches on the
 * lowest segments and the hull, and a fan of lidar rays, on flat ground.
 *
 * <p>The catalogue robot has BipedalWalker-v3's constants (its SCALE of 30 px/m undone): the hull
 * polygon with density 5, legs 34/30 m long and 8/30 m wide (lower legs 0.8 as wide) with density
 * 1, hips 8/30 m below the hull centre, hip limits [-0.8, 1.1] rad, knee limits [-1.6, -0.1] rad,
 * torque 80 N·m, speed 4 rad/s at the hips and 6 at the knees, 10 lidar rays of 160/30 m, ground
 * friction 2.5 and leg friction 0.2.
 *
 * <p>A walker of n links has n − 1 leg segments: the left leg gets the larger half.
 */
final class WalkerFamily implements Family {
  /** BipedalWalker's pixels per metre. */
  static final double SCALE = 30;

  @Override
  public String name() {
    return "walker";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("links");
  }

  @Override
  public String tag(int topology) {
    return topology + "link";
  }

  /** BipedalWalker-v3 constants. */
  static Morphology catalogue() {
    return build("walker", 10, 1.0, 34 / SCALE * 2, 1.0, 80, 2.5, 5);
  }

  @Override
  public Morphology generate(String name, int links, Ranges r, SplittableRandom random) {
    return build(
        name,
        r.draw("gravity", random),
        r.draw("hullScale", random),
        r.draw("legLength", random),
        r.draw("legDensity", random),
        r.draw("torque", random),
        r.draw("groundFriction", random),
        links);
  }

  /**
   * Builds a walker on flat ground at y = 0.
   *
   * @param g gravity, m/s²
   * @param hullScale multiplies the hull polygon
   * @param legLength length of each leg from hip to foot, m
   * @param legDensity kg per m² of leg
   * @param torque motor torque, N·m
   * @param groundFriction ground friction coefficient
   * @param links number of bodies: the hull and the leg segments
   */
  static Morphology build(
      String name,
      double g,
      double hullScale,
      double legLength,
      double legDensity,
      double torque,
      double groundFriction,
      int links) {
    int segments = links - 1;
    int left = (segments + 1) / 2;
    int right = segments / 2;
    double legDown = -8 / SCALE * hullScale;
    double legWidth = 8 / SCALE;
    double hullY = legLength - legDown + 0.02;
    MorphologyBuilder b =
        new MorphologyBuilder(
            name,
            new WorldSpec(new Point(0, -g), null)
                .withGround(GroundSpec.flat(0, 100, groundFriction)));
    double[][] poly = {{-30, 9}, {6, 9}, {34, 1}, {34, -8}, {-30, -8}};
    List<Point> vertices = new ArrayList<>();
    for (int i = poly.length - 1; i >= 0; i--) {
      vertices.add(new Point(poly[i][0] / SCALE * hullScale, poly[i][1] / SCALE * hullScale));
    }
    ShapeSpec.Polygon hull = new ShapeSpec.Polygon(vertices);
    b.body(
        new BodySpec(
            "hull", new Pose(0, hullY, 0), List.of(hull), 5 * hull.area(), 0.1, 0, 0, 0, null));
    for (String side : new String[] {"left", "right"}) {
      int count = side.equals("left") ? left : right;
      double segment = legLength / count;
      double y = hullY + legDown;
      String parent = "hull";
      for (int k = 1; k <= count; k++) {
        String body = side + "_leg" + k;
        double halfWidth = (k == 1 ? 1.0 : 0.8) * legWidth / 2;
        ShapeSpec box = new ShapeSpec.Box(halfWidth, segment / 2, new Point(0, -segment / 2), 0);
        b.body(
            new BodySpec(
                body,
                new Pose(0, y, 0),
                List.of(box),
                legDensity * box.area(),
                0.2,
                0,
                0,
                0,
                null));
        boolean hip = k == 1;
        b.revolute(
            side + (hip ? "_hip" : "_knee" + (k - 1)),
            parent,
            body,
            new Point(0, y),
            hip ? -0.8 : -1.6,
            hip ? 1.1 : -0.1,
            0);
        b.torque(
            side + (hip ? "_hip" : "_knee" + (k - 1)) + "_motor",
            side + (hip ? "_hip" : "_knee" + (k - 1)),
            torque,
            hip ? 4 : 6);
        parent = body;
        y -= segment;
      }
      b.sensor(new SensorSpec.Contact(side + "_contact", parent));
    }
    b.sensor(new SensorSpec.Contact("hull_contact", "hull"));
    for (int i = 0; i < 10; i++) {
      b.sensor(
          new SensorSpec.Range(
              "lidar" + i, "hull", Point.ORIGIN, -Math.PI / 2 + 1.5 * i / 10, 160 / SCALE));
    }
    return b.build();
  }
}
