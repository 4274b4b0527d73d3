package io.delos.worldmodel.symbolic;

import java.util.Objects;

/**
 * One expression with fitted constants and its accuracy on the data it was fitted to.
 *
 * @param expr the simplified expression, free constants at their fitted values
 * @param complexity {@link Expr#complexity()} of {@code expr}, >= 1
 * @param nmse mean squared error over the variance of the targets, >= 0 (+∞ when not finite)
 */
public record Candidate(Expr expr, int complexity, double nmse) {
  /** Validates the candidate. */
  public Candidate {
    Objects.requireNonNull(expr, "expr");
    if (complexity < 1) {
      throw new IllegalArgumentException("complexity = " + complexity + ": must be >= 1");
    }
    if (Double.isNaN(nmse) || nmse < 0) {
      throw new IllegalArgumentException("nmse = " + nmse + ": must be >= 0 or +infinity");
    }
  }

  /** A candidate for {@code expr} with its own complexity. */
  public static Candidate of(Expr expr, double nmse) {
    return new Candidate(expr, expr.complexity(), nmse);
  }

  /** Coefficient of determination on the fitted data, 1 − NMSE. */
  public double r2() {
    return 1 - nmse;
  }
}
