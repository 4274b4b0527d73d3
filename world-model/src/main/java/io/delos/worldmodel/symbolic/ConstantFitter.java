package io.delos.worldmodel.symbolic;

import io.delos.sim.Vec;
import java.util.SplittableRandom;

/**
 * Fits the free constants θ of an expression to data by Levenberg-Marquardt least squares,
 *
 * <pre>
 *   min_θ Σᵢ (f(xᵢ; θ) − yᵢ)²,   (JᵀJ + λ·diag(JᵀJ)) δ = Jᵀr,   θ ← θ + δ when the cost falls
 * </pre>
 *
 * <p>(Levenberg 1944, Marquardt 1963, with Marquardt's diagonal scaling), from the expression's own
 * constants and from further random starts; the best fit wins. Random starts keep each constant's
 * sign or flip it and scale its magnitude by a log-uniform factor in [0.1, 10]; a constant at 0
 * starts from a log-uniform magnitude in [0.1, 10].
 */
public final class ConstantFitter {
  private static final double INITIAL_DAMPING = 1e-3;
  private static final double DAMPING_FLOOR = 1e-12;
  private static final double DAMPING_CEILING = 1e16;
  private static final double TINY = 1e-300;

  private ConstantFitter() {}

  /**
   * Settings of a fit.
   *
   * @param maxIterations accepted or rejected LM steps per start, >= 1
   * @param starts starts in all (the expression's own constants first), >= 1
   * @param relativeTolerance stop a start when an accepted step lowers the cost by less than this
   *     fraction, in (0, 1)
   */
  public record Settings(int maxIterations, int starts, double relativeTolerance) {
    /** 60 iterations, 4 starts, tolerance 1e-10. */
    public static final Settings DEFAULT = new Settings(60, 4, 1e-10);

    /** Validates the settings. */
    public Settings {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations = " + maxIterations + ": must be >= 1");
      }
      if (starts < 1) {
        throw new IllegalArgumentException("starts = " + starts + ": must be >= 1");
      }
      if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
        throw new IllegalArgumentException(
            "relativeTolerance = " + relativeTolerance + ": allowed (0, 1)");
      }
    }

    /** These settings with another number of starts. */
    public Settings withStarts(int n) {
      return new Settings(maxIterations, n, relativeTolerance);
    }

    /** These settings with another iteration limit. */
    public Settings withMaxIterations(int n) {
      return new Settings(n, starts, relativeTolerance);
    }
  }

  /**
   * A fitted set of constants.
   *
   * @param parameters the constants, in the expression's pre-order
   * @param sse sum of squared residuals at those constants, or +∞ when the expression is not finite
   *     on the data
   * @param points number of points fitted
   */
  public record Fit(Vec parameters, double sse, int points) {
    /** Validates the fit. */
    public Fit {
      if (points < 0) {
        throw new IllegalArgumentException("points = " + points + ": must be >= 0");
      }
    }

    /** Mean squared residual. */
    public double mse() {
      return points == 0 ? Double.POSITIVE_INFINITY : sse / points;
    }
  }

  /**
   * Fits the free constants of {@code program} to {@code y}.
   *
   * @param program the compiled expression; its own constants are the first start
   * @param columns inputs {@code [variables][points]}
   * @param y targets {@code [points]}
   * @param settings iterations and starts
   * @param random source of the extra starts
   * @param budget counts evaluations; fitting stops early when it is exhausted
   */
  public static Fit fit(
      Program program,
      double[][] columns,
      double[] y,
      Settings settings,
      SplittableRandom random,
      Budget budget) {
    int n = y.length;
    int p = program.parameterCount();
    double[] start = program.initialParameters();
    double[] f = new double[n];
    if (p == 0) {
      program.evaluate(columns, n, start, f);
      budget.count(1);
      return new Fit(Vec.of(), sse(f, y), n);
    }
    double[][] jac = new double[p][n];
    double[] best = start.clone();
    double bestCost = Double.POSITIVE_INFINITY;
    for (int s = 0; s < settings.starts(); s++) {
      double[] theta = s == 0 ? start.clone() : perturbed(start, random);
      double cost = run(program, columns, y, theta, settings, f, jac, budget);
      if (cost < bestCost) {
        bestCost = cost;
        best = theta;
      }
      if (budget.exhausted() || bestCost == 0) {
        break;
      }
    }
    return new Fit(Vec.of(best), bestCost, n);
  }

  private static double[] perturbed(double[] start, SplittableRandom random) {
    double[] t = new double[start.length];
    for (int j = 0; j < t.length; j++) {
      double scale = Math.pow(10, random.nextDouble(-1, 1));
      double base = start[j] == 0 ? 1 : start[j];
      double sign = random.nextInt(4) == 0 ? -1 : 1;
      t[j] = sign * base * scale;
    }
    return t;
  }

  /** Runs LM from {@code theta} (updated in place); returns the final cost. */
  private static double run(
      Program program,
      double[][] columns,
      double[] y,
      double[] theta,
      Settings settings,
      double[] f,
      double[][] jac,
      Budget budget) {
    int n = y.length;
    int p = theta.length;
    program.evaluateWithJacobian(columns, n, theta, f, jac);
    budget.count(1);
    double cost = sse(f, y);
    if (!Double.isFinite(cost)) {
      return Double.POSITIVE_INFINITY;
    }
    double[] r = new double[n];
    double[] g = new double[p];
    double[][] a = new double[p][p];
    double[] trial = new double[p];
    double[] fTrial = new double[n];
    double lambda = -1;
    boolean fresh = true;
    for (int it = 0; it < settings.maxIterations() && !budget.exhausted(); it++) {
      if (fresh) {
        for (int i = 0; i < n; i++) {
          r[i] = y[i] - f[i];
        }
        for (int j = 0; j < p; j++) {
          double[] jj = jac[j];
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += jj[i] * r[i];
          }
          g[j] = s;
          for (int k = 0; k <= j; k++) {
            double[] jk = jac[k];
            double t = 0;
            for (int i = 0; i < n; i++) {
              t += jj[i] * jk[i];
            }
            a[j][k] = t;
            a[k][j] = t;
          }
        }
        if (!allFinite(g) || !allFinite(a)) {
          return cost;
        }
        if (lambda < 0) {
          double maxDiag = 0;
          for (int j = 0; j < p; j++) {
            maxDiag = Math.max(maxDiag, a[j][j]);
          }
          lambda = INITIAL_DAMPING * Math.max(maxDiag, TINY);
        }
      }
      double[] delta = solveDamped(a, g, lambda);
      if (delta == null) {
        lambda = Math.min(lambda * 10, DAMPING_CEILING);
        fresh = false;
        continue;
      }
      for (int j = 0; j < p; j++) {
        trial[j] = theta[j] + delta[j];
      }
      program.evaluate(columns, n, trial, fTrial);
      budget.count(1);
      double trialCost = sse(fTrial, y);
      if (trialCost < cost) {
        double decrease = (cost - trialCost) / Math.max(cost, TINY);
        System.arraycopy(trial, 0, theta, 0, p);
        cost = trialCost;
        program.evaluateWithJacobian(columns, n, theta, f, jac);
        budget.count(1);
        lambda = Math.max(lambda / 3, DAMPING_FLOOR);
        fresh = true;
        if (decrease < settings.relativeTolerance() || cost <= TINY) {
          break;
        }
      } else {
        lambda *= 4;
        fresh = false;
        if (lambda > DAMPING_CEILING) {
          break;
        }
      }
    }
    return cost;
  }

  /** Solves (A + λ·(diag A + ε)) δ = g by Cholesky; null when not positive definite. */
  private static double[] solveDamped(double[][] a, double[] g, double lambda) {
    int p = g.length;
    double[][] l = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        if (i == j) {
          s += lambda * (a[i][i] + 1e-9 * (1 + a[i][i]));
        }
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] z = new double[p];
    for (int i = 0; i < p; i++) {
      double s = g[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return allFinite(x) ? x : null;
  }

  /**
   * Standard errors of fitted constants from the Gauss-Newton covariance σ²(JᵀJ)⁻¹, with σ² the
   * residual variance; {@code NaN} where JᵀJ is singular.
   *
   * @param program the compiled expression
   * @param columns inputs {@code [variables][points]}
   * @param y targets {@code [points]}
   * @param params fitted constants
   * @return one standard error per constant
   */
  public static double[] standardErrors(
      Program program, double[][] columns, double[] y, double[] params) {
    int n = y.length;
    int p = params.length;
    double[] se = new double[p];
    if (p == 0) {
      return se;
    }
    double[] f = new double[n];
    double[][] jac = new double[p][n];
    program.evaluateWithJacobian(columns, n, params, f, jac);
    double sigma2 = sse(f, y) / Math.max(1, n - p);
    double[][] a = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k <= j; k++) {
        double t = 0;
        for (int i = 0; i < n; i++) {
          t += jac[j][i] * jac[k][i];
        }
        a[j][k] = t;
        a[k][j] = t;
      }
    }
    for (int j = 0; j < p; j++) {
      double[] e = new double[p];
      e[j] = 1;
      double[] col = solveDamped(a, e, 0);
      se[j] = col == null || !(col[j] >= 0) ? Double.NaN : Math.sqrt(sigma2 * col[j]);
    }
    return se;
  }

  static double sse(double[] f, double[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double d = f[i] - y[i];
      s += d * d;
    }
    return Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(double[][] m) {
    for (double[] row : m) {
      if (!allFinite(row)) {
        return false;
      }
    }
    return true;
  }
}
