package io.delos.actors.grpc;

import io.delos.actors.symbolic.SymbolicRegressionActor;
import io.delos.actors.symbolic.SymbolicSettings;
import io.delos.proto.v1.DiscoverRequest;
import io.delos.proto.v1.DiscoverUpdate;
import io.delos.proto.v1.JobProgress;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.ParetoPoint;
import io.delos.proto.v1.SymbolicResult;
import io.delos.worldmodel.symbolic.Candidate;
import io.delos.worldmodel.symbolic.ExprPrinter;
import io.delos.worldmodel.symbolic.Program;
import io.delos.worldmodel.symbolic.ScaleSrConfig;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import io.delos.worldmodel.symbolic.Table;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Converts between {@code delos.v1} symbolic regression messages and the ScaleSR request and
 * result, checking what clients send.
 */
final class SymbolicMapper {
  /** Fewest and most columns of a table (the target included). */
  static final int MIN_COLUMNS = 2;

  static final int MAX_COLUMNS = 64;

  /** Fewest and most rows of a table. */
  static final int MIN_ROWS = 10;

  static final int MAX_ROWS = 1_000_000;

  /** Tables with at least this many rows have {@link #HELD_OUT_SHARE} of them held out. */
  static final int HOLD_OUT_FROM_ROWS = 50;

  /** Share of the rows kept from the search to measure R² on. */
  static final double HELD_OUT_SHARE = 0.2;

  /** Significant digits of the constants in LaTeX. */
  private static final int LATEX_DIGITS = 6;

  /** Longest progress message sent, in characters. */
  private static final int MAX_MESSAGE = 300;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** Words the expression grammar (and SymPy) give a meaning of their own. */
  private static final Set<String> RESERVED =
      Set.of("sin", "cos", "exp", "log", "ln", "sqrt", "pi");

  private SymbolicMapper() {}

  /**
   * A checked Discover request.
   *
   * @param request the search, over the rows that are not held out
   * @param table every row, for the mean squared errors of the front
   * @param heldOut the rows kept from the search, for R²; null when the table is too small to hold
   *     rows out
   */
  record Job(SymbolicRegressionRequest request, Table table, Table heldOut) {
    /** "400 rows (80 held out)". */
    String rowsText() {
      return table.rows() + " rows" + (heldOut == null ? "" : " (" + heldOut.rows() + " held out)");
    }
  }

  /**
   * Checks a Discover request.
   *
   * @param r what the client sent
   * @param settings the budget bound and clock
   * @return the job to run
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} naming the field, its value and
   *     what is allowed
   */
  static Job job(DiscoverRequest r, SymbolicSettings settings) {
    List<String> columns = columns(r.getColumnsList());
    Tensors.Input t = Tensors.require(r.getTable(), "table", "row", "column");
    int c = columns.size();
    t.requireExtent(1, c, "[row, " + c + "] (one column per name in columns)");
    long rows = t.extent(0);
    if (rows < MIN_ROWS || rows > MAX_ROWS) {
      throw Problems.invalid(
          "table.shape = "
              + t.shapeText()
              + ": "
              + rows
              + " rows, allowed "
              + MIN_ROWS
              + " to "
              + MAX_ROWS);
    }
    String target = r.getTarget();
    if (!columns.contains(target)) {
      throw Problems.invalid(
          "target = "
              + Problems.quote(target)
              + ": allowed one of columns "
              + Problems.list(columns));
    }
    double b = r.getBudgetSeconds();
    double max = settings.maxBudget().toNanos() / 1e9;
    if (!(b > 0 && b <= max)) {
      throw Problems.invalid(
          "budget_seconds = "
              + b
              + ": allowed (0, "
              + number(max)
              + "] s (delos.symbolic.max-budget)");
    }
    Table table = table(columns, t.values(), (int) rows);
    Table search = table;
    Table heldOut = null;
    if (rows >= HOLD_OUT_FROM_ROWS) {
      int[][] split = split((int) rows, r.getSeed());
      search = table.selectRows(split[0]);
      heldOut = table.selectRows(split[1]);
    }
    SymbolicRegressionRequest request =
        new SymbolicRegressionRequest(
            search,
            target,
            List.of(),
            Duration.ofNanos(Math.max(1, (long) (b * 1e9))),
            settings.clock(),
            Long.MAX_VALUE,
            r.getSeed(),
            ScaleSrConfig.defaults());
    return new Job(request, table, heldOut);
  }

  private static List<String> columns(List<String> names) {
    if (names.size() < MIN_COLUMNS || names.size() > MAX_COLUMNS) {
      throw Problems.invalid(
          "columns has "
              + names.size()
              + " names: allowed "
              + MIN_COLUMNS
              + " to "
              + MAX_COLUMNS
              + " (the target and at least one input)");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (!NAME.matcher(n).matches()) {
        throw Problems.invalid(
            "columns["
                + i
                + "] = "
                + Problems.quote(n)
                + ": allowed a letter or '_', then up to 63 letters, digits or '_'"
                + " (names become the variables of the expressions)");
      }
      if (RESERVED.contains(n)) {
        throw Problems.invalid(
            "columns["
                + i
                + "] = "
                + Problems.quote(n)
                + ": a function or constant of the expressions; allowed any name but "
                + RESERVED.stream().sorted().toList());
      }
      Integer first = seen.putIfAbsent(n, i);
      if (first != null) {
        throw Problems.invalid(
            "columns["
                + i
                + "] = "
                + Problems.quote(n)
                + " repeats columns["
                + first
                + "]: names must be unique");
      }
    }
    return List.copyOf(names);
  }

  /** The table of a row-major {@code [rows, columns]} block. */
  private static Table table(List<String> names, double[] values, int rows) {
    int c = names.size();
    double[][] cols = new double[c][rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < c; j++) {
        cols[j][i] = values[i * c + j];
      }
    }
    return new Table(names, cols);
  }

  /** Rows to search on and rows held out, drawn with {@code seed}. */
  private static int[][] split(int rows, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    int held = (int) Math.floor(rows * HELD_OUT_SHARE);
    int[] search = new int[rows - held];
    int[] out = new int[held];
    System.arraycopy(order, 0, out, 0, held);
    System.arraycopy(order, held, search, 0, rows - held);
    java.util.Arrays.sort(search);
    java.util.Arrays.sort(out);
    return new int[][] {search, out};
  }

  /**
   * A progress message.
   *
   * @param jobId the job
   * @param state its state
   * @param fraction share of the budget spent, in [0, 1]
   * @param message one line
   */
  static DiscoverUpdate progress(String jobId, JobState state, double fraction, String message) {
    return DiscoverUpdate.newBuilder()
        .setProgress(
            JobProgress.newBuilder()
                .setJobId(jobId)
                .setState(state)
                .setFraction(Math.max(0, Math.min(1, fraction)))
                .setMessage(
                    message.length() <= MAX_MESSAGE
                        ? message
                        : message.substring(0, MAX_MESSAGE - 3) + "..."))
        .build();
  }

  /**
   * The last message of a call: the final state and the front.
   *
   * @param jobId the job
   * @param job the checked request, for the errors of the front
   * @param result what the engine found
   */
  static DiscoverUpdate done(String jobId, Job job, SymbolicRegressionResult result) {
    JobState state =
        result.cancelled() ? JobState.JOB_STATE_CANCELLED : JobState.JOB_STATE_SUCCEEDED;
    String summary =
        String.format(
            Locale.ROOT,
            "%s after %.1f s and %d expression evaluations: %s",
            result.cancelled() ? "cancelled" : "done",
            result.elapsed().toMillis() / 1000.0,
            result.evaluations(),
            result.best() == null ? "no expression found" : "best " + result.bestInfix());
    return progress(jobId, state, 1, summary).toBuilder().setResult(result(job, result)).build();
  }

  /** The front with each point's errors on the table and on the held-out rows. */
  static SymbolicResult result(Job job, SymbolicRegressionResult result) {
    List<String> vars = result.variables();
    Columns all = Columns.of(job.table(), vars, result.target());
    Columns held = job.heldOut() == null ? null : Columns.of(job.heldOut(), vars, result.target());
    SymbolicResult.Builder b = SymbolicResult.newBuilder();
    for (Candidate c : result.front()) {
      Program p = Program.compile(c.expr());
      double mse = all.mse(p);
      double r2 = held == null || held.variance() == 0 ? c.r2() : 1 - held.mse(p) / held.variance();
      b.addFront(
          ParetoPoint.newBuilder()
              .setComplexity(c.complexity())
              .setMse(mse)
              .setR2(Math.min(1, r2))
              .setInfix(result.infix(c, 0))
              .setLatex(ExprPrinter.latex(c.expr(), vars, LATEX_DIGITS)));
    }
    if (result.best() != null) {
      b.setBestInfix(result.bestInfix());
    }
    return b.build();
  }

  /** Inputs {@code [variables][rows]} and the target of some rows. */
  private record Columns(double[][] x, double[] y, double variance) {
    static Columns of(Table t, List<String> vars, String target) {
      double[][] x = new double[vars.size()][];
      for (int i = 0; i < x.length; i++) {
        x[i] = t.column(vars.get(i));
      }
      double[] y = t.column(target);
      double mean = 0;
      for (double v : y) {
        mean += v / y.length;
      }
      double var = 0;
      for (double v : y) {
        var += (v - mean) * (v - mean) / y.length;
      }
      return new Columns(x, y, var);
    }

    /** Mean squared error of {@code p}; +∞ when it is not finite somewhere. */
    double mse(Program p) {
      double[] f = p.evaluate(x, y.length);
      double s = 0;
      for (int i = 0; i < y.length; i++) {
        double e = f[i] - y[i];
        s += e * e;
      }
      s /= y.length;
      return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }
  }

  /** A bound for a message: "3600" rather than "3600.0". */
  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** The protobuf state of a job state. */
  static JobState state(SymbolicRegressionActor.JobState s) {
    return switch (s) {
      case RUNNING -> JobState.JOB_STATE_RUNNING;
      case CANCELLED -> JobState.JOB_STATE_CANCELLED;
      case SUCCEEDED -> JobState.JOB_STATE_SUCCEEDED;
      case FAILED -> JobState.JOB_STATE_FAILED;
      case UNKNOWN -> JobState.JOB_STATE_UNSPECIFIED;
    };
  }
}
