package io.delos.worldmodel.physsm;

/** Small dense matrix helpers in double precision, for checking the tensor code. */
final class Matrices {
  private Matrices() {}

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    int k = b.length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int l = 0; l < k; l++) {
          s += a[i][l] * b[l][j];
        }
        out[i][j] = s;
      }
    }
    return out;
  }

  static double[][] scale(double[][] a, double c) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] * c;
      }
    }
    return out;
  }

  static double[][] add(double[][] a, double[][] b) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] + b[i][j];
      }
    }
    return out;
  }

  static double[][] identity(int n) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      out[i][i] = 1;
    }
    return out;
  }

  /** exp(A) by scaling and squaring with a 20-term Taylor series. */
  static double[][] exp(double[][] a) {
    double norm = 0;
    for (double[] row : a) {
      for (double v : row) {
        norm = Math.max(norm, Math.abs(v));
      }
    }
    int squarings =
        Math.max(0, (int) Math.ceil(Math.log(norm * a.length + 1e-300) / Math.log(2)) + 4);
    double[][] x = scale(a, Math.pow(2, -squarings));
    double[][] term = identity(a.length);
    double[][] sum = identity(a.length);
    for (int k = 1; k <= 20; k++) {
      term = scale(multiply(term, x), 1.0 / k);
      sum = add(sum, term);
    }
    for (int s = 0; s < squarings; s++) {
      sum = multiply(sum, sum);
    }
    return sum;
  }

  /** ∫₀^h exp(sA) ds B by the augmented matrix exp([[A, B], [0, 0]] h). */
  static double[][] zohInput(double[][] a, double[][] b, double h) {
    int n = a.length;
    int m = b[0].length;
    double[][] big = new double[n + m][n + m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        big[i][j] = a[i][j] * h;
      }
      for (int j = 0; j < m; j++) {
        big[i][n + j] = b[i][j] * h;
      }
    }
    double[][] e = exp(big);
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out[i][j] = e[i][n + j];
      }
    }
    return out;
  }

  static double maxAbsDifference(double[][] a, double[][] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return d;
  }
}
