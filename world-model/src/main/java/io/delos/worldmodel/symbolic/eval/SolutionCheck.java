package io.delos.worldmodel.symbolic.eval;

import io.delos.worldmodel.symbolic.Equivalence;
import io.delos.worldmodel.symbolic.Expr;

/**
 * The numerical half of the solution test: a found expression is a solution up to constants when
 * some values of its constants reproduce the true function exactly. Its constants (all of them,
 * literals other than small integers included) are refitted on fresh noise-free points by
 * Levenberg-Marquardt from its own values and from further random starts; it passes when the
 * refitted normalised error is at most {@link #EXACT_NMSE}.
 */
public final class SolutionCheck {
  /** Normalised error at or below which a refitted expression counts as exact. */
  public static final double EXACT_NMSE = 1e-14;

  private SolutionCheck() {}

  /**
   * The outcome of the numerical check.
   *
   * @param refitted the found expression with its constants refitted to the truth
   * @param nmse normalised error of {@code refitted} on the check points
   */
  public record Outcome(Expr refitted, double nmse) {
    /** True when the refit is exact. */
    public boolean solved() {
      return nmse <= EXACT_NMSE;
    }
  }

  /**
   * Refits {@code found} to {@code truth} on {@code x}.
   *
   * @param found the found expression
   * @param x noise-free check points {@code [variables][points]}
   * @param truthValues the true function at those points
   * @param seed seeds the random starts
   */
  public static Outcome check(Expr found, double[][] x, double[] truthValues, long seed) {
    Equivalence.Refit r = Equivalence.refit(found, x, truthValues, seed);
    return new Outcome(r.refitted(), r.nmse());
  }

  static double variance(double[] y) {
    double m = 0;
    for (double v : y) {
      m += v;
    }
    m /= y.length;
    double s = 0;
    for (double v : y) {
      s += (v - m) * (v - m);
    }
    return s / y.length;
  }
}
