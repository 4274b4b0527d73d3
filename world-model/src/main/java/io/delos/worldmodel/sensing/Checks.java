package io.delos.worldmodel.sensing;

/** Argument checks shared by the transforms and the tokenizers; messages name field and value. */
final class Checks {
  private Checks() {}

  /** Rejects a null, empty or non-finite series. */
  static void series(String field, double[] x) {
    if (x == null) {
      throw new IllegalArgumentException(
          field + " = null: allowed a non-empty array of finite values");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException(
          field + " is empty (length 0): allowed a non-empty array of finite values");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            field + "[" + i + "] = " + x[i] + ": allowed finite values only");
      }
    }
  }

  /** Rejects a null, empty, ragged or non-finite multi-channel stream [channel][time]. */
  static void stream(String field, double[][] x) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException(
          field + " has no channels: allowed >= 1 channel of equal, non-zero length");
    }
    for (int c = 0; c < x.length; c++) {
      series(field + "[" + c + "]", x[c]);
      if (x[c].length != x[0].length) {
        throw new IllegalArgumentException(
            field
                + "["
                + c
                + "] has length "
                + x[c].length
                + ": allowed the length of channel 0, "
                + x[0].length);
      }
    }
  }

  /** Rejects an integer outside [lo, hi]. */
  static void range(String field, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(field + " = " + value + ": allowed " + lo + " to " + hi);
    }
  }

  /** Rejects a double outside [lo, hi] or not finite. */
  static void range(String field, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(field + " = " + value + ": allowed " + lo + " to " + hi);
    }
  }

  /** Rejects a value that is not finite. */
  static void finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " = " + value + ": allowed a finite number");
    }
  }

  /** Rejects a null value. */
  static void notNull(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " = null: required");
    }
  }
}
