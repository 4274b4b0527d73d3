package io.delos.worldmodel.symbolic.eval;

import java.util.Objects;

/**
 * The outcome of one regression in a benchmark.
 *
 * @param set benchmark set
 * @param problem equation name
 * @param variables number of inputs
 * @param arm method
 * @param noise noise level
 * @param seed seed
 * @param found best expression, plain infix over the variable names ("" when none)
 * @param complexity its complexity (0 when none)
 * @param testR2 coefficient of determination on the noise-free held-out points
 * @param numericSolution whether the refitted expression reproduces the truth exactly
 * @param refitted the found expression with constants refitted to the truth ("" when none)
 * @param sympy SymPy's verdict on {@code refitted}, or null when SymPy was not run
 * @param seconds wall-clock seconds the regression took
 */
public record RunRecord(
    String set,
    String problem,
    int variables,
    BenchmarkSettings.Arm arm,
    double noise,
    long seed,
    String found,
    int complexity,
    double testR2,
    boolean numericSolution,
    String refitted,
    SympyCheck.Verdict sympy,
    double seconds) {

  /** Validates the record. */
  public RunRecord {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(refitted, "refitted");
  }

  /** The symbolic solution verdict: SymPy's when it gave one, else the numerical check's. */
  public boolean solved() {
    if (sympy == SympyCheck.Verdict.EQUAL) {
      return true;
    }
    if (sympy == SympyCheck.Verdict.DIFFER) {
      return false;
    }
    return numericSolution;
  }

  /** This record with a SymPy verdict. */
  public RunRecord withSympy(SympyCheck.Verdict verdict) {
    return new RunRecord(
        set,
        problem,
        variables,
        arm,
        noise,
        seed,
        found,
        complexity,
        testR2,
        numericSolution,
        refitted,
        verdict,
        seconds);
  }
}
