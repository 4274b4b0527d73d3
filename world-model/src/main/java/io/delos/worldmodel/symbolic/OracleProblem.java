package io.delos.worldmodel.symbolic;

import java.util.List;
import java.util.Objects;

/**
 * A regression problem posed through experiments rather than a table: the user can evaluate the
 * target anywhere in a box (for example by running the simulator), so ScaleSR queries the oracle
 * directly instead of a fitted generator.
 *
 * @param variables the inputs and the box they are sampled from
 * @param target name of the explained quantity
 * @param oracle answers queries, {@code [variables][points] → [points]}
 * @param noiseMse variance of the oracle's answers about the true function, target units squared,
 *     >= 0 (0 for exact experiments)
 * @param dataPoints points drawn from the oracle for the final fit of all constants, >= 10
 */
public record OracleProblem(
    List<VariableRange> variables, String target, Oracle oracle, double noiseMse, int dataPoints) {
  /** Validates the problem. */
  public OracleProblem {
    variables = List.copyOf(variables);
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("variables is empty: need at least one input");
    }
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(oracle, "oracle");
    if (!(noiseMse >= 0)) {
      throw new IllegalArgumentException("noiseMse = " + noiseMse + ": must be >= 0");
    }
    if (dataPoints < 10) {
      throw new IllegalArgumentException("dataPoints = " + dataPoints + ": must be >= 10");
    }
  }

  /** Variable names in order. */
  public List<String> names() {
    return variables.stream().map(VariableRange::name).toList();
  }
}
