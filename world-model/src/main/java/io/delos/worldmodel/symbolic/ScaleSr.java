package io.delos.worldmodel.symbolic;

import io.delos.sim.Vec;
import io.delos.worldmodel.symbolic.ProgressListener.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ScaleSR: symbolic regression with control variables (Chu, Zhao, Xu et al. 2023, "Scalable neural
 * symbolic regression using control variables", arXiv 2306.04718).
 *
 * <ol>
 *   <li>A neural network fitted to the data becomes a data generator that answers queries anywhere
 *       ({@link NeuralGenerator}, Section 3.1); with an {@link OracleProblem} the user's oracle
 *       answers instead.
 *   <li>Variables are released one at a time, in decreasing order of their effect on the target (a
 *       one-at-a-time sensitivity analysis on the generator). For the first, all others are held at
 *       drawn values and a single-variable regression ({@link UnivariateSearch}) finds a skeleton
 *       whose constants absorb the held variables.
 *   <li>Each skeleton is fitted K more times with fresh values of the held variables; if it fits
 *       well every time, constants that stay put are frozen and the others stay open ({@link
 *       FreezingRule}, Section 3.2, after control-variable GP, Jiang and Xue 2023).
 *   <li>When the next variable is released, the open constants are refitted at a grid of its
 *       values, and each is explained by a single-variable regression on it; substituting those
 *       expressions gives the next skeleton, verified and frozen as above. Where no such
 *       explanation verifies, genetic programming over the released variables takes over.
 *   <li>With all variables free, every constant is refitted on the real data, and a short genetic
 *       programming run seeded with the result polishes the complexity-accuracy front.
 * </ol>
 *
 * <p>The search details of the paper were not published; the single-variable engine, the release
 * order and the refit-and-explain composition of step 4 are this implementation's design.
 *
 * <p>Threading: a run is confined to the calling thread; cancel it from any thread through its
 * {@link Cancellation}.
 */
public final class ScaleSr {
  private ScaleSr() {}

  /**
   * Runs ScaleSR on a table: fits the generator, then runs the schedule against it.
   *
   * @param request the table, target and budget
   * @param listener receives progress
   * @param cancellation stops the run early when set (the best so far is returned)
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
    List<VariableRange> ranges = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      ranges.add(VariableRange.of(names.get(i), x[i]));
    }
    Run run = new Run(ranges, cfg, random.split(), budget, listener, start);
    if (names.size() == 1) {
      // One variable: the data are already a one-variable slice; no generator is needed.
      return run.univariateOnData(x, y, request.target());
    }
    listener.onProgress(
        new ProgressListener.Progress(
            Stage.GENERATOR,
            "fitting the data generator on " + y.length + " rows of " + names.size() + " inputs",
            run.fraction()));
    try (NeuralGenerator g =
        NeuralGenerator.fit(
            x, y, cfg.generator(), random.nextLong(), budget.slice(cfg.generatorShare()))) {
      run.steps.add(
          String.format(
              "generator: %d epochs/checks, validation RMSE %.3g (target RMS %.3g)",
              g.epochs(), Math.sqrt(g.validationMse()), Math.sqrt(meanSquare(y))));
      listener.onProgress(
          new ProgressListener.Progress(
              Stage.GENERATOR,
              String.format("generator fitted: validation RMSE %.3g", Math.sqrt(g.validationMse())),
              run.fraction()));
      return run.execute(g, g.validationMse(), x, y, request.target(), g.validationMse());
    }
  }

  /**
   * Runs ScaleSR against an oracle the user can query anywhere (experiments, a simulator).
   *
   * @param problem the oracle and the box to sample
   * @param timeBudget wall-clock time allowed, > 0
   * @param maxEvaluations expression evaluations allowed, > 0
   * @param seed seeds every random choice
   * @param config algorithm settings (the generator settings are unused)
   * @param listener receives progress
   * @param cancellation stops the run early when set
   */
  public static SymbolicRegressionResult run(
      OracleProblem problem,
      Duration timeBudget,
      long maxEvaluations,
      long seed,
      ScaleSrConfig config,
      ProgressListener listener,
      Cancellation cancellation) {
    return run(
        problem, Budget.of(timeBudget, maxEvaluations, cancellation), seed, config, listener);
  }

  /**
   * Runs ScaleSR against an oracle within a given budget (wall-clock or thread CPU time, see {@link
   * Budget}); cancel it through the budget's {@link Budget#cancellation()}.
   *
   * @param problem the oracle and the box to sample
   * @param budget time, evaluations and cancellation, started by the caller
   * @param seed seeds every random choice
   * @param config algorithm settings (the generator settings are unused)
   * @param listener receives progress
   */
  public static SymbolicRegressionResult run(
      OracleProblem problem,
      Budget budget,
      long seed,
      ScaleSrConfig config,
      ProgressListener listener) {
    long start = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    Run run = new Run(problem.variables(), config, random.split(), budget, listener, start);
    int d = problem.variables().size();
    double[][] x = new double[d][problem.dataPoints()];
    for (int v = 0; v < d; v++) {
      VariableRange r = problem.variables().get(v);
      for (int i = 0; i < x[v].length; i++) {
        x[v][i] = random.nextDouble(r.low(), r.high());
      }
    }
    double[] y = problem.oracle().query(x);
    return run.execute(problem.oracle(), problem.noiseMse(), x, y, problem.target(), Double.NaN);
  }

  static double meanSquare(double[] y) {
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return s / y.length;
  }

  /** One run's state. */
  private static final class Run {
    private final List<VariableRange> ranges;
    private final int d;
    private final ScaleSrConfig cfg;
    private final SplittableRandom random;
    private final Budget budget;
    private final ProgressListener listener;
    private final long startNanos;
    private final long totalNanos;
    private final List<String> names;
    final List<String> steps = new ArrayList<>();
    private Oracle oracle;
    private double oracleMse;
    private double margin;
    private long queries;

    Run(
        List<VariableRange> ranges,
        ScaleSrConfig cfg,
        SplittableRandom random,
        Budget budget,
        ProgressListener listener,
        long startNanos) {
      this.ranges = ranges;
      this.d = ranges.size();
      this.cfg = cfg;
      this.random = random;
      this.budget = budget;
      this.listener = listener;
      this.startNanos = startNanos;
      this.totalNanos = Math.max(1, budget.remaining().toNanos());
      this.names = ranges.stream().map(VariableRange::name).toList();
    }

    double fraction() {
      return 1 - budget.remaining().toNanos() / (double) totalNanos;
    }

    private void report(Stage stage, String message) {
      steps.add(message);
      listener.onProgress(new ProgressListener.Progress(stage, message, fraction()));
    }

    private String show(Expr e) {
      return ExprPrinter.infix(e, names, 4);
    }

    // ---- Whole runs -------------------------------------------------------------------------

    SymbolicRegressionResult univariateOnData(double[][] x, double[] y, String target) {
      report(Stage.SEARCH, "one input: single-variable regression directly on the data");
      ParetoFront front =
          UnivariateSearch.search(
              x[0], y, cfg.univariate(), cfg.exactNmse() * 1e-3, random.split(), budget);
      return finish(front, x, y, target, Double.NaN);
    }

    SymbolicRegressionResult execute(
        Oracle oracle,
        double oracleMse,
        double[][] x,
        double[] y,
        String target,
        double generatorMse) {
      this.oracle = oracle;
      this.oracleMse = oracleMse;
      // A fitted generator is least accurate near the edges of its data; query its interior.
      this.margin = Double.isNaN(generatorMse) ? 0 : MARGIN;
      int[] sensitivity = order();
      Budget schedule = budget.slice(1 - cfg.polishShare());
      ParetoFront front = new ParetoFront();
      Scorer scorer = new Scorer(x, y, cfg.univariate().fit(), random.split(), budget);
      List<Expr> seeds = new ArrayList<>();
      // A refit this far below the generator's (or oracle's) own error can only be exact.
      double noiseNmse =
          Double.isNaN(generatorMse)
              ? oracleMse / Scorer.normalizer(y)
              : generatorMse / Scorer.normalizer(y);
      double settled = Math.max(cfg.exactNmse() * 1e-3, SETTLED_FRACTION * noiseNmse);
      List<List<Integer>> tried = new ArrayList<>();
      for (int attempt = 0; attempt < MAX_ORDERS && !schedule.exhausted(); attempt++) {
        int[] order = releaseOrder(sensitivity, attempt);
        List<Integer> key = Arrays.stream(order).boxed().toList();
        if (tried.contains(key)) {
          continue;
        }
        tried.add(key);
        report(
            Stage.ORDER,
            "release order: "
                + Arrays.stream(order).mapToObj(names::get).toList()
                + (attempt == 0
                    ? " (largest effect first)"
                    : " (another order, attempt " + (attempt + 1) + ")"));
        Expr skeleton = schedule(order, schedule.slice(attempt == 0 ? FIRST_ORDER_SHARE : 0.5));
        if (skeleton == null) {
          continue;
        }
        Candidate refit =
            scorer.fit(Simplifier.simplify(skeleton.freeAllConstants()), cfg.univariate().fit());
        front.offer(refit);
        Candidate pruned = Pruner.prune(refit, scorer);
        front.offer(pruned);
        seeds.add(pruned.expr());
        seeds.add(skeleton);
        report(
            Stage.REFIT,
            String.format(
                "refitted on the data: %s (NMSE %.3g)", show(pruned.expr()), pruned.nmse()));
        if (pruned.nmse() <= settled) {
          break;
        }
      }
      boolean exact =
          front.mostAccurate() != null && front.mostAccurate().nmse() <= cfg.exactNmse() * 1e-3;
      if (!budget.exhausted() && !exact) {
        report(Stage.SEARCH, "polishing with genetic programming over all inputs");
        int[] all = new int[d];
        for (int v = 0; v < d; v++) {
          all[v] = v;
        }
        double stop =
            front.mostAccurate() == null ? 0 : Math.max(1e-14, front.mostAccurate().nmse());
        front.addAll(
            GeneticProgramming.search(x, y, all, cfg.gp(), seeds, stop, random.split(), budget));
      }
      return finish(front, x, y, target, generatorMse);
    }

    /** One pass of the control-variable schedule in the given order; null when nothing ran. */
    private Expr schedule(int[] order, Budget schedule) {
      boolean[] released = new boolean[d];
      Expr skeleton = null;
      for (int k = 0; k < d && !schedule.exhausted(); k++) {
        int v = order[k];
        Budget stage = schedule.slice(1.0 / (d - k));
        skeleton = skeleton == null ? first(v, stage) : release(skeleton, v, released, stage);
        released[v] = true;
        report(
            Stage.RELEASE,
            String.format("released %s (%d/%d): %s", names.get(v), k + 1, d, show(skeleton)));
      }
      return skeleton;
    }

    /**
     * The order of attempt {@code attempt}: by decreasing effect first, then by increasing effect,
     * then seeded shuffles.
     */
    private int[] releaseOrder(int[] sensitivity, int attempt) {
      int[] o = sensitivity.clone();
      if (attempt == 1) {
        for (int i = 0; i < d / 2; i++) {
          int t = o[i];
          o[i] = o[d - 1 - i];
          o[d - 1 - i] = t;
        }
      } else if (attempt > 1) {
        for (int i = d - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = o[i];
          o[i] = o[j];
          o[j] = t;
        }
      }
      return o;
    }

    SymbolicRegressionResult finish(
        ParetoFront front, double[][] x, double[] y, String target, double generatorMse) {
      ParetoFront tidy = new ParetoFront();
      // Clean-up (pruning) gets a bounded grace period after the budget.
      Scorer scorer = new Scorer(x, y, cfg.univariate().fit(), random.split(), budget.grace(GRACE));
      List<Candidate> all = front.candidates();
      for (int i = 0; i < all.size(); i++) {
        Candidate c = all.get(i);
        // The most accurate few are pruned; simpler ones are rarely improved by it.
        boolean prune = i >= all.size() - PRUNED_CANDIDATES;
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
                  "best: %s (NMSE %.3g, complexity %d; %d oracle queries)",
                  show(best.expr()), best.nmse(), best.complexity(), queries);
      report(Stage.DONE, summary);
      return new SymbolicRegressionResult(
          names,
          target,
          candidates,
          best,
          generatorMse,
          budget.evaluations(),
          Duration.ofNanos(System.nanoTime() - startNanos),
          budget.cancelled(),
          steps);
    }

    // ---- Sampling ---------------------------------------------------------------------------

    private double[] draw() {
      double[] b = new double[d];
      for (int v = 0; v < d; v++) {
        b[v] = uniform(v);
      }
      return b;
    }

    /** A uniform draw of variable v from the interior of its range (see {@link #MARGIN}). */
    private double uniform(int v) {
      return random.nextDouble(low(v), high(v));
    }

    private double low(int v) {
      VariableRange r = ranges.get(v);
      return r.low() + margin * (r.high() - r.low());
    }

    private double high(int v) {
      VariableRange r = ranges.get(v);
      return r.high() - margin * (r.high() - r.low());
    }

    /** {@code n} points: variables marked free drawn uniformly, the others at {@code base}. */
    private double[][] sample(double[] base, boolean[] free, int n) {
      double[][] cols = new double[d][n];
      for (int v = 0; v < d; v++) {
        for (int i = 0; i < n; i++) {
          cols[v][i] = free[v] ? uniform(v) : base[v];
        }
      }
      return cols;
    }

    private double[] query(double[][] cols) {
      queries += cols[0].length;
      return oracle.query(cols);
    }

    /** Normalised error at or below which a fit on these targets counts as good. */
    private double goodNmse(double[] y) {
      return Math.max(cfg.exactNmse(), cfg.goodFitMultiple() * oracleMse / Scorer.normalizer(y));
    }

    /** Normalised error below which a single-variable fit is indistinguishable from exact. */
    private double floorNmse(double[] y) {
      return Math.max(cfg.exactNmse() * 1e-3, oracleMse / Scorer.normalizer(y));
    }

    /** Order of release: decreasing mean squared change of the target when one input is redrawn. */
    private int[] order() {
      int m = cfg.sensitivityPoints();
      double[][] cols = new double[d][m * (d + 1)];
      for (int i = 0; i < m; i++) {
        double[] b = draw();
        double[] other = draw();
        for (int k = 0; k <= d; k++) {
          for (int v = 0; v < d; v++) {
            cols[v][k * m + i] = k > 0 && v == k - 1 ? other[v] : b[v];
          }
        }
      }
      double[] y = query(cols);
      double[] effect = new double[d];
      for (int v = 0; v < d; v++) {
        for (int i = 0; i < m; i++) {
          double diff = y[(v + 1) * m + i] - y[i];
          effect[v] += diff * diff / m;
        }
      }
      Integer[] idx = new Integer[d];
      for (int v = 0; v < d; v++) {
        idx[v] = v;
      }
      Arrays.sort(idx, (a, b) -> Double.compare(effect[b], effect[a]));
      int[] out = new int[d];
      for (int v = 0; v < d; v++) {
        out[v] = idx[v];
      }
      return out;
    }

    // ---- Steps ------------------------------------------------------------------------------

    /** The first variable: a one-variable slice, searched and verified. */
    private Expr first(int v, Budget stage) {
      boolean[] free = new boolean[d];
      free[v] = true;
      double[][] cols = sample(draw(), free, cfg.slicePoints());
      double[] y = query(cols);
      double floor = floorNmse(y);
      ParetoFront front =
          UnivariateSearch.search(
              cols[v], y, cfg.univariate(), NOISE_FACTOR * floor, random.split(), stage.slice(0.7));
      int[] map = remap(v);
      List<Expr> options = new ArrayList<>();
      for (Candidate c : preference(front, floor)) {
        options.add(c.expr().remapVariables(map));
      }
      return settle(options, free, v, stage);
    }

    /** Releases {@code v}: explains the open constants of {@code s} as functions of it. */
    private Expr release(Expr s, int v, boolean[] released, Budget stage) {
      int m = s.freeConstantCount();
      if (m == 0) {
        report(
            Stage.RELEASE,
            names.get(v) + ": the skeleton has no open constants, so it does not depend on it");
        return s;
      }
      double[] base = draw();
      int g = cfg.gridPoints();
      int nf = cfg.gridFitPoints();
      double[] grid = new double[g];
      for (int k = 0; k < g; k++) {
        grid[k] = low(v) + (high(v) - low(v)) * (k + random.nextDouble()) / g;
      }
      // Two independent samples per grid value: the disagreement of their fits measures how
      // much the oracle's error moves each constant.
      int per = 2 * nf;
      double[][] cols = new double[d][g * per];
      for (int k = 0; k < g; k++) {
        for (int i = 0; i < per; i++) {
          for (int u = 0; u < d; u++) {
            cols[u][k * per + i] = u == v ? grid[k] : released[u] ? uniform(u) : base[u];
          }
        }
      }
      double[] y = query(cols);
      double[][] theta = new double[g][];
      double[][] se = new double[g][];
      boolean[] good = new boolean[g];
      double[] previous = s.freeConstants();
      int goodCount = 0;
      for (int k = 0; k < g && !stage.exhausted(); k++) {
        double[][] slice = new double[d][];
        for (int u = 0; u < d; u++) {
          slice[u] = Arrays.copyOfRange(cols[u], k * per, (k + 1) * per);
        }
        double[] ys = Arrays.copyOfRange(y, k * per, (k + 1) * per);
        HalfFit fit = fitHalves(s.withFreeConstants(previous), slice, ys, k == 0 ? 4 : 2);
        theta[k] = fit.theta();
        se[k] = fit.halfSpread();
        good[k] = fit.good();
        if (good[k]) {
          goodCount++;
          previous = theta[k];
        }
      }
      if (goodCount < Math.max(5, (int) Math.ceil(0.7 * g))) {
        report(
            Stage.RELEASE,
            String.format(
                "%s: the skeleton fits only %d of %d slices; searching over the released inputs",
                names.get(v), goodCount, g));
        return fallback(s, List.of(), v, released, stage);
      }
      double[] gx = new double[goodCount];
      double[][] cj = new double[m][goodCount];
      double[][] sej = new double[m][goodCount];
      int at = 0;
      for (int k = 0; k < g; k++) {
        if (good[k]) {
          gx[at] = grid[k];
          for (int j = 0; j < m; j++) {
            cj[j][at] = theta[k][j];
            sej[j][at] = se[k][j];
          }
          at++;
        }
      }
      int[] map = remap(v);
      List<List<Expr>> options = new ArrayList<>();
      double[] floors = new double[m];
      int varying = 0;
      for (int j = 0; j < m; j++) {
        double noise = 0;
        for (double e : sej[j]) {
          noise += e * e / sej[j].length;
        }
        floors[j] = Math.max(cfg.exactNmse() * 1e-3, noise / Scorer.normalizer(cj[j]));
        if (NOISE_FACTOR * floors[j] < 1) {
          varying++;
        }
      }
      int searched = 0;
      for (int j = 0; j < m; j++) {
        List<Expr> o = new ArrayList<>();
        if (NOISE_FACTOR * floors[j] >= 1) {
          // The constant moves no more than its estimates scatter: it does not depend on v.
          o.add(Exprs.c(UnivariateSearch.mean(cj[j])));
        } else {
          Budget slice = stage.slice(0.6 / (varying - searched));
          searched++;
          ParetoFront front =
              UnivariateSearch.search(
                  gx, cj[j], cfg.univariate(), NOISE_FACTOR * floors[j], random.split(), slice);
          List<Candidate> pref = preference(front, floors[j]);
          for (Candidate c : pref) {
            o.add(c.expr().remapVariables(map));
          }
          if (o.isEmpty()) {
            o.add(Exprs.c(UnivariateSearch.mean(cj[j])));
          } else {
            report(
                Stage.RELEASE,
                String.format(
                    "%s: open constant %d (%.4g … %.4g) explained as %s (NMSE %.2g, floor %.2g)",
                    names.get(v),
                    j,
                    min(cj[j]),
                    max(cj[j]),
                    show(o.get(0)),
                    pref.get(0).nmse(),
                    floors[j]));
          }
        }
        options.add(o);
      }
      boolean[] free = released.clone();
      free[v] = true;
      List<Expr> composites = new ArrayList<>();
      int[] choice = new int[m];
      composites.add(compose(s, options, choice));
      for (int j = 0; j < m && composites.size() < cfg.alternatives() + 1; j++) {
        for (int a = 1;
            a < options.get(j).size() && composites.size() < cfg.alternatives() + 1;
            a++) {
          int[] alt = new int[m];
          alt[j] = a;
          composites.add(compose(s, options, alt));
        }
      }
      Verified best = null;
      for (Expr c : composites) {
        if (stage.exhausted() && best != null) {
          break;
        }
        Verified ver = verify(c, free);
        if (ver.decision().applicable()) {
          return freeze(c, ver, v);
        }
        if (best == null || ver.meanNmse() < best.meanNmse()) {
          best = ver;
        }
      }
      report(
          Stage.RELEASE,
          names.get(v)
              + ": no explanation of the open constants verified; searching over the"
              + " released inputs");
      return fallback(s, composites, v, released, stage);
    }

    private static double min(double[] v) {
      return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
      return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** {@code s} with its j-th free constant replaced by {@code options[j][choice[j]]}. */
    private static Expr compose(Expr s, List<List<Expr>> options, int[] choice) {
      int[] next = {0};
      Expr out =
          s.transform(
              e -> {
                if (e instanceof Expr.Const k && !k.fixed()) {
                  int j = next[0]++;
                  return options.get(j).get(choice[j]);
                }
                return e;
              });
      return Simplifier.simplify(out);
    }

    /** Multivariable GP over the released inputs and {@code v}, seeded with what failed. */
    private Expr fallback(Expr s, List<Expr> tried, int v, boolean[] released, Budget stage) {
      boolean[] free = released.clone();
      free[v] = true;
      List<Integer> vars = new ArrayList<>();
      for (int u = 0; u < d; u++) {
        if (free[u]) {
          vars.add(u);
        }
      }
      double[][] cols = sample(draw(), free, 2 * cfg.slicePoints());
      double[] y = query(cols);
      double floor = floorNmse(y);
      List<Expr> seeds = new ArrayList<>(tried);
      seeds.add(s);
      seeds.add(Exprs.mul(Exprs.c(1), s, Exprs.x(v)));
      seeds.add(Exprs.add(s, Exprs.mul(Exprs.c(1), Exprs.x(v))));
      ParetoFront front =
          GeneticProgramming.search(
              cols,
              y,
              vars.stream().mapToInt(Integer::intValue).toArray(),
              cfg.gp(),
              seeds,
              NOISE_FACTOR * floor,
              random.split(),
              stage.slice(0.7));
      List<Expr> options = new ArrayList<>();
      for (Candidate c : preference(front, floor)) {
        options.add(c.expr());
      }
      if (options.isEmpty()) {
        return s;
      }
      return settle(options, free, v, stage);
    }

    /**
     * The first option that verifies, frozen; else the best-fitting one with all constants open.
     */
    private Expr settle(List<Expr> options, boolean[] free, int v, Budget stage) {
      Verified best = null;
      Expr bestExpr = null;
      for (int i = 0; i < Math.min(cfg.alternatives(), options.size()); i++) {
        if (i > 0 && stage.exhausted()) {
          break;
        }
        Expr o = Simplifier.simplify(options.get(i));
        Verified ver = verify(o, free);
        if (ver.decision().applicable()) {
          return freeze(o, ver, v);
        }
        if (best == null || ver.meanNmse() < best.meanNmse()) {
          best = ver;
          bestExpr = o;
        }
      }
      if (bestExpr == null) {
        return Simplifier.simplify(options.get(0));
      }
      report(
          Stage.RELEASE,
          String.format(
              "%s: no candidate fitted every draw; keeping %s with all constants open",
              names.get(v), show(bestExpr)));
      return bestExpr.freeConstantCount() == 0
          ? bestExpr
          : bestExpr.withFreeConstants(best.decision().values().toArray());
    }

    /** A skeleton fitted at K draws of the held variables, with the freezing decision. */
    private record Verified(
        FreezingRule.Decision decision,
        double meanNmse,
        double[] spread,
        List<double[][]> inputs,
        List<double[]> targets) {}

    private Verified verify(Expr s, boolean[] free) {
      List<FreezingRule.Draw> draws = new ArrayList<>();
      double total = 0;
      List<double[][]> inputs = new ArrayList<>();
      List<double[]> targets = new ArrayList<>();
      for (int k = 0; k < cfg.draws(); k++) {
        double[][] cols = sample(draw(), free, cfg.drawPoints());
        double[] y = query(cols);
        inputs.add(cols);
        targets.add(y);
        HalfFit fit = fitHalves(s, cols, y, 3);
        total += fit.nmse();
        draws.add(new FreezingRule.Draw(Vec.of(fit.theta()), Vec.of(fit.halfSpread()), fit.good()));
      }
      int p = s.freeConstantCount();
      double[] spread = new double[p];
      for (FreezingRule.Draw dr : draws) {
        for (int j = 0; j < p; j++) {
          double e = dr.standardErrors().get(j);
          if (Double.isFinite(e)) {
            spread[j] = Math.max(spread[j], e);
          }
        }
      }
      return new Verified(
          cfg.freezing().decide(draws), total / cfg.draws(), spread, inputs, targets);
    }

    /**
     * A fit of {@code s}'s free constants on all points, and on each half of them.
     *
     * @param theta constants fitted on all points
     * @param halfSpread per constant, the larger of half the difference between the two halves'
     *     fits and the Gauss-Newton standard error: the scatter of the estimate
     * @param nmse normalised error of {@code theta} on all points
     * @param good whether that error meets the goodness threshold
     */
    private record HalfFit(double[] theta, double[] halfSpread, double nmse, boolean good) {}

    private HalfFit fitHalves(Expr s, double[][] cols, double[] y, int starts) {
      int n = y.length;
      double norm = Scorer.normalizer(y);
      Program p = Program.compile(s);
      if (p.parameterCount() == 0) {
        double[] f = p.evaluate(cols, n);
        budget.count(1);
        double nmse = ConstantFitter.sse(f, y) / n / norm;
        return new HalfFit(new double[0], new double[0], nmse, nmse <= goodNmse(y));
      }
      ConstantFitter.Settings settings = cfg.univariate().fit().withStarts(starts);
      ConstantFitter.Fit all = ConstantFitter.fit(p, cols, y, settings, random.split(), budget);
      double[] theta = all.parameters().toArray();
      double[] spread = ConstantFitter.standardErrors(p, cols, y, theta);
      Program warm = Program.compile(s.withFreeConstants(theta));
      int h = n / 2;
      double[][] a = new double[cols.length][];
      double[][] b = new double[cols.length][];
      for (int u = 0; u < cols.length; u++) {
        a[u] = Arrays.copyOfRange(cols[u], 0, h);
        b[u] = Arrays.copyOfRange(cols[u], h, n);
      }
      ConstantFitter.Settings one = settings.withStarts(1);
      double[] ta =
          ConstantFitter.fit(warm, a, Arrays.copyOfRange(y, 0, h), one, random.split(), budget)
              .parameters()
              .toArray();
      double[] tb =
          ConstantFitter.fit(warm, b, Arrays.copyOfRange(y, h, n), one, random.split(), budget)
              .parameters()
              .toArray();
      for (int j = 0; j < theta.length; j++) {
        double half = Math.abs(ta[j] - tb[j]) / 2;
        spread[j] = Double.isFinite(spread[j]) ? Math.max(spread[j], half) : half;
      }
      double nmse = all.mse() / norm;
      return new HalfFit(theta, spread, nmse, nmse <= goodNmse(y));
    }

    /**
     * Frozen constants become fixed at their mean, open ones stay free at their mean, and constants
     * within {@link #SIGNIFICANCE} estimation errors of zero are dropped where the skeleton still
     * fits every draw without them.
     */
    private Expr freeze(Expr s, Verified ver, int v) {
      FreezingRule.Decision dec = ver.decision();
      double[] values = dec.values().toArray();
      boolean[] zero = new boolean[values.length];
      Expr current = settled(s, values, dec, zero);
      for (int j = 0; j < values.length && !budget.exhausted(); j++) {
        if (Math.abs(values[j]) > SIGNIFICANCE * ver.spread()[j]) {
          continue;
        }
        zero[j] = true;
        Expr trial = settled(s, values, dec, zero);
        if (trial.complexity() < current.complexity() && stillFits(trial, ver)) {
          current = trial;
        } else {
          zero[j] = false;
        }
      }
      int dropped = 0;
      for (boolean z : zero) {
        dropped += z ? 1 : 0;
      }
      report(
          Stage.RELEASE,
          String.format(
              "%s: verified at %d draws (mean NMSE %.2g); %d constants frozen, %d open, %d dropped",
              names.get(v),
              cfg.draws(),
              ver.meanNmse(),
              dec.frozenCount(),
              values.length - dec.frozenCount(),
              dropped));
      return current;
    }

    private static Expr settled(
        Expr s, double[] values, FreezingRule.Decision dec, boolean[] zero) {
      int[] next = {0};
      return Simplifier.simplify(
          s.transform(
              e -> {
                if (e instanceof Expr.Const k && !k.fixed()) {
                  int j = next[0]++;
                  return zero[j]
                      ? Expr.Const.fixed(0)
                      : new Expr.Const(values[j], dec.frozen().get(j));
                }
                return e;
              }));
    }

    /** True when {@code trial} still fits every draw of {@code ver} well. */
    private boolean stillFits(Expr trial, Verified ver) {
      double total = 0;
      for (int k = 0; k < ver.inputs().size(); k++) {
        double[][] cols = ver.inputs().get(k);
        double[] y = ver.targets().get(k);
        Program p = Program.compile(trial);
        double nmse;
        if (p.parameterCount() == 0) {
          double[] f = p.evaluate(cols, y.length);
          budget.count(1);
          nmse = ConstantFitter.sse(f, y) / y.length / Scorer.normalizer(y);
        } else {
          nmse =
              ConstantFitter.fit(
                          p, cols, y, cfg.univariate().fit().withStarts(2), random.split(), budget)
                      .mse()
                  / Scorer.normalizer(y);
        }
        if (!(nmse <= goodNmse(y))) {
          return false;
        }
        total += nmse;
      }
      return total / ver.inputs().size() <= Math.max(1.5 * ver.meanNmse(), cfg.exactNmse());
    }

    /** The front's chosen candidate first, then more complex ones, then simpler ones. */
    private List<Candidate> preference(ParetoFront front, double floor) {
      List<Candidate> c = front.candidates();
      if (c.isEmpty()) {
        return List.of();
      }
      // The oracle's error is partly systematic, so forms that fit within a multiple of the
      // estimated noise, or within a multiple of the most accurate form, count as exact; the
      // simplest of those wins.
      double best = c.get(c.size() - 1).nmse();
      Candidate chosen =
          ModelSelection.choose(c, Math.max(NOISE_FACTOR * floor, RELATIVE_WINDOW * best));
      List<Candidate> out = new ArrayList<>();
      if (chosen == null) {
        return out;
      }
      out.add(chosen);
      for (Candidate x : c) {
        if (x.complexity() > chosen.complexity()) {
          out.add(x);
        }
      }
      for (int i = c.size() - 1; i >= 0; i--) {
        if (c.get(i).complexity() < chosen.complexity()) {
          out.add(c.get(i));
        }
      }
      return out;
    }

    /** Maps variable 0 of a single-variable expression to {@code v}. */
    private int[] remap(int v) {
      return new int[] {v};
    }
  }

  /** Candidates within this factor of the best error on the final front count as equally good. */
  private static final double FINAL_WINDOW = 1.05;

  /**
   * In the schedule's single-variable steps, a form whose error is within this multiple of the
   * estimated noise counts as exact.
   */
  private static final double NOISE_FACTOR = 10;

  /**
   * In the schedule's single-variable steps, a form whose error is within this multiple of the most
   * accurate form's counts as exact.
   */
  private static final double RELATIVE_WINDOW = 3;

  /** Release orders tried at most; a later order runs only if the earlier refits were inexact. */
  private static final int MAX_ORDERS = 4;

  /** Share of the schedule's budget the first order may use. */
  private static final double FIRST_ORDER_SHARE = 0.6;

  /**
   * A refit on the data whose error is below this fraction of the generator's validation error (or
   * the oracle's) is exact, and no further release order is tried.
   */
  private static final double SETTLED_FRACTION = 0.01;

  /** Share of the budget granted after it for pruning the final front. */
  static final double GRACE = 0.1;

  /** The most accurate front members that are pruned before the final choice. */
  static final int PRUNED_CANDIDATES = 5;

  /** Share of each input's range left out at both ends when a fitted generator is queried. */
  private static final double MARGIN = 0.05;

  /** Constants within this many estimation errors of zero are set to zero when a step settles. */
  private static final double SIGNIFICANCE = 3;
}
