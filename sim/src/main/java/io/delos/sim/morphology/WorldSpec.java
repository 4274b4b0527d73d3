package io.delos.sim.morphology;

import java.util.Objects;

/**
 * The surroundings of a robot.
 *
 * @param gravity gravitational acceleration, m/s², world frame (0, -9.81 on Earth; 0, 0 seen from
 *     above)
 * @param ground static ground, or {@code null} for none
 */
public record WorldSpec(Point gravity, GroundSpec ground) {
  /** Standard gravity, m/s². */
  public static final double STANDARD_GRAVITY = 9.81;

  /** Validates the world. */
  public WorldSpec {
    Objects.requireNonNull(gravity, "world.gravity");
  }

  /** Earth gravity and no ground. */
  public static WorldSpec earth() {
    return new WorldSpec(new Point(0, -STANDARD_GRAVITY), null);
  }

  /** No gravity and no ground: a top-down view. */
  public static WorldSpec topDown() {
    return new WorldSpec(new Point(0, 0), null);
  }

  /** This world with a ground. */
  public WorldSpec withGround(GroundSpec newGround) {
    return new WorldSpec(gravity, newGround);
  }

  /** This world with gravity scaled by {@code s}. */
  public WorldSpec withGravityScaled(double s) {
    return new WorldSpec(gravity.scale(s), ground);
  }
}
