package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Symbolic regression of a target on one variable: the single-variable engine of ScaleSR (Chu et
 * al. 2023, arXiv 2306.04718, Section 3, where each control-variable step fits one variable).
 *
 * <p>Three stages share one fitting cache: (1) skeletons linear in their constants after clearing a
 * denominator, ranked by least squares over a basis library ({@link LinearSkeletons}); (2)
 * nonlinear templates fitted by Levenberg-Marquardt from several starts ({@link Templates}); (3)
 * genetic programming seeded with the front so far, for the rest of the budget or until the front
 * stops improving below the stopping error.
 */
public final class UnivariateSearch {
  /**
   * Settings of a single-variable search.
   *
   * @param gp genetic programming settings of stage 3
   * @param linearPerComplexity linear skeletons kept per complexity in stage 1, >= 1
   * @param fit constant fitting of stages 1 and 2
   * @param gpShare fraction of the remaining budget stage 3 may use, in [0, 1]
   */
  public record Settings(
      GpConfig gp, int linearPerComplexity, ConstantFitter.Settings fit, double gpShare) {
    /** Defaults: a population of 120, 3 linear skeletons per complexity, 4 fitting starts. */
    public static final Settings DEFAULT =
        new Settings(
            GpConfig.DEFAULT.withPopulationSize(120).withMaxComplexity(30),
            3,
            new ConstantFitter.Settings(60, 4, 1e-10),
            1.0);

    /** Validates the settings. */
    public Settings {
      java.util.Objects.requireNonNull(gp, "gp");
      java.util.Objects.requireNonNull(fit, "fit");
      if (linearPerComplexity < 1) {
        throw new IllegalArgumentException(
            "linearPerComplexity = " + linearPerComplexity + ": must be >= 1");
      }
      if (!(gpShare >= 0 && gpShare <= 1)) {
        throw new IllegalArgumentException("gpShare = " + gpShare + ": allowed [0, 1]");
      }
    }
  }

  private static final ConstantFitter.Settings LINEAR_REFIT =
      new ConstantFitter.Settings(20, 1, 1e-8);

  /**
   * Starts per template: its own constants and one random start (signs are covered by variants).
   */
  private static final int TEMPLATE_STARTS = 2;

  private UnivariateSearch() {}

  /**
   * Searches for y as a function of x.
   *
   * @param x the variable's values {@code [points]}
   * @param y targets {@code [points]}
   * @param settings search settings
   * @param stopNmse GP may stop once an expression fits this well and the front stalls
   * @param random source of random choices
   * @param budget time, evaluations and cancellation
   * @return the Pareto front over expressions in {@code x0}
   */
  public static ParetoFront search(
      double[] x,
      double[] y,
      Settings settings,
      double stopNmse,
      SplittableRandom random,
      Budget budget) {
    if (x.length != y.length || x.length < 3) {
      throw new IllegalArgumentException(
          "x has " + x.length + " and y " + y.length + " points: need equal counts >= 3");
    }
    double[][] cols = {x};
    Scorer scorer = new Scorer(cols, y, settings.fit(), random.split(), budget);
    ParetoFront front = new ParetoFront();
    front.offer(scorer.score(Exprs.c(mean(y))));
    for (Expr e : LinearSkeletons.candidates(x, y, 0, settings.linearPerComplexity())) {
      if (budget.exhausted()) {
        return front;
      }
      // Constants start at their least-squares values: one short local fit suffices.
      Candidate c = scorer.score(e, LINEAR_REFIT);
      if (c != null) {
        front.offer(c);
      }
    }
    for (Expr e : Templates.univariate(0)) {
      if (budget.exhausted()) {
        return front;
      }
      Candidate c = scorer.scoreFresh(e, settings.fit().withStarts(TEMPLATE_STARTS));
      if (c != null) {
        front.offer(c);
      }
    }
    if (settings.gpShare() > 0 && !budget.exhausted()) {
      List<Expr> seeds = new ArrayList<>();
      for (Candidate c : front.candidates()) {
        seeds.add(c.expr());
      }
      Budget gpBudget = budget.slice(settings.gpShare());
      front.addAll(
          GeneticProgramming.search(
              cols, y, new int[] {0}, settings.gp(), seeds, stopNmse, random.split(), gpBudget));
    }
    return front;
  }

  static double mean(double[] y) {
    double s = 0;
    for (double v : y) {
      s += v;
    }
    return s / y.length;
  }
}
