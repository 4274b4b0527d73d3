package io.delos.worldmodel.steering;

/**
 * L2-regularised logistic regression fitted by L-BFGS (Nocedal and Wright, Numerical Optimization,
 * algorithm 7.5) with an Armijo backtracking line search. With labels yᵢ ∈ {−1, +1} and scores sᵢ =
 * wᵀxᵢ + b it minimises
 *
 * <pre>f(w, b) = (1/n) Σᵢ log(1 + exp(−yᵢ sᵢ)) + (λ/2) ‖w‖²</pre>
 *
 * <p>The intercept b is not penalised. The objective is strictly convex for λ > 0, so the fit is
 * deterministic and does not depend on a start point.
 */
final class LogisticRegression {
  private static final int MEMORY = 10;
  private static final double GRADIENT_TOLERANCE = 1e-7;

  /** The fitted weights w and intercept b. */
  record Fit(double[] w, double b) {}

  private LogisticRegression() {}

  /**
   * Fits rows {@code x [example, feature]} with labels {@code positive[example]}.
   *
   * @param ridge λ, >= 0
   * @param maxIterations L-BFGS iterations, at least 1
   */
  static Fit fit(double[][] x, boolean[] positive, double ridge, int maxIterations) {
    int p = x[0].length + 1;
    double[] theta = new double[p];
    double[] grad = new double[p];
    double f = objective(x, positive, ridge, theta, grad);
    double[][] s = new double[MEMORY][];
    double[][] y = new double[MEMORY][];
    double[] rho = new double[MEMORY];
    int stored = 0;
    for (int it = 0; it < maxIterations && maxAbs(grad) > GRADIENT_TOLERANCE; it++) {
      double[] dir = twoLoop(grad, s, y, rho, stored, it);
      double slope = dot(dir, grad);
      if (slope >= 0) {
        dir = negate(grad);
        slope = dot(dir, grad);
      }
      double step = 1;
      double[] next = new double[p];
      double[] nextGrad = new double[p];
      double nextF;
      while (true) {
        for (int j = 0; j < p; j++) {
          next[j] = theta[j] + step * dir[j];
        }
        nextF = objective(x, positive, ridge, next, nextGrad);
        if (nextF <= f + 1e-4 * step * slope || step < 1e-12) {
          break;
        }
        step /= 2;
      }
      double[] sk = new double[p];
      double[] yk = new double[p];
      for (int j = 0; j < p; j++) {
        sk[j] = next[j] - theta[j];
        yk[j] = nextGrad[j] - grad[j];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12) {
        int slot = stored % MEMORY;
        s[slot] = sk;
        y[slot] = yk;
        rho[slot] = 1 / sy;
        stored++;
      }
      boolean stalled = f - nextF <= 1e-15 * Math.max(1, Math.abs(f));
      theta = next;
      grad = nextGrad;
      f = nextF;
      if (stalled) {
        break;
      }
    }
    double[] w = new double[p - 1];
    System.arraycopy(theta, 0, w, 0, p - 1);
    return new Fit(w, theta[p - 1]);
  }

  /** f(θ) and its gradient, written into {@code grad}; θ = [w, b]. */
  private static double objective(
      double[][] x, boolean[] positive, double ridge, double[] theta, double[] grad) {
    int p = theta.length;
    int n = x.length;
    java.util.Arrays.fill(grad, 0);
    double f = 0;
    for (int i = 0; i < n; i++) {
      double score = theta[p - 1];
      double[] row = x[i];
      for (int j = 0; j < p - 1; j++) {
        score += theta[j] * row[j];
      }
      double margin = positive[i] ? score : -score;
      // log(1 + exp(−m)) and its derivative −σ(−m), computed stably
      f += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
      double sigma =
          margin > 0 ? Math.exp(-margin) / (1 + Math.exp(-margin)) : 1 / (1 + Math.exp(margin));
      double coefficient = (positive[i] ? -sigma : sigma) / n;
      for (int j = 0; j < p - 1; j++) {
        grad[j] += coefficient * row[j];
      }
      grad[p - 1] += coefficient;
    }
    f /= n;
    for (int j = 0; j < p - 1; j++) {
      f += 0.5 * ridge * theta[j] * theta[j];
      grad[j] += ridge * theta[j];
    }
    return f;
  }

  /** The L-BFGS two-loop recursion: an approximation of −H⁻¹ ∇f. */
  private static double[] twoLoop(
      double[] grad, double[][] s, double[][] y, double[] rho, int stored, int iteration) {
    double[] q = grad.clone();
    int m = Math.min(stored, MEMORY);
    double[] alpha = new double[MEMORY];
    for (int k = stored - 1; k >= stored - m; k--) {
      int slot = k % MEMORY;
      alpha[slot] = rho[slot] * dot(s[slot], q);
      axpy(-alpha[slot], y[slot], q);
    }
    if (m > 0) {
      int last = (stored - 1) % MEMORY;
      double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      for (int j = 0; j < q.length; j++) {
        q[j] *= gamma;
      }
    } else if (iteration == 0) {
      double scale = 1 / Math.max(1, maxAbs(grad));
      for (int j = 0; j < q.length; j++) {
        q[j] *= scale;
      }
    }
    for (int k = stored - m; k < stored; k++) {
      int slot = k % MEMORY;
      double beta = rho[slot] * dot(y[slot], q);
      axpy(alpha[slot] - beta, s[slot], q);
    }
    return negate(q);
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

  private static double[] negate(double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = -a[i];
    }
    return out;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
