package io.delos.sim;

import java.util.Objects;

/**
 * One scalar channel of an observation or action space.
 *
 * @param name channel name, unique within its space, for example {@code "pole.angle.sin"}
 * @param unit SI unit of the value, for example {@code "rad"}, {@code "N"} or {@code "1"} for
 *     dimensionless values
 * @param low lower bound in {@code unit}; may be {@link Double#NEGATIVE_INFINITY}
 * @param high upper bound in {@code unit}; may be {@link Double#POSITIVE_INFINITY}
 */
public record Channel(String name, String unit, double low, double high) {
  /** Validates the channel. */
  public Channel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    if (name.isBlank()) {
      throw new IllegalArgumentException("channel name is blank: a name is required");
    }
    if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
      throw new IllegalArgumentException(
          "channel '" + name + "' bounds [" + low + ", " + high + "]: need low <= high, no NaN");
    }
  }

  /** An unbounded channel. */
  public static Channel unbounded(String name, String unit) {
    return new Channel(name, unit, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** True when both bounds are finite. */
  public boolean isBounded() {
    return Double.isFinite(low) && Double.isFinite(high);
  }
}
