package io.delos.sim.box2d;

import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.ShapeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A shape placed in the world, for drawing: a polygon outline or a circle, world frame, metres.
 *
 * @param body index of the body it belongs to
 * @param vertices polygon vertices (empty for a circle)
 * @param center circle centre (for polygons, the body position)
 * @param radius circle radius, or 0 for a polygon
 * @param angle body angle, radians, to draw a circle's spoke
 */
public record Outline(int body, List<Point> vertices, Point center, double radius, double angle) {
  /** Validates the outline. */
  public Outline {
    vertices = List.copyOf(vertices);
  }

  /** The outline of {@code shape} on a body at {@code pose}. */
  public static Outline of(int body, ShapeSpec shape, Pose pose) {
    if (shape instanceof ShapeSpec.Circle c) {
      return new Outline(body, List.of(), pose.apply(c.center()), c.radius(), pose.angle());
    }
    List<Point> local = new ArrayList<>();
    if (shape instanceof ShapeSpec.Box b) {
      double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
      for (double[] k : corners) {
        Point p = new Point(k[0] * b.halfWidth(), k[1] * b.halfHeight()).rotate(b.angle());
        local.add(p.plus(b.center()));
      }
    } else if (shape instanceof ShapeSpec.Capsule c) {
      Point d = c.to().minus(c.from());
      double a = Math.atan2(d.y(), d.x());
      int arc = 8;
      for (int k = 0; k <= arc; k++) {
        double t = a - Math.PI / 2 + Math.PI * k / arc;
        local.add(c.to().plus(new Point(Math.cos(t), Math.sin(t)).scale(c.radius())));
      }
      for (int k = 0; k <= arc; k++) {
        double t = a + Math.PI / 2 + Math.PI * k / arc;
        local.add(c.from().plus(new Point(Math.cos(t), Math.sin(t)).scale(c.radius())));
      }
    } else if (shape instanceof ShapeSpec.Polygon p) {
      local.addAll(p.vertices());
    }
    List<Point> world = local.stream().map(pose::apply).toList();
    return new Outline(body, world, pose.position(), 0, pose.angle());
  }
}
