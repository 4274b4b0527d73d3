package io.delos.worldmodel.symbolic;

import io.delos.worldmodel.symbolic.ProgressListener.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The baseline ScaleSR is measured against: genetic programming with constant fitting ({@link
 * GeneticProgramming}) on all inputs at once, with the same budget, the same final pruning and the
 * same choice from the front.
 */
public final class PlainGp {
  private static final double FINAL_WINDOW = 1.05;

  private PlainGp() {}

  /**
   * Runs plain GP on a table.
   *
   * @param request the table, target and budget (the GP settings come from {@code config().gp()})
   * @param listener receives progress
   * @param cancellation stops the run early when set
   */
  public static SymbolicRegressionResult run(
      SymbolicRegressionRequest request, ProgressListener listener, Cancellation cancellation) {
    long start = System.nanoTime();
    Budget budget = request.budget(cancellation);
    SplittableRandom random = new SplittableRandom(request.seed());
    List<String> names = request.inputNames();
    double[][] x = request.inputColumns();
    double[] y = request.table().column(request.target());
    ScaleSrConfig cfg = request.config();
    int[] all = new int[names.size()];
    for (int v = 0; v < all.length; v++) {
      all[v] = v;
    }
    List<String> steps = new ArrayList<>();
    listener.onProgress(
        new ProgressListener.Progress(
            Stage.SEARCH, "genetic programming over " + names.size() + " inputs", 0));
    ParetoFront front =
        GeneticProgramming.search(
            x, y, all, cfg.gp(), List.of(), cfg.exactNmse() * 1e-3, random.split(), budget);
    // Clean-up (pruning) gets a bounded grace period after the budget.
    Scorer scorer =
        new Scorer(x, y, cfg.univariate().fit(), random.split(), budget.grace(ScaleSr.GRACE));
    ParetoFront tidy = new ParetoFront();
    List<Candidate> found = front.candidates();
    for (int i = 0; i < found.size(); i++) {
      Candidate c = found.get(i);
      boolean prune = i >= found.size() - ScaleSr.PRUNED_CANDIDATES;
      for (Candidate q :
          prune ? List.of(c, Pruner.prune(c, scorer, FINAL_WINDOW - 1)) : List.of(c)) {
        Expr e = Simplifier.orientRoots(q.expr(), x);
        Expr expanded = Simplifier.expand(e);
        if (expanded.complexity() < e.complexity()) {
          e = expanded;
        }
        tidy.offer(new Candidate(e, e.complexity(), scorer.evaluate(e)));
      }
    }
    List<Candidate> candidates = tidy.candidates();
    Candidate best = null;
    if (!candidates.isEmpty()) {
      double floor = Math.max(cfg.exactNmse() * 1e-3, FINAL_WINDOW * tidy.mostAccurate().nmse());
      best = ModelSelection.choose(candidates, floor);
    }
    String summary =
        best == null
            ? "no expression found"
            : String.format(
                "best: %s (NMSE %.3g)", ExprPrinter.infix(best.expr(), names, 4), best.nmse());
    steps.add(summary);
    listener.onProgress(new ProgressListener.Progress(Stage.DONE, summary, 1));
    return new SymbolicRegressionResult(
        names,
        request.target(),
        candidates,
        best,
        Double.NaN,
        budget.evaluations(),
        Duration.ofNanos(System.nanoTime() - start),
        budget.cancelled(),
        steps);
  }
}
