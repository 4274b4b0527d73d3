package io.delos.worldmodel.symbolic;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simplifies an expression, fits its free constants to a data set and scores it, remembering the
 * result for each skeleton (the expression with free constants masked) so that a skeleton is fitted
 * once however often a search proposes it.
 *
 * <p>Threading: confined to one search thread.
 */
final class Scorer {
  private static final int MAX_CACHE = 200_000;

  private final double[][] columns;
  private final double[] y;
  private final double normalizer;
  private final ConstantFitter.Settings settings;
  private final SplittableRandom random;
  private final Budget budget;
  private final Map<String, Candidate> cache = new HashMap<>();
  private int fits;

  /**
   * Creates a scorer.
   *
   * @param columns inputs {@code [variables][points]}
   * @param y targets {@code [points]}
   * @param settings constant fitting settings
   * @param random source of random starts
   * @param budget counts evaluations
   */
  Scorer(
      double[][] columns,
      double[] y,
      ConstantFitter.Settings settings,
      SplittableRandom random,
      Budget budget) {
    this.columns = columns;
    this.y = y;
    this.normalizer = normalizer(y);
    this.settings = settings;
    this.random = random;
    this.budget = budget;
  }

  /** Variance of {@code y}, floored so that a constant target still normalises. */
  static double normalizer(double[] y) {
    double mean = 0;
    double sq = 0;
    for (double v : y) {
      mean += v;
      sq += v * v;
    }
    mean /= Math.max(1, y.length);
    sq /= Math.max(1, y.length);
    double var = Math.max(0, sq - mean * mean);
    return Math.max(var, Math.max(1e-12 * sq, 1e-300));
  }

  double[][] columns() {
    return columns;
  }

  double[] y() {
    return y;
  }

  /** The variance the errors are divided by. */
  double normalizer() {
    return normalizer;
  }

  /** True when this scorer's budget is spent. */
  boolean exhausted() {
    return budget.exhausted();
  }

  /** Number of constant fits run (cache misses). */
  int fits() {
    return fits;
  }

  /** The skeleton key of a simplified expression: its infix form with free constants masked. */
  static String skeleton(Expr simplified) {
    return ExprPrinter.skeleton(simplified);
  }

  /** Simplifies, fits and scores {@code raw}; null when it reads a variable the data lack. */
  Candidate score(Expr raw) {
    return score(raw, settings);
  }

  /** As {@link #score(Expr)} with other fit settings (a cached skeleton is not refitted). */
  Candidate score(Expr raw, ConstantFitter.Settings fitSettings) {
    Expr e = Simplifier.simplify(raw);
    if (e.variableCount() > columns.length) {
      return null;
    }
    String key = skeleton(e);
    Candidate hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    Candidate c = fit(e, fitSettings);
    if (cache.size() < MAX_CACHE) {
      cache.put(key, c);
    }
    return c;
  }

  /**
   * Fits {@code raw} from its own constants even when its skeleton is cached (a different start can
   * reach a better optimum), and keeps the better of the two fits in the cache.
   */
  Candidate scoreFresh(Expr raw, ConstantFitter.Settings fitSettings) {
    Expr e = Simplifier.simplify(raw);
    if (e.variableCount() > columns.length) {
      return null;
    }
    String key = skeleton(e);
    Candidate c = fit(e, fitSettings);
    Candidate hit = cache.get(key);
    if (hit == null || c.nmse() < hit.nmse()) {
      if (cache.size() < MAX_CACHE || hit != null) {
        cache.put(key, c);
      }
      return c;
    }
    return hit;
  }

  /** Fits {@code e} (already simplified) without the cache. */
  Candidate fit(Expr e, ConstantFitter.Settings fitSettings) {
    fits++;
    Program p = Program.compile(e);
    ConstantFitter.Fit fit = ConstantFitter.fit(p, columns, y, fitSettings, random, budget);
    double nmse = fit.mse() / normalizer;
    Expr fitted = e.freeConstantCount() == 0 ? e : e.withFreeConstants(fit.parameters().toArray());
    Expr again = Simplifier.simplify(fitted);
    if (!again.equals(fitted) && again.complexity() < fitted.complexity()) {
      // Fitted values may make the form simpler (a constant fitted to exactly zero or one).
      fitted = again;
    }
    return new Candidate(
        fitted, fitted.complexity(), Double.isFinite(nmse) ? nmse : Double.POSITIVE_INFINITY);
  }

  /** The NMSE of {@code e} with its constants as they are (no fitting). */
  double evaluate(Expr e) {
    double[] f = Program.compile(e).evaluate(columns, y.length);
    budget.count(1);
    double mse = ConstantFitter.sse(f, y) / y.length;
    return Double.isFinite(mse) ? mse / normalizer : Double.POSITIVE_INFINITY;
  }
}
