package io.delos.worldmodel.symbolic;

/**
 * Limited-memory BFGS minimisation (Nocedal 1980; Liu and Nocedal 1989) with a backtracking Armijo
 * line search: the two-loop recursion turns the last {@code m} steps and gradient changes into a
 * quasi-Newton direction.
 */
final class Lbfgs {
  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 30;

  /** A function with its gradient. */
  interface Objective {
    /**
     * Evaluates at {@code x}.
     *
     * @param x the point
     * @param gradient receives ∇f(x)
     * @return f(x), or a non-finite value where f is not defined
     */
    double evaluate(double[] x, double[] gradient);
  }

  /** Called every iteration with the current point and value; returns false to stop. */
  interface Monitor {
    boolean iteration(int k, double[] x, double value);
  }

  private Lbfgs() {}

  /**
   * Minimises from {@code x} (updated in place).
   *
   * @param f the objective
   * @param x start, then the last accepted point
   * @param memory number of correction pairs kept, >= 1
   * @param maxIterations iterations at most
   * @param monitor asked after every accepted step whether to go on
   * @return the objective at the last accepted point
   */
  static double minimise(Objective f, double[] x, int memory, int maxIterations, Monitor monitor) {
    int n = x.length;
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    double[] g = new double[n];
    double[] gNew = new double[n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    double fx = f.evaluate(x, g);
    if (!Double.isFinite(fx)) {
      return fx;
    }
    int stored = 0;
    int head = 0;
    for (int k = 0; k < maxIterations; k++) {
      // Two-loop recursion: d = −H∇f.
      System.arraycopy(g, 0, d, 0, n);
      for (int i = 0; i < stored; i++) {
        int j = Math.floorMod(head - 1 - i, memory);
        alpha[j] = rho[j] * dot(s[j], d);
        axpy(-alpha[j], y[j], d);
      }
      double gamma = 1;
      if (stored > 0) {
        int last = Math.floorMod(head - 1, memory);
        gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      }
      for (int i = 0; i < n; i++) {
        d[i] *= gamma;
      }
      for (int i = stored - 1; i >= 0; i--) {
        int j = Math.floorMod(head - 1 - i, memory);
        double beta = rho[j] * dot(y[j], d);
        axpy(alpha[j] - beta, s[j], d);
      }
      for (int i = 0; i < n; i++) {
        d[i] = -d[i];
      }
      double slope = dot(g, d);
      if (!(slope < 0)) {
        // Not a descent direction: restart from steepest descent.
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
        stored = 0;
        if (!(slope < 0)) {
          return fx;
        }
      }
      double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int b = 0; b < MAX_BACKTRACKS; b++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * d[i];
        }
        fNew = f.evaluate(xNew, gNew);
        if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        return fx;
      }
      double[] sk = s[head];
      double[] yk = y[head];
      for (int i = 0; i < n; i++) {
        sk[i] = xNew[i] - x[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
        rho[head] = 1 / sy;
        head = (head + 1) % memory;
        stored = Math.min(stored + 1, memory);
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (!monitor.iteration(k, x, fx)) {
        break;
      }
    }
    return fx;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
