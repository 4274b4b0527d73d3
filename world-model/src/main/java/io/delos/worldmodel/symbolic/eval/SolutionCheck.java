package io.delos.worldmodel.symbolic.eval;

import io.delos.worldmodel.symbolic.Budget;
import io.delos.worldmodel.symbolic.ConstantFitter;
import io.delos.worldmodel.symbolic.Expr;
import io.delos.worldmodel.symbolic.Program;
import io.delos.worldmodel.symbolic.Simplifier;
import java.util.SplittableRandom;

/**
 * The numerical half of the solution test: a found expression is a solution up to constants when
 * some values of its constants reproduce the true function exactly. Its constants (all of them,
 * literals other than small integers included) are refitted on fresh noise-free points by
 * Levenberg-Marquardt from its own values and from further random starts; it passes when the
 * refitted normalised error is at most {@link #EXACT_NMSE}.
 */
public final class SolutionCheck {
  /** Normalised error at or below which a refitted expression counts as exact. */
  public static final double EXACT_NMSE = 1e-9;

  private static final ConstantFitter.Settings REFIT = new ConstantFitter.Settings(200, 8, 1e-14);

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
    Expr free = Simplifier.simplify(found.freeAllConstants());
    Program p = Program.compile(free);
    ConstantFitter.Fit fit =
        ConstantFitter.fit(
            p, x, truthValues, REFIT, new SplittableRandom(seed), Budget.unlimited());
    Expr refitted =
        free.freeConstantCount() == 0 ? free : free.withFreeConstants(fit.parameters().toArray());
    double var = variance(truthValues);
    double nmse = fit.mse() / Math.max(var, 1e-300);
    return new Outcome(refitted, Double.isFinite(nmse) ? nmse : Double.POSITIVE_INFINITY);
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
