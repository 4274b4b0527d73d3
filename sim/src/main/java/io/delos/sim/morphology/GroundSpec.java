package io.delos.sim.morphology;

import java.util.List;

/**
 * Static ground: a polyline of edges, left to right.
 *
 * @param profile at least two points in the world frame, x strictly increasing
 * @param friction Coulomb friction coefficient of the ground, >= 0
 */
public record GroundSpec(List<Point> profile, double friction) {
  /** Validates the profile. */
  public GroundSpec {
    profile = List.copyOf(profile);
    if (profile.size() < 2) {
      throw new IllegalArgumentException(
          "ground.profile has " + profile.size() + " points: need at least 2");
    }
    for (int i = 1; i < profile.size(); i++) {
      if (!(profile.get(i).x() > profile.get(i - 1).x())) {
        throw new IllegalArgumentException(
            "ground.profile[" + i + "].x = " + profile.get(i).x() + ": x must increase");
      }
    }
    Checks.nonNegative("ground.friction", friction, "");
  }

  /** Flat ground at height {@code y} from {@code -halfWidth} to {@code +halfWidth}. */
  public static GroundSpec flat(double y, double halfWidth, double friction) {
    return new GroundSpec(List.of(new Point(-halfWidth, y), new Point(halfWidth, y)), friction);
  }

  /** Ground height at {@code x}, metres, by linear interpolation (clamped at the ends). */
  public double heightAt(double x) {
    if (x <= profile.get(0).x()) {
      return profile.get(0).y();
    }
    for (int i = 1; i < profile.size(); i++) {
      Point a = profile.get(i - 1);
      Point b = profile.get(i);
      if (x <= b.x()) {
        double t = (x - a.x()) / (b.x() - a.x());
        return a.y() + t * (b.y() - a.y());
      }
    }
    return profile.get(profile.size() - 1).y();
  }
}
