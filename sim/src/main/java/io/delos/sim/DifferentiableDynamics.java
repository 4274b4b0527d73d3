package io.delos.sim;

import java.util.List;

/**
 * A {@link Dynamics} that can also give the Jacobians of its one-step prediction, for example by
 * automatic differentiation. Gradient-based planners (iLQR) use them instead of finite differences.
 */
public interface DifferentiableDynamics extends Dynamics {
  /**
   * Jacobians of x⁺ = f(x, u) at each (state, action) pair.
   *
   * @param states the states x, {@code batch} of them
   * @param actions {@code [batch, actionSize]}
   * @return A = ∂f/∂x as {@code [batch, observationSize, observationSize]} and B = ∂f/∂u as {@code
   *     [batch, observationSize, actionSize]}, row-major, plus f itself
   */
  Jacobians jacobians(List<State> states, double[] actions);

  /**
   * Jacobians and values of a batch of one-step predictions.
   *
   * @param a {@code [batch, n, n]} row-major
   * @param b {@code [batch, n, m]} row-major
   * @param next {@code [batch, n]}: f(x, u)
   */
  record Jacobians(double[] a, double[] b, double[] next) {}
}
