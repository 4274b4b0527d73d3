package io.delos.worldmodel.interpretable;

/**
 * Ordinary least squares with an intercept, the linear baseline: β = (XᵀX + εI)⁻¹ Xᵀy on
 * standardised features, with ε = 1e-9 only to keep constant columns solvable.
 *
 * <p>Immutable.
 */
public final class LinearRegressor {
  private static final double RIDGE = 1e-9;

  private final Standardizer xs;
  private final double[] beta;

  private LinearRegressor(Standardizer xs, double[] beta) {
    this.xs = xs;
    this.beta = beta;
  }

  /** Fits every row of {@code data}. */
  public static LinearRegressor fit(Table data) {
    double[][] x = data.x();
    double[] y = data.y();
    Standardizer xs = Standardizer.of(x);
    int p = data.features() + 1;
    double[][] a = new double[p][p];
    double[] rhs = new double[p];
    double[] row = new double[p];
    for (int i = 0; i < x.length; i++) {
      row[0] = 1;
      for (int j = 0; j < data.features(); j++) {
        row[j + 1] = (x[i][j] - xs.mean[j]) / xs.std[j];
      }
      for (int u = 0; u < p; u++) {
        rhs[u] += row[u] * y[i];
        for (int v = 0; v < p; v++) {
          a[u][v] += row[u] * row[v];
        }
      }
    }
    for (int u = 0; u < p; u++) {
      a[u][u] += RIDGE * x.length;
    }
    return new LinearRegressor(xs, solve(a, rhs));
  }

  /** Predictions for rows {@code [row][feature]}, in the target's unit. */
  public double[] predict(double[][] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = beta[0];
      for (int j = 0; j < xs.mean.length; j++) {
        s += beta[j + 1] * (x[i][j] - xs.mean[j]) / xs.std[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** Scalar parameters: one weight per feature and the intercept. */
  public long parameterCount() {
    return beta.length;
  }

  /** Gaussian elimination with partial pivoting; {@code a} is symmetric positive definite. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      double tb = b[c];
      b[c] = b[pivot];
      b[pivot] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
