package io.delos.worldmodel.symbolic;

/**
 * Removes what a fitted expression does not need: constants that can be zero, and constants that
 * are integers to within fitting precision, each accepted only when the refitted error does not
 * grow beyond {@link #TOLERANCE} (relative).
 */
final class Pruner {
  /** Relative growth of the error allowed for one simplification. */
  static final double TOLERANCE = 1e-3;

  private static final double INTEGER_CLOSENESS = 1e-2;
  private static final int MAX_PASSES = 16;

  private Pruner() {}

  /** A simpler candidate that fits as well as {@code c}, or {@code c} itself. */
  static Candidate prune(Candidate c, Scorer scorer) {
    return prune(c, scorer, TOLERANCE);
  }

  /**
   * A simpler candidate whose error exceeds {@code c}'s by at most the relative {@code tolerance},
   * or {@code c} itself.
   */
  static Candidate prune(Candidate c, Scorer scorer, double tolerance) {
    Candidate best = c;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      Candidate next = onePass(best, scorer, tolerance);
      if (next == best) {
        return best;
      }
      best = next;
    }
    return best;
  }

  private static Candidate onePass(Candidate c, Scorer scorer, double tolerance) {
    double[] values = c.expr().freeConstants();
    for (int j = 0; j < values.length && !scorer.exhausted(); j++) {
      for (double target : new double[] {0, Math.rint(values[j])}) {
        if (target != 0
            && Math.abs(values[j] - target) > INTEGER_CLOSENESS * Math.max(1, Math.abs(target))) {
          continue;
        }
        Expr trial = Simplifier.simplify(fixConstant(c.expr(), j, target));
        if (trial.complexity() > c.complexity()
            || (trial.complexity() == c.complexity()
                && trial.freeConstantCount() >= c.expr().freeConstantCount())) {
          continue;
        }
        Candidate t = scorer.fit(trial, ConstantFitter.Settings.DEFAULT.withStarts(1));
        if (t.nmse() <= c.nmse() * (1 + tolerance) + 1e-14) {
          return t;
        }
      }
    }
    return c;
  }

  /** {@code e} with its j-th free constant (pre-order) made fixed at {@code value}. */
  private static Expr fixConstant(Expr e, int j, double value) {
    int[] next = {0};
    return e.transform(
        x -> {
          if (x instanceof Expr.Const k && !k.fixed()) {
            return next[0]++ == j ? Expr.Const.fixed(value) : x;
          }
          return x;
        });
  }
}
