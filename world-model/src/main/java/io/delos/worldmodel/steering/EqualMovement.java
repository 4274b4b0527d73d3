package io.delos.worldmodel.steering;

/**
 * Finds the strength at which a steerer moves a set of activations by a given mean L2 distance, so
 * that methods are compared at equal movement. Bisection on the strength; assumes the mean
 * displacement grows with the strength, which holds for every {@link Steerer} here as long as the
 * ODE paths do not turn back on themselves.
 */
public final class EqualMovement {
  private static final int MAX_DOUBLINGS = 60;
  private static final int MAX_BISECTIONS = 60;

  private EqualMovement() {}

  /**
   * The strength s with mean ‖steer(a, s) − a‖ = movement over the activations, within a relative
   * tolerance.
   *
   * @param activations {@code [batch, dimension]}, at least 1 row, finite
   * @param movement the target mean displacement, activation units, finite and > 0
   * @param relativeTolerance allowed relative error of the achieved movement, in (0, 1)
   * @throws IllegalArgumentException if an input is not allowed, or if the steerer cannot move the
   *     activations that far (the message says how far it got)
   */
  public static double strength(
      Steerer steerer, double[][] activations, double movement, double relativeTolerance) {
    int d = Checks.examples("activations", activations, 1);
    Checks.sameDimension("activations", d, "the steerer", steerer.dimension());
    if (!(movement > 0) || Double.isInfinite(movement)) {
      throw new IllegalArgumentException(
          "movement is " + movement + "; allowed: a finite number > 0");
    }
    if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
      throw new IllegalArgumentException(
          "relativeTolerance is " + relativeTolerance + "; allowed: (0, 1)");
    }
    double lo = 0;
    double hi = movement;
    double reached = meanDisplacement(steerer, activations, hi);
    for (int k = 0; reached < movement && k < MAX_DOUBLINGS; k++) {
      lo = hi;
      hi *= 2;
      reached = meanDisplacement(steerer, activations, hi);
    }
    if (reached < movement) {
      throw new IllegalArgumentException(
          "movement is "
              + movement
              + "; allowed: at most what the steerer reaches, "
              + reached
              + " at strength "
              + hi);
    }
    for (int k = 0; k < MAX_BISECTIONS; k++) {
      if (Math.abs(reached - movement) <= relativeTolerance * movement) {
        return hi;
      }
      double mid = (lo + hi) / 2;
      double m = meanDisplacement(steerer, activations, mid);
      if (m < movement) {
        lo = mid;
      } else {
        hi = mid;
        reached = m;
      }
    }
    return hi;
  }

  /** mean ‖steer(a, s) − a‖ over the activations, in activation units. */
  public static double meanDisplacement(Steerer steerer, double[][] activations, double strength) {
    double total = 0;
    for (double[] a : activations) {
      double[] b = steerer.steer(a, strength);
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        s += (b[j] - a[j]) * (b[j] - a[j]);
      }
      total += Math.sqrt(s);
    }
    return total / activations.length;
  }
}
