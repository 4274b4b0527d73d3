package io.delos.controllers.support;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import java.util.List;

/** x⁺ = A x + B u: a model whose optimal controls are known in closed form. */
public final class LinearModel implements Dynamics {
  private final double[][] a;
  private final double[][] b;

  /** Rollouts made, to test batching. */
  public int calls;

  /** Creates the model. */
  public LinearModel(double[][] a, double[][] b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public int observationSize() {
    return a.length;
  }

  @Override
  public int actionSize() {
    return b[0].length;
  }

  @Override
  public double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    calls++;
    int n = a.length;
    int m = b[0].length;
    double[] out = new double[starts.size() * horizon * n];
    for (int s = 0; s < starts.size(); s++) {
      double[] x = starts.get(s).observation().toArray();
      for (int h = 0; h < horizon; h++) {
        double[] next = new double[n];
        for (int r = 0; r < n; r++) {
          double v = 0;
          for (int c = 0; c < n; c++) {
            v += a[r][c] * x[c];
          }
          for (int j = 0; j < m; j++) {
            v += b[r][j] * actions[(s * horizon + h) * m + j];
          }
          next[r] = v;
        }
        x = next;
        System.arraycopy(x, 0, out, (s * horizon + h) * n, n);
      }
    }
    return out;
  }
}
