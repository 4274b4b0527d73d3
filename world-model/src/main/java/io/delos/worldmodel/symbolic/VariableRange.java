package io.delos.worldmodel.symbolic;

import java.util.Objects;

/**
 * A named input and the interval ScaleSR samples it from when it queries an oracle.
 *
 * @param name variable name, as printed in expressions
 * @param low lower end, finite
 * @param high upper end, finite, > low
 */
public record VariableRange(String name, double low, double high) {
  /** Validates the range. */
  public VariableRange {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
      throw new IllegalArgumentException(
          "range of '" + name + "' = [" + low + ", " + high + "]: need finite low < high");
    }
  }

  /** The range {@code [min, max]} of {@code values}, widened when all values are equal. */
  public static VariableRange of(String name, double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      double pad = Math.max(1e-9, Math.abs(lo) * 1e-9);
      return new VariableRange(name, lo - pad, hi + pad);
    }
    return new VariableRange(name, lo, hi);
  }
}
