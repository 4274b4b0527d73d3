package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tree genetic programming with constant fitting (Koza 1992; constants fitted by
 * Levenberg-Marquardt for every new skeleton, as in Kommenda et al. 2020): a generational search
 * with tournament selection, subtree crossover, and subtree, point, insertion, deletion and hoist
 * mutations. Every individual is simplified before it is fitted; the complexity-accuracy Pareto
 * front of everything fitted is the result.
 *
 * <p>This is both the plain GP baseline over all variables and the engine that ScaleSR's
 * single-variable steps use after their skeleton enumeration.
 */
public final class GeneticProgramming {
  private final GpConfig config;
  private final int[] variables;
  private final SplittableRandom random;

  private GeneticProgramming(GpConfig config, int[] variables, SplittableRandom random) {
    this.config = config;
    this.variables = variables.clone();
    this.random = random;
  }

  /**
   * Runs a search.
   *
   * @param columns inputs {@code [variables][points]}
   * @param y targets {@code [points]}
   * @param variables indices of the columns trees may read, not empty
   * @param config search settings
   * @param seeds expressions placed in the first generation (may be empty)
   * @param stopNmse the search may end early once an expression fits this well (0 to never)
   * @param random source of every random choice
   * @param budget time, evaluations and cancellation
   * @return the Pareto front, fitted on all points
   */
  public static ParetoFront search(
      double[][] columns,
      double[] y,
      int[] variables,
      GpConfig config,
      List<Expr> seeds,
      double stopNmse,
      SplittableRandom random,
      Budget budget) {
    if (variables.length == 0) {
      throw new IllegalArgumentException("variables is empty: need at least one input column");
    }
    GeneticProgramming gp = new GeneticProgramming(config, variables, random);
    double[][] fitColumns = columns;
    double[] fitY = y;
    if (y.length > config.maxFitPoints()) {
      int[] rows = sampleRows(y.length, config.maxFitPoints(), random);
      fitColumns = selectRows(columns, rows);
      fitY = selectRows(new double[][] {y}, rows)[0];
    }
    Scorer scorer = new Scorer(fitColumns, fitY, config.fit(), random.split(), budget);
    ParetoFront front = gp.run(scorer, seeds, stopNmse, budget);
    if (fitY == y) {
      return front;
    }
    Scorer full = new Scorer(columns, y, config.fit().withStarts(1), random.split(), budget);
    ParetoFront refit = new ParetoFront();
    for (Candidate c : front.candidates()) {
      refit.offer(full.fit(c.expr(), config.fit().withStarts(1)));
    }
    return refit;
  }

  private ParetoFront run(Scorer scorer, List<Expr> seeds, double stopNmse, Budget budget) {
    ParetoFront front = new ParetoFront();
    List<Candidate> population = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Expr s : seeds) {
      if (budget.exhausted()) {
        break;
      }
      admit(scorer.score(s), population, seen, front);
    }
    int attempts = 0;
    while (population.size() < config.populationSize()
        && attempts++ < 20 * config.populationSize()
        && !budget.exhausted()) {
      int depth = 1 + random.nextInt(config.initialDepth());
      admit(scorer.score(randomTree(depth, random.nextBoolean())), population, seen, front);
    }
    if (population.isEmpty()) {
      return front;
    }
    int stale = 0;
    double bestSoFar = best(population).nmse();
    while (!budget.exhausted()) {
      population.sort(GeneticProgramming::compare);
      List<Candidate> next = new ArrayList<>(config.populationSize());
      Set<String> nextSeen = new HashSet<>();
      for (int i = 0; i < Math.min(config.elites(), population.size()); i++) {
        admit(population.get(i), next, nextSeen, null);
      }
      // Front members re-enter as parents now and then, keeping simple good forms alive.
      List<Candidate> fc = front.candidates();
      attempts = 0;
      while (next.size() < config.populationSize()
          && attempts++ < 10 * config.populationSize()
          && !budget.exhausted()) {
        double r = random.nextDouble();
        Expr child;
        if (r < config.crossoverRate()) {
          child = crossover(select(population, fc).expr(), select(population, fc).expr());
        } else if (r < config.crossoverRate() + config.mutationRate()) {
          child = mutate(select(population, fc).expr());
        } else {
          admit(select(population, fc), next, nextSeen, null);
          continue;
        }
        admit(scorer.score(child), next, nextSeen, front);
      }
      if (next.isEmpty()) {
        break;
      }
      population = next;
      double b =
          front.mostAccurate() == null ? Double.POSITIVE_INFINITY : front.mostAccurate().nmse();
      if (b < bestSoFar * (1 - 1e-9) && bestSoFar > stopNmse) {
        stale = 0;
      } else {
        // Below the stopping error, further gains are noise: the patience runs down.
        stale++;
      }
      bestSoFar = Math.min(bestSoFar, b);
      if (bestSoFar <= stopNmse && stale >= config.patienceGenerations()) {
        break;
      }
    }
    return front;
  }

  private void admit(Candidate c, List<Candidate> into, Set<String> seen, ParetoFront front) {
    if (c == null || c.complexity() > config.maxComplexity() || !Double.isFinite(c.nmse())) {
      return;
    }
    if (front != null) {
      front.offer(c);
    }
    if (seen.add(Scorer.skeleton(c.expr()))) {
      into.add(c);
    }
  }

  private static Candidate best(List<Candidate> population) {
    Candidate b = population.get(0);
    for (Candidate c : population) {
      if (compare(c, b) < 0) {
        b = c;
      }
    }
    return b;
  }

  /** Lower error first; errors within 0.1% count as equal and the simpler wins. */
  static int compare(Candidate a, Candidate b) {
    double ea = a.nmse();
    double eb = b.nmse();
    if (Math.abs(ea - eb) <= 1e-3 * Math.max(ea, eb)) {
      return Integer.compare(a.complexity(), b.complexity());
    }
    return Double.compare(ea, eb);
  }

  private Candidate select(List<Candidate> population, List<Candidate> front) {
    if (!front.isEmpty() && random.nextInt(10) == 0) {
      return front.get(random.nextInt(front.size()));
    }
    Candidate best = null;
    for (int i = 0; i < config.tournamentSize(); i++) {
      Candidate c = population.get(random.nextInt(population.size()));
      if (best == null || compare(c, best) < 0) {
        best = c;
      }
    }
    return best;
  }

  // ---- Random trees -------------------------------------------------------------------------

  Expr randomTree(int depth, boolean full) {
    if (depth <= 1 || (!full && random.nextDouble() < 0.3)) {
      return randomLeaf();
    }
    double r = random.nextDouble();
    List<Func> fs = config.functions();
    if (r < 0.6 || fs.isEmpty()) {
      Expr a = randomTree(depth - 1, full);
      Expr b = randomTree(depth - 1, full);
      return switch (random.nextInt(4)) {
        case 0 -> Exprs.add(a, b);
        case 1 -> Exprs.sub(a, b);
        case 2 -> Exprs.mul(a, b);
        default -> Exprs.div(a, b);
      };
    }
    if (r < 0.85) {
      return Exprs.call(fs.get(random.nextInt(fs.size())), randomTree(depth - 1, full));
    }
    return Exprs.pow(randomTree(depth - 1, full), randomExponent());
  }

  private Expr randomLeaf() {
    if (random.nextDouble() < 0.65) {
      return Exprs.x(variables[random.nextInt(variables.length)]);
    }
    return Exprs.c(randomConstant());
  }

  private double randomConstant() {
    return random.nextDouble(-2, 2);
  }

  private int randomExponent() {
    int[] choices = {2, 2, 3, -1, -2};
    return choices[random.nextInt(choices.length)];
  }

  // ---- Variation ----------------------------------------------------------------------------

  Expr crossover(Expr a, Expr b) {
    List<int[]> pa = Trees.paths(a);
    List<int[]> pb = Trees.paths(b);
    int[] at = pa.get(random.nextInt(pa.size()));
    Expr donor = Trees.get(b, pb.get(random.nextInt(pb.size())));
    return Trees.replace(a, at, donor);
  }

  Expr mutate(Expr e) {
    List<int[]> paths = Trees.paths(e);
    int[] at = paths.get(random.nextInt(paths.size()));
    Expr node = Trees.get(e, at);
    Expr replacement =
        switch (random.nextInt(6)) {
          case 0 -> randomTree(1 + random.nextInt(3), false);
          case 1 -> pointMutation(node);
          case 2 -> insertion(node);
          case 3 ->
              node.children().isEmpty()
                  ? randomLeaf()
                  : node.children().get(random.nextInt(node.children().size()));
          case 4 -> {
            List<int[]> inner = Trees.paths(node);
            yield Trees.get(node, inner.get(random.nextInt(inner.size())));
          }
          default -> perturbConstants(node);
        };
    return Trees.replace(e, at, replacement);
  }

  private Expr pointMutation(Expr node) {
    List<Func> fs = config.functions();
    if (node instanceof Expr.Call c && !fs.isEmpty()) {
      return Exprs.call(fs.get(random.nextInt(fs.size())), c.arg());
    }
    if (node instanceof Expr.Sum s) {
      return new Expr.Product(s.terms());
    }
    if (node instanceof Expr.Product p) {
      return new Expr.Sum(p.factors());
    }
    if (node instanceof Expr.Pow p) {
      int n = randomExponent();
      return n == p.exponent() ? p.base() : Exprs.pow(p.base(), n);
    }
    return randomLeaf();
  }

  private Expr insertion(Expr node) {
    double r = random.nextDouble();
    List<Func> fs = config.functions();
    if (r < 0.3 && !fs.isEmpty()) {
      return Exprs.call(fs.get(random.nextInt(fs.size())), node);
    }
    if (r < 0.4) {
      return Exprs.pow(node, randomExponent());
    }
    Expr leaf = randomLeaf();
    return switch (random.nextInt(4)) {
      case 0 -> Exprs.add(node, leaf);
      case 1 -> Exprs.mul(node, leaf);
      case 2 -> Exprs.div(node, leaf);
      default -> Exprs.div(leaf, node);
    };
  }

  private Expr perturbConstants(Expr node) {
    return node.transform(
        x ->
            x instanceof Expr.Const k && !k.fixed()
                ? Expr.Const.free(k.value() * (1 + 0.3 * random.nextGaussian()))
                : x);
  }

  // ---- Rows ---------------------------------------------------------------------------------

  static int[] sampleRows(int n, int k, SplittableRandom random) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = new int[k];
    System.arraycopy(idx, 0, out, 0, k);
    return out;
  }

  static double[][] selectRows(double[][] columns, int[] rows) {
    double[][] out = new double[columns.length][rows.length];
    for (int v = 0; v < columns.length; v++) {
      for (int i = 0; i < rows.length; i++) {
        out[v][i] = columns[v][rows[i]];
      }
    }
    return out;
  }
}
