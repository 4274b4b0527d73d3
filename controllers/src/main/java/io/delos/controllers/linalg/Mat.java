package io.delos.controllers.linalg;

/**
 * Small dense matrix helpers on {@code double[rows][cols]}, for the few-dimensional problems of
 * feedback design (LQR, iLQR). Every method returns a new matrix.
 */
public final class Mat {
  private Mat() {}

  /** The n×n identity. */
  public static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  /** A diagonal matrix. */
  public static double[][] diag(double[] d) {
    double[][] m = new double[d.length][d.length];
    for (int i = 0; i < d.length; i++) {
      m[i][i] = d[i];
    }
    return m;
  }

  /** a·b. */
  public static double[][] mul(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < k; p++) {
        double aip = a[i][p];
        if (aip == 0) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          out[i][j] += aip * b[p][j];
        }
      }
    }
    return out;
  }

  /** a·x. */
  public static double[] mul(double[][] a, double[] x) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        s += a[i][j] * x[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** aᵀ. */
  public static double[][] transpose(double[][] a) {
    double[][] out = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }

  /** a + b. */
  public static double[][] add(double[][] a, double[][] b) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] + b[i][j];
      }
    }
    return out;
  }

  /** a − b. */
  public static double[][] sub(double[][] a, double[][] b) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] - b[i][j];
      }
    }
    return out;
  }

  /** s·a. */
  public static double[][] scale(double[][] a, double s) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = s * a[i][j];
      }
    }
    return out;
  }

  /** (a + aᵀ)/2, to keep Riccati iterates symmetric against round-off. */
  public static double[][] symmetrize(double[][] a) {
    double[][] out = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        out[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    return out;
  }

  /**
   * Solves a·x = b for x by Gaussian elimination with partial pivoting.
   *
   * @throws ArithmeticException when a is singular to working precision
   */
  public static double[][] solve(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] lu = new double[n][];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      lu[i] = a[i].clone();
      x[i] = b[i].clone();
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(lu[r][col]) > Math.abs(lu[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(lu[pivot][col]) < 1e-300) {
        throw new ArithmeticException("matrix is singular at column " + col);
      }
      double[] t = lu[col];
      lu[col] = lu[pivot];
      lu[pivot] = t;
      t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
      for (int r = col + 1; r < n; r++) {
        double f = lu[r][col] / lu[col][col];
        if (f == 0) {
          continue;
        }
        for (int c = col; c < n; c++) {
          lu[r][c] -= f * lu[col][c];
        }
        for (int c = 0; c < m; c++) {
          x[r][c] -= f * x[col][c];
        }
      }
    }
    for (int col = n - 1; col >= 0; col--) {
      for (int c = 0; c < m; c++) {
        double s = x[col][c];
        for (int k = col + 1; k < n; k++) {
          s -= lu[col][k] * x[k][c];
        }
        x[col][c] = s / lu[col][col];
      }
    }
    return x;
  }

  /** Largest absolute entry of a − b. */
  public static double maxAbsDiff(double[][] a, double[][] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return d;
  }

  /** Largest absolute entry. */
  public static double maxAbs(double[][] a) {
    double d = 0;
    for (double[] row : a) {
      for (double v : row) {
        d = Math.max(d, Math.abs(v));
      }
    }
    return d;
  }
}
