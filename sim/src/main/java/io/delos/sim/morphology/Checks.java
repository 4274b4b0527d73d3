package io.delos.sim.morphology;

/** Argument checks whose messages name the field, the value with its unit and what is allowed. */
final class Checks {
  private Checks() {}

  static double positive(String field, double value, String unit) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          field + " = " + value + " " + unit + ": must be a finite number > 0");
    }
    return value;
  }

  static double nonNegative(String field, double value, String unit) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          field + " = " + value + " " + unit + ": must be a finite number >= 0");
    }
    return value;
  }

  static double finite(String field, double value, String unit) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          field + " = " + value + " " + unit + ": must be a finite number");
    }
    return value;
  }

  static String name(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing or blank: a name is required");
    }
    if (!value.matches("[A-Za-z0-9_.\\-]+")) {
      throw new IllegalArgumentException(
          field + " = '" + value + "': allowed characters are letters, digits, '_', '.', '-'");
    }
    return value;
  }
}
