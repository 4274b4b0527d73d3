package io.delos.worldmodel.symbolic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A request to find a closed-form expression for one column of a table in terms of others.
 *
 * @param table the data
 * @param target the column to explain
 * @param inputs the columns it may use; empty for every column but the target
 * @param timeBudget time allowed, > 0
 * @param clock how {@code timeBudget} is measured
 * @param maxEvaluations expression evaluations allowed, > 0
 * @param seed seeds every random choice
 * @param config algorithm settings
 */
public record SymbolicRegressionRequest(
    Table table,
    String target,
    List<String> inputs,
    Duration timeBudget,
    Clock clock,
    long maxEvaluations,
    long seed,
    ScaleSrConfig config) {

  /** How a time budget is measured. */
  public enum Clock {
    /** Wall-clock time. */
    WALL,
    /** CPU time of the thread running the request, unaffected by other load on the machine. */
    THREAD_CPU
  }

  /** Validates the request against its table. */
  public SymbolicRegressionRequest {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeBudget, "timeBudget");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(config, "config");
    inputs = List.copyOf(inputs);
    if (!table.names().contains(target)) {
      throw new IllegalArgumentException(
          "target '" + target + "' is not a column; columns: " + table.names());
    }
    for (String in : inputs) {
      if (!table.names().contains(in) || in.equals(target)) {
        throw new IllegalArgumentException(
            "input '" + in + "' is not a column other than the target; columns: " + table.names());
      }
    }
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget = " + timeBudget + ": must be > 0");
    }
    if (maxEvaluations <= 0) {
      throw new IllegalArgumentException("maxEvaluations = " + maxEvaluations + ": must be > 0");
    }
    if (table.rows() < 10) {
      throw new IllegalArgumentException("table has " + table.rows() + " rows: need >= 10");
    }
  }

  /** A request over every other column, with the default settings and no evaluation limit. */
  public static SymbolicRegressionRequest of(
      Table table, String target, Duration timeBudget, long seed) {
    return new SymbolicRegressionRequest(
        table,
        target,
        List.of(),
        timeBudget,
        Clock.WALL,
        Long.MAX_VALUE,
        seed,
        ScaleSrConfig.defaults());
  }

  /** A budget for this request, started now on the calling thread. */
  Budget budget(Cancellation cancellation) {
    return clock == Clock.WALL
        ? Budget.of(timeBudget, maxEvaluations, cancellation)
        : Budget.ofThreadCpuTime(timeBudget, maxEvaluations, cancellation);
  }

  /** The input columns in order: {@link #inputs()}, or every column but the target. */
  public List<String> inputNames() {
    if (!inputs.isEmpty()) {
      return inputs;
    }
    return table.names().stream().filter(n -> !n.equals(target)).toList();
  }

  /** The input columns' values, {@code [inputs][rows]}. */
  double[][] inputColumns() {
    List<String> names = inputNames();
    double[][] out = new double[names.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = table.column(names.get(i));
    }
    return out;
  }
}
