package io.delos.sim.morphology;

/**
 * A point or vector in the plane.
 *
 * @param x metres
 * @param y metres
 */
public record Point(double x, double y) {
  /** The origin. */
  public static final Point ORIGIN = new Point(0, 0);

  /** Validates that both coordinates are finite. */
  public Point {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException(
          "point (" + x + ", " + y + "): coordinates must be finite");
    }
  }

  /** This point scaled by {@code s}. */
  public Point scale(double s) {
    return new Point(x * s, y * s);
  }

  /** This point plus {@code o}. */
  public Point plus(Point o) {
    return new Point(x + o.x, y + o.y);
  }

  /** This point minus {@code o}. */
  public Point minus(Point o) {
    return new Point(x - o.x, y - o.y);
  }

  /** This point rotated by {@code angle} radians about the origin. */
  public Point rotate(double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new Point(c * x - s * y, s * x + c * y);
  }

  /** Euclidean length, in metres. */
  public double norm() {
    return Math.hypot(x, y);
  }
}
