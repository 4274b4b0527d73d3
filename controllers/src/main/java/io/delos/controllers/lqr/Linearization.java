package io.delos.controllers.lqr;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import java.util.ArrayList;
import java.util.List;

/**
 * A discrete-time linear model x⁺ ≈ x* + A (x − x*) + B (u − u*) around an operating point,
 * obtained by central finite differences through any {@link Dynamics}.
 *
 * <p>Central differences cost 2(n + m) one-step predictions, made in a single batched call.
 *
 * @param a state matrix A, n×n
 * @param b input matrix B, n×m
 * @param drift x⁺(x*, u*) − x*, how far the operating point itself moves in one step
 */
public record Linearization(double[][] a, double[][] b, double[] drift) {

  /**
   * Linearises {@code dynamics} around (x*, u*).
   *
   * @param dynamics the model
   * @param x0 operating-point observation x*
   * @param u0 operating-point action u*
   * @param epsilon perturbation size, in the units of each channel, > 0
   * @return A, B and the drift
   */
  public static Linearization around(Dynamics dynamics, double[] x0, double[] u0, double epsilon) {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon = " + epsilon + ": must be > 0");
    }
    int n = dynamics.observationSize();
    int m = dynamics.actionSize();
    if (x0.length != n || u0.length != m) {
      throw new IllegalArgumentException(
          "operating point has "
              + x0.length
              + " states and "
              + u0.length
              + " actions: expected "
              + n
              + " and "
              + m);
    }
    List<State> starts = new ArrayList<>();
    double[] actions = new double[(2 * (n + m) + 1) * m];
    int row = 0;
    for (int i = 0; i < n; i++) {
      for (int sign = -1; sign <= 1; sign += 2) {
        double[] x = x0.clone();
        x[i] += sign * epsilon;
        starts.add(State.of(x));
        System.arraycopy(u0, 0, actions, row * m, m);
        row++;
      }
    }
    for (int j = 0; j < m; j++) {
      for (int sign = -1; sign <= 1; sign += 2) {
        starts.add(State.of(x0));
        double[] u = u0.clone();
        u[j] += sign * epsilon;
        System.arraycopy(u, 0, actions, row * m, m);
        row++;
      }
    }
    starts.add(State.of(x0));
    System.arraycopy(u0, 0, actions, row * m, m);
    double[] next = dynamics.rollout(starts, 1, actions);

    double[][] a = new double[n][n];
    double[][] b = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < n; r++) {
        a[r][i] = (next[(2 * i + 1) * n + r] - next[(2 * i) * n + r]) / (2 * epsilon);
      }
    }
    for (int j = 0; j < m; j++) {
      int base = 2 * n + 2 * j;
      for (int r = 0; r < n; r++) {
        b[r][j] = (next[(base + 1) * n + r] - next[base * n + r]) / (2 * epsilon);
      }
    }
    double[] drift = new double[n];
    int last = 2 * (n + m);
    for (int r = 0; r < n; r++) {
      drift[r] = next[last * n + r] - x0[r];
    }
    return new Linearization(a, b, drift);
  }
}
