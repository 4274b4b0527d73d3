package io.delos.worldmodel.symbolic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a symbolic regression run.
 *
 * @param variables input names; variable {@code x_i} of every expression is {@code variables[i]}
 * @param target the explained column
 * @param front the complexity-accuracy Pareto front on the data, simplest first, NMSE measured on
 *     the data the run was given
 * @param best the chosen expression (a member of the front), or null when nothing was found
 * @param generatorValidationMse the data generator's validation mean squared error, in target units
 *     squared; NaN when no generator was fitted
 * @param evaluations expression evaluations spent
 * @param elapsed wall-clock time spent
 * @param cancelled true when the run was cancelled before its budget ran out
 * @param steps one line per decision of the schedule, for reports
 */
public record SymbolicRegressionResult(
    List<String> variables,
    String target,
    List<Candidate> front,
    Candidate best,
    double generatorValidationMse,
    long evaluations,
    Duration elapsed,
    boolean cancelled,
    List<String> steps) {

  /** Validates the result. */
  public SymbolicRegressionResult {
    variables = List.copyOf(variables);
    Objects.requireNonNull(target, "target");
    front = List.copyOf(front);
    Objects.requireNonNull(elapsed, "elapsed");
    steps = List.copyOf(steps);
  }

  /** {@code c} as plain infix over the variable names, constants to {@code digits} digits. */
  public String infix(Candidate c, int digits) {
    return ExprPrinter.infix(c.expr(), variables, digits);
  }

  /** The best expression as plain infix in full precision, or null when there is none. */
  public String bestInfix() {
    return best == null ? null : infix(best, 0);
  }
}
