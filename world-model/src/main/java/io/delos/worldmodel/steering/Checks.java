package io.delos.worldmodel.steering;

/** Input checks shared by the steering classes; every failure names the field, value and range. */
final class Checks {
  private Checks() {}

  /**
   * Checks a set of examples {@code [example, dimension]}: at least {@code minExamples} rows, all
   * of one positive dimension, all finite.
   *
   * @return the dimension of the rows
   */
  static int examples(String field, double[][] rows, int minExamples) {
    if (rows == null) {
      throw new IllegalArgumentException(field + " is null; allowed: an array of examples");
    }
    if (rows.length < minExamples) {
      throw new IllegalArgumentException(
          field
              + " has "
              + rows.length
              + " examples; allowed: at least "
              + minExamples
              + " (a class may not be empty)");
    }
    int d = rows[0] == null ? 0 : rows[0].length;
    if (d < 1) {
      throw new IllegalArgumentException(
          field + "[0] has dimension " + d + "; allowed: at least 1");
    }
    for (int i = 0; i < rows.length; i++) {
      vector(field + "[" + i + "]", rows[i], d);
    }
    return d;
  }

  /** Checks one activation: the given dimension and finite entries. */
  static void vector(String field, double[] a, int dimension) {
    if (a == null) {
      throw new IllegalArgumentException(
          field + " is null; allowed: a vector of dimension " + dimension);
    }
    if (a.length != dimension) {
      throw new IllegalArgumentException(
          field + " has dimension " + a.length + "; allowed: " + dimension);
    }
    for (int j = 0; j < a.length; j++) {
      if (!Double.isFinite(a[j])) {
        throw new IllegalArgumentException(
            field + "[" + j + "] is " + a[j] + "; allowed: a finite number");
      }
    }
  }

  /** Checks that two example sets share one dimension. */
  static void sameDimension(String field, int found, String other, int expected) {
    if (found != expected) {
      throw new IllegalArgumentException(
          field
              + " has dimension "
              + found
              + "; allowed: the dimension of "
              + other
              + ", "
              + expected);
    }
  }

  /** Checks that a strength (integration time or step length) is finite and at least zero. */
  static void strength(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          field + " is " + value + "; allowed: a finite number >= 0");
    }
  }
}
