package io.delos.worldmodel.linear;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.util.List;

/**
 * A linear one-step model x⁺ = W [x; u; 1], fitted by ridge-regularised least squares to the
 * transitions of recorded trajectories:
 *
 * <pre>
 *   W = Y Zᵀ (Z Zᵀ + λ I)⁻¹,   Z = [x; u; 1] per transition, Y = x⁺
 * </pre>
 *
 * <p>The simplest learned world model: a baseline for the neural ones, and the model the walking
 * skeleton fits on the stream it records. Rollouts feed predictions back autoregressively.
 */
public final class LeastSquaresDynamics implements Dynamics {
  private final int n;
  private final int m;
  private final double[][] w;

  private LeastSquaresDynamics(int n, int m, double[][] w) {
    this.n = n;
    this.m = m;
    this.w = w;
  }

  /**
   * Fits the model.
   *
   * @param trajectories recorded rows; transitions run from each row to the next within an episode
   * @param ridge λ ≥ 0, the regularisation weight
   * @throws IllegalArgumentException when there are no transitions or sizes disagree
   */
  public static LeastSquaresDynamics fit(List<Trajectory> trajectories, double ridge) {
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("no trajectories to fit");
    }
    if (!(ridge >= 0)) {
      throw new IllegalArgumentException("ridge = " + ridge + ": must be >= 0");
    }
    int n = trajectories.get(0).observationSize();
    int m = trajectories.get(0).actionSize();
    int d = n + m + 1;
    double[][] zz = new double[d][d];
    double[][] yz = new double[n][d];
    double[] z = new double[d];
    long count = 0;
    for (Trajectory t : trajectories) {
      if (t.observationSize() != n || t.actionSize() != m) {
        throw new IllegalArgumentException(
            "trajectory of "
                + t.systemId()
                + " is "
                + t.observationSize()
                + "x"
                + t.actionSize()
                + ", the first was "
                + n
                + "x"
                + m);
      }
      for (int k = 0; k + 1 < t.length(); k++) {
        if (StepFlags.endsEpisode(t.flags(k)) || StepFlags.has(t.flags(k + 1), StepFlags.RESET)) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          z[i] = t.observation(k, i);
        }
        for (int j = 0; j < m; j++) {
          z[n + j] = t.action(k, j);
        }
        z[d - 1] = 1;
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            zz[a][b] += z[a] * z[b];
          }
        }
        for (int i = 0; i < n; i++) {
          double y = t.observation(k + 1, i);
          for (int b = 0; b < d; b++) {
            yz[i][b] += y * z[b];
          }
        }
        count++;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("the trajectories hold no transition within an episode");
    }
    for (int a = 0; a < d; a++) {
      zz[a][a] += ridge;
    }
    // W (Z Zᵀ) = Y Zᵀ, solved row by row through the symmetric system (Z Zᵀ) wᵢᵀ = (Y Zᵀ)ᵢᵀ.
    double[][] w = new double[n][];
    for (int i = 0; i < n; i++) {
      w[i] = solve(zz, yz[i]);
    }
    return new LeastSquaresDynamics(n, m, w);
  }

  private static double[] solve(double[][] a, double[] b) {
    int d = b.length;
    double[][] lu = new double[d][];
    for (int i = 0; i < d; i++) {
      lu[i] = a[i].clone();
    }
    double[] x = b.clone();
    for (int col = 0; col < d; col++) {
      int p = col;
      for (int r = col + 1; r < d; r++) {
        if (Math.abs(lu[r][col]) > Math.abs(lu[p][col])) {
          p = r;
        }
      }
      if (Math.abs(lu[p][col]) < 1e-12) {
        // A direction the data never excites: leave its weight at zero.
        continue;
      }
      double[] tr = lu[col];
      lu[col] = lu[p];
      lu[p] = tr;
      double tx = x[col];
      x[col] = x[p];
      x[p] = tx;
      for (int r = col + 1; r < d; r++) {
        double f = lu[r][col] / lu[col][col];
        for (int c = col; c < d; c++) {
          lu[r][c] -= f * lu[col][c];
        }
        x[r] -= f * x[col];
      }
    }
    double[] out = new double[d];
    for (int col = d - 1; col >= 0; col--) {
      if (Math.abs(lu[col][col]) < 1e-12) {
        out[col] = 0;
        continue;
      }
      double s = x[col];
      for (int k = col + 1; k < d; k++) {
        s -= lu[col][k] * out[k];
      }
      out[col] = s / lu[col][col];
    }
    return out;
  }

  @Override
  public int observationSize() {
    return n;
  }

  @Override
  public int actionSize() {
    return m;
  }

  /** One prediction: x⁺ for observation x and action u. */
  public double[] predict(double[] x, double[] u) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double[] wi = w[i];
      double s = wi[n + m];
      for (int a = 0; a < n; a++) {
        s += wi[a] * x[a];
      }
      for (int j = 0; j < m; j++) {
        s += wi[n + j] * u[j];
      }
      out[i] = s;
    }
    return out;
  }

  @Override
  public double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    double[] out = new double[starts.size() * horizon * n];
    double[] u = new double[m];
    for (int b = 0; b < starts.size(); b++) {
      double[] x = starts.get(b).observation().toArray();
      for (int h = 0; h < horizon; h++) {
        System.arraycopy(actions, (b * horizon + h) * m, u, 0, m);
        x = predict(x, u);
        System.arraycopy(x, 0, out, (b * horizon + h) * n, n);
      }
    }
    return out;
  }

  /**
   * Mean squared one-step error of this model, and of holding the observation, over the transitions
   * of {@code t}.
   *
   * @return {model MSE, hold-the-observation MSE}
   */
  public double[] oneStepErrors(Trajectory t) {
    double model = 0;
    double hold = 0;
    long count = 0;
    for (int k = 0; k + 1 < t.length(); k++) {
      if (StepFlags.endsEpisode(t.flags(k)) || StepFlags.has(t.flags(k + 1), StepFlags.RESET)) {
        continue;
      }
      double[] x = t.observation(k);
      double[] p = predict(x, t.action(k));
      for (int i = 0; i < n; i++) {
        double y = t.observation(k + 1, i);
        model += (p[i] - y) * (p[i] - y);
        hold += (x[i] - y) * (x[i] - y);
      }
      count++;
    }
    if (count == 0) {
      throw new IllegalArgumentException("trajectory holds no transition");
    }
    return new double[] {model / (count * n), hold / (count * n)};
  }
}
