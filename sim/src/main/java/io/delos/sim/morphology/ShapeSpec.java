package io.delos.sim.morphology;

import java.util.List;

/** A collision and mass shape attached to a body, in the body's frame. Lengths in metres. */
public sealed interface ShapeSpec {
  /** Area in square metres, used to turn a body mass into a density. */
  double area();

  /** This shape with every length multiplied by {@code s}. */
  ShapeSpec scaled(double s);

  /**
   * A rectangle.
   *
   * @param halfWidth half extent along the body x axis, metres, > 0
   * @param halfHeight half extent along the body y axis, metres, > 0
   * @param center centre in the body frame
   * @param angle rotation in the body frame, radians
   */
  record Box(double halfWidth, double halfHeight, Point center, double angle) implements ShapeSpec {
    /** Validates the sizes. */
    public Box {
      Checks.positive("box.halfWidth", halfWidth, "m");
      Checks.positive("box.halfHeight", halfHeight, "m");
      Checks.finite("box.angle", angle, "rad");
    }

    @Override
    public double area() {
      return 4 * halfWidth * halfHeight;
    }

    @Override
    public ShapeSpec scaled(double s) {
      return new Box(halfWidth * s, halfHeight * s, center.scale(s), angle);
    }
  }

  /**
   * A disc.
   *
   * @param radius metres, > 0
   * @param center centre in the body frame
   */
  record Circle(double radius, Point center) implements ShapeSpec {
    /** Validates the radius. */
    public Circle {
      Checks.positive("circle.radius", radius, "m");
    }

    @Override
    public double area() {
      return Math.PI * radius * radius;
    }

    @Override
    public ShapeSpec scaled(double s) {
      return new Circle(radius * s, center.scale(s));
    }
  }

  /**
   * A capsule (stadium): a segment swept by a disc. Built as two discs and a box.
   *
   * @param from first end of the segment in the body frame
   * @param to second end of the segment in the body frame
   * @param radius metres, > 0
   */
  record Capsule(Point from, Point to, double radius) implements ShapeSpec {
    /** Validates the capsule. */
    public Capsule {
      Checks.positive("capsule.radius", radius, "m");
      if (from.minus(to).norm() < 1e-6) {
        throw new IllegalArgumentException(
            "capsule ends " + from + " and " + to + " coincide: give two distinct points");
      }
    }

    /** Length of the segment, metres. */
    public double length() {
      return from.minus(to).norm();
    }

    @Override
    public double area() {
      return 2 * radius * length() + Math.PI * radius * radius;
    }

    @Override
    public ShapeSpec scaled(double s) {
      return new Capsule(from.scale(s), to.scale(s), radius * s);
    }
  }

  /**
   * A convex polygon of 3 to 8 vertices in counter-clockwise order.
   *
   * @param vertices vertices in the body frame
   */
  record Polygon(List<Point> vertices) implements ShapeSpec {
    /** Validates convexity and vertex count. */
    public Polygon {
      vertices = List.copyOf(vertices);
      if (vertices.size() < 3 || vertices.size() > 8) {
        throw new IllegalArgumentException(
            "polygon has " + vertices.size() + " vertices: allowed 3 to 8");
      }
      int n = vertices.size();
      for (int i = 0; i < n; i++) {
        Point a = vertices.get(i);
        Point b = vertices.get((i + 1) % n);
        Point c = vertices.get((i + 2) % n);
        double cross = (b.x() - a.x()) * (c.y() - b.y()) - (b.y() - a.y()) * (c.x() - b.x());
        if (cross <= 1e-12) {
          throw new IllegalArgumentException(
              "polygon vertex "
                  + ((i + 1) % n)
                  + " "
                  + b
                  + " breaks convexity or counter-clockwise order");
        }
      }
    }

    @Override
    public double area() {
      double twice = 0;
      int n = vertices.size();
      for (int i = 0; i < n; i++) {
        Point a = vertices.get(i);
        Point b = vertices.get((i + 1) % n);
        twice += a.x() * b.y() - b.x() * a.y();
      }
      return twice / 2;
    }

    @Override
    public ShapeSpec scaled(double s) {
      return new Polygon(vertices.stream().map(p -> p.scale(s)).toList());
    }
  }
}
