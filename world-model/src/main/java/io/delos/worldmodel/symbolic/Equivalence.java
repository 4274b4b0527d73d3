package io.delos.worldmodel.symbolic;

import java.util.SplittableRandom;

/**
 * Numerical equivalence up to constants: whether some values of an expression's constants make it
 * reproduce a target function on a set of points. All constants of the expression are refitted
 * (literals other than small integers included) by Levenberg-Marquardt from their own values and
 * from further random starts.
 */
public final class Equivalence {
  private static final ConstantFitter.Settings REFIT = new ConstantFitter.Settings(200, 8, 1e-14);

  private Equivalence() {}

  /**
   * A refit of an expression to a target.
   *
   * @param refitted the expression with its constants refitted
   * @param nmse normalised error of {@code refitted} against the target on the points
   */
  public record Refit(Expr refitted, double nmse) {}

  /**
   * Refits the constants of {@code e} to {@code target} on {@code points}.
   *
   * @param e the expression whose constants are fitted
   * @param points {@code [variables][points]}
   * @param target the target's values at the points
   * @param seed seeds the random starts
   */
  public static Refit refit(Expr e, double[][] points, double[] target, long seed) {
    Expr free = Simplifier.simplify(e.freeAllConstants());
    Program p = Program.compile(free);
    ConstantFitter.Fit fit =
        ConstantFitter.fit(
            p, points, target, REFIT, new SplittableRandom(seed), Budget.unlimited());
    Expr refitted =
        free.freeConstantCount() == 0 ? free : free.withFreeConstants(fit.parameters().toArray());
    double nmse = fit.mse() / Scorer.normalizer(target);
    return new Refit(refitted, Double.isFinite(nmse) ? nmse : Double.POSITIVE_INFINITY);
  }

  /**
   * True when each expression, with its constants refitted, reproduces the other on the points to
   * within {@code tolerance} normalised error: the two describe the same family of functions.
   */
  public static boolean sameFamily(Expr a, Expr b, double[][] points, double tolerance, long seed) {
    int n = points.length == 0 ? 1 : points[0].length;
    double[] va = Program.compile(a).evaluate(points, n);
    double[] vb = Program.compile(b).evaluate(points, n);
    return refit(a, points, vb, seed).nmse() <= tolerance
        && refit(b, points, va, seed).nmse() <= tolerance;
  }
}
