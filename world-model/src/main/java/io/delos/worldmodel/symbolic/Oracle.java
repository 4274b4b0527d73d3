package io.delos.worldmodel.symbolic;

/**
 * Answers queries of the target at arbitrary inputs: a fitted data generator ({@link
 * NeuralGenerator}), a known function, or an experiment (the simulator).
 *
 * <p>Queries are batched: {@code inputs[v][i]} is variable {@code v} at point {@code i}, {@code
 * [variables][points]}, and the answer is {@code [points]}. Implementations should do one batched
 * computation per call.
 */
@FunctionalInterface
public interface Oracle {
  /**
   * The target at each point.
   *
   * @param inputs {@code [variables][points]}, every column of equal length
   * @return {@code [points]}
   */
  double[] query(double[][] inputs);

  /** An oracle that evaluates {@code e} (its constants as they are). */
  static Oracle of(Expr e) {
    return inputs -> {
      int n = inputs.length == 0 ? 1 : inputs[0].length;
      return Program.compile(e).evaluate(inputs, n);
    };
  }
}
