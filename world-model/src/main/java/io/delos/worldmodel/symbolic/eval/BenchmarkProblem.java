package io.delos.worldmodel.symbolic.eval;

import io.delos.worldmodel.symbolic.Expr;
import io.delos.worldmodel.symbolic.ExprParser;
import io.delos.worldmodel.symbolic.VariableRange;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark equation: its set, name, formula and the box its inputs are drawn from.
 *
 * @param set benchmark set ({@code nguyen}, {@code jin}, {@code feynman})
 * @param name the equation's name in its set
 * @param formula plain infix over the variable names
 * @param variables inputs with their sampling ranges
 */
public record BenchmarkProblem(
    String set, String name, String formula, List<VariableRange> variables) {
  /** Validates the problem and that its formula parses. */
  public BenchmarkProblem {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(formula, "formula");
    variables = List.copyOf(variables);
    ExprParser.parse(formula, variables.stream().map(VariableRange::name).toList());
  }

  /** Variable names in order. */
  public List<String> names() {
    return variables.stream().map(VariableRange::name).toList();
  }

  /** The formula as an expression over {@code x0, x1, …} in the order of {@link #variables()}. */
  public Expr truth() {
    return ExprParser.parse(formula, names());
  }

  /** Number of inputs. */
  public int variableCount() {
    return variables.size();
  }
}
