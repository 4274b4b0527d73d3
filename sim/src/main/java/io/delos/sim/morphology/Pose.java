package io.delos.sim.morphology;

/**
 * A planar pose in the world frame.
 *
 * @param x position, metres
 * @param y position, metres (up when gravity points down)
 * @param angle counter-clockwise rotation, radians
 */
public record Pose(double x, double y, double angle) {
  /** The identity pose. */
  public static final Pose ORIGIN = new Pose(0, 0, 0);

  /** Validates that every component is finite. */
  public Pose {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(angle)) {
      throw new IllegalArgumentException(
          "pose (" + x + ", " + y + ", " + angle + "): components must be finite");
    }
  }

  /** The position as a point. */
  public Point position() {
    return new Point(x, y);
  }

  /** Maps a point from this pose's frame into the world frame. */
  public Point apply(Point local) {
    Point r = local.rotate(angle);
    return new Point(x + r.x(), y + r.y());
  }

  /** Maps a world point into this pose's frame. */
  public Point inverseApply(Point world) {
    return new Point(world.x() - x, world.y() - y).rotate(-angle);
  }
}
