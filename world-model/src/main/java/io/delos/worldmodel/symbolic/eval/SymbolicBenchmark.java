package io.delos.worldmodel.symbolic.eval;

import io.delos.worldmodel.symbolic.Cancellation;
import io.delos.worldmodel.symbolic.Expr;
import io.delos.worldmodel.symbolic.ExprPrinter;
import io.delos.worldmodel.symbolic.PlainGp;
import io.delos.worldmodel.symbolic.Program;
import io.delos.worldmodel.symbolic.ProgressListener;
import io.delos.worldmodel.symbolic.ScaleSr;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import io.delos.worldmodel.symbolic.Table;
import io.delos.worldmodel.symbolic.VariableRange;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the symbolic regression benchmark (SRBench protocol, La Cava et al. 2021): for every
 * equation, noise level and seed, points are drawn uniformly from the equation's box, split into
 * training and held-out points, noise of standard deviation level·RMS(y) is added to the training
 * targets, and each arm gets the same training table and wall-clock budget. Each result is scored
 * by R² on the noise-free held-out points and by the solution test ({@link SolutionCheck}, then
 * SymPy through {@link SympyCheck} when available).
 */
public final class SymbolicBenchmark {
  private static final int CHECK_POINTS = 1000;

  private SymbolicBenchmark() {}

  /** The equations {@code settings} selects, in file order. */
  public static List<BenchmarkProblem> problems(BenchmarkSettings settings) {
    List<BenchmarkProblem> out = new ArrayList<>();
    for (BenchmarkProblem p : BenchmarkSuite.load()) {
      if (settings.sets().contains(p.set())
          && (settings.names().isEmpty() || settings.names().contains(p.name()))) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Runs every regression, then the SymPy check when {@code useSympy}.
   *
   * @param settings what to run
   * @param useSympy whether to confirm solutions with SymPy
   * @param onRecord called once per finished regression (from worker threads, serialised)
   * @return one record per regression, in task order
   */
  public static List<RunRecord> run(
      BenchmarkSettings settings, boolean useSympy, Consumer<RunRecord> onRecord) {
    List<BenchmarkProblem> problems = problems(settings);
    List<Task> tasks = new ArrayList<>();
    for (int pi = 0; pi < problems.size(); pi++) {
      for (double noise : settings.noiseLevels()) {
        for (long seed : settings.seeds()) {
          for (BenchmarkSettings.Arm arm : settings.arms()) {
            tasks.add(new Task(pi, problems.get(pi), noise, seed, arm));
          }
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(settings.workers());
    List<RunRecord> records = new ArrayList<>();
    try {
      List<Future<RunRecord>> futures = new ArrayList<>();
      for (Task t : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  RunRecord r = runOne(t, settings);
                  synchronized (onRecord) {
                    onRecord.accept(r);
                  }
                  return r;
                }));
      }
      for (Future<RunRecord> f : futures) {
        records.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark run failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    if (!useSympy) {
      return records;
    }
    List<SympyCheck.Pair> pairs = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      RunRecord r = records.get(i);
      if (r.refitted().isEmpty()) {
        continue;
      }
      BenchmarkProblem p = problems.get(tasks.get(i).index());
      List<Boolean> positive = p.variables().stream().map(v -> v.low() >= 0).toList();
      pairs.add(new SympyCheck.Pair(p.names(), positive, p.formula(), r.refitted()));
      index.add(i);
    }
    List<SympyCheck.Verdict> verdicts = SympyCheck.check(pairs);
    List<RunRecord> out = new ArrayList<>(records);
    for (int k = 0; k < index.size(); k++) {
      out.set(index.get(k), records.get(index.get(k)).withSympy(verdicts.get(k)));
    }
    return out;
  }

  private record Task(
      int index, BenchmarkProblem problem, double noise, long seed, BenchmarkSettings.Arm arm) {}

  /** The training table, held-out points and check points of one (equation, seed). */
  private record Data(
      Table train, double[][] testX, double[] testY, double[][] checkX, double[] checkY) {}

  private static Data data(
      BenchmarkProblem p, int index, double noise, long seed, BenchmarkSettings s) {
    int d = p.variableCount();
    int n = s.points();
    // Same points for every noise level and arm; noise drawn from its own stream.
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    double[][] x = sample(p, n, random);
    Expr truth = p.truth();
    double[] y = Program.compile(truth).evaluate(x, n);
    int nTrain = (int) Math.round(n * s.trainFraction());
    double[][] cols = new double[d + 1][nTrain];
    double[][] testX = new double[d][n - nTrain];
    for (int v = 0; v < d; v++) {
      System.arraycopy(x[v], 0, cols[v], 0, nTrain);
      System.arraycopy(x[v], nTrain, testX[v], 0, n - nTrain);
    }
    double rms = 0;
    for (int i = 0; i < nTrain; i++) {
      rms += y[i] * y[i] / nTrain;
    }
    rms = Math.sqrt(rms);
    SplittableRandom noiseRandom =
        new SplittableRandom(seed * 7_919L + index * 31L + Double.hashCode(noise));
    for (int i = 0; i < nTrain; i++) {
      cols[d][i] = y[i] + noise * rms * noiseRandom.nextGaussian();
    }
    double[] testY = new double[n - nTrain];
    System.arraycopy(y, nTrain, testY, 0, n - nTrain);
    List<String> names = new ArrayList<>(p.names());
    names.add(TARGET);
    double[][] checkX = sample(p, CHECK_POINTS, random);
    double[] checkY = Program.compile(truth).evaluate(checkX, CHECK_POINTS);
    return new Data(new Table(names, cols), testX, testY, checkX, checkY);
  }

  private static final String TARGET = "target__";

  private static double[][] sample(BenchmarkProblem p, int n, SplittableRandom random) {
    double[][] x = new double[p.variableCount()][n];
    for (int v = 0; v < p.variableCount(); v++) {
      VariableRange r = p.variables().get(v);
      for (int i = 0; i < n; i++) {
        x[v][i] = random.nextDouble(r.low(), r.high());
      }
    }
    return x;
  }

  private static RunRecord runOne(Task t, BenchmarkSettings s) {
    BenchmarkProblem p = t.problem();
    Data data = data(p, t.index(), t.noise(), t.seed(), s);
    SymbolicRegressionRequest request =
        new SymbolicRegressionRequest(
            data.train(),
            TARGET,
            p.names(),
            s.budgetFor(p),
            SymbolicRegressionRequest.Clock.THREAD_CPU,
            Long.MAX_VALUE,
            t.seed(),
            s.config());
    long start = System.nanoTime();
    SymbolicRegressionResult result =
        t.arm() == BenchmarkSettings.Arm.SCALESR
            ? ScaleSr.run(request, ProgressListener.NONE, new Cancellation())
            : PlainGp.run(request, ProgressListener.NONE, new Cancellation());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (result.best() == null) {
      return new RunRecord(
          p.set(),
          p.name(),
          p.variableCount(),
          t.arm(),
          t.noise(),
          t.seed(),
          "",
          0,
          0,
          false,
          "",
          null,
          seconds);
    }
    Expr found = result.best().expr();
    double[] pred = Program.compile(found).evaluate(data.testX(), data.testY().length);
    double r2 = 1 - sse(pred, data.testY()) / (SolutionCheck.variance(data.testY()) * pred.length);
    SolutionCheck.Outcome check =
        SolutionCheck.check(found, data.checkX(), data.checkY(), t.seed());
    return new RunRecord(
        p.set(),
        p.name(),
        p.variableCount(),
        t.arm(),
        t.noise(),
        t.seed(),
        ExprPrinter.infix(found, p.names(), 6),
        result.best().complexity(),
        Double.isFinite(r2) ? r2 : Double.NEGATIVE_INFINITY,
        check.solved(),
        ExprPrinter.infix(check.refitted(), p.names(), 0),
        null,
        seconds);
  }

  private static double sse(double[] f, double[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (f[i] - y[i]) * (f[i] - y[i]);
    }
    return Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
  }
}
