package io.delos.controllers.ilqr;

import io.delos.controllers.linalg.Mat;

/**
 * Minimises ½ xᵀ H x + gᵀ x subject to lo ≤ x ≤ hi by projected Newton steps (Tassa, Mansard and
 * Todorov, "Control-limited differential dynamic programming", ICRA 2014, Algorithm 1), for the
 * small action dimensions of iLQR.
 */
final class BoxQp {
  /**
   * The solution.
   *
   * @param x the minimiser
   * @param free which coordinates are not held at a bound
   * @param hFreeInverse inverse of H restricted to the free coordinates, embedded in a full-size
   *     matrix with zeros elsewhere (used for the feedback gain)
   */
  record Result(double[] x, boolean[] free, double[][] hFreeInverse) {}

  private BoxQp() {}

  static Result solve(double[][] h, double[] g, double[] lo, double[] hi, double[] x0) {
    int m = g.length;
    double[] x = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = clamp(x0[i], lo[i], hi[i]);
    }
    boolean[] free = new boolean[m];
    double[][] inverse = new double[m][m];
    for (int iteration = 0; iteration < 30; iteration++) {
      double[] grad = add(Mat.mul(h, x), g);
      for (int i = 0; i < m; i++) {
        boolean atLow = x[i] <= lo[i] + 1e-12 && grad[i] > 0;
        boolean atHigh = x[i] >= hi[i] - 1e-12 && grad[i] < 0;
        free[i] = !(atLow || atHigh);
      }
      int nf = 0;
      for (boolean f : free) {
        nf += f ? 1 : 0;
      }
      inverse = new double[m][m];
      if (nf == 0) {
        break;
      }
      int[] idx = new int[nf];
      for (int i = 0, k = 0; i < m; i++) {
        if (free[i]) {
          idx[k++] = i;
        }
      }
      double[][] hf = new double[nf][nf];
      double[][] gf = new double[nf][1];
      for (int a = 0; a < nf; a++) {
        for (int b = 0; b < nf; b++) {
          hf[a][b] = h[idx[a]][idx[b]];
        }
        gf[a][0] = grad[idx[a]];
      }
      double[][] hfInv = Mat.solve(hf, Mat.identity(nf));
      for (int a = 0; a < nf; a++) {
        for (int b = 0; b < nf; b++) {
          inverse[idx[a]][idx[b]] = hfInv[a][b];
        }
      }
      double[][] step = Mat.mul(hfInv, gf);
      double[] dir = new double[m];
      for (int a = 0; a < nf; a++) {
        dir[idx[a]] = -step[a][0];
      }
      double f0 = value(h, g, x);
      double alpha = 1;
      double[] candidate = x;
      boolean improved = false;
      for (int ls = 0; ls < 20; ls++) {
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
          y[i] = clamp(x[i] + alpha * dir[i], lo[i], hi[i]);
        }
        if (value(h, g, y) < f0 - 1e-12) {
          candidate = y;
          improved = true;
          break;
        }
        alpha *= 0.5;
      }
      double change = 0;
      for (int i = 0; i < m; i++) {
        change = Math.max(change, Math.abs(candidate[i] - x[i]));
      }
      x = candidate;
      if (!improved || change < 1e-10) {
        break;
      }
    }
    return new Result(x, free, inverse);
  }

  private static double value(double[][] h, double[] g, double[] x) {
    double[] hx = Mat.mul(h, x);
    double v = 0;
    for (int i = 0; i < x.length; i++) {
      v += 0.5 * x[i] * hx[i] + g[i] * x[i];
    }
    return v;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
