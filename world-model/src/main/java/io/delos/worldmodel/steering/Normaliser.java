package io.delos.worldmodel.steering;

/** A fitted {@link Normalisation}: z(a) and the pullback of a gradient from z to a. Immutable. */
final class Normaliser {
  private final Normalisation kind;
  private final double[] mean;
  private final double[] std;

  private Normaliser(Normalisation kind, double[] mean, double[] std) {
    this.kind = kind;
    this.mean = mean;
    this.std = std;
  }

  /** Measures μ and σ (used by {@link Normalisation#STANDARDISE}) over both sets of rows. */
  static Normaliser fit(Normalisation kind, double[][] positives, double[][] negatives) {
    int d = positives[0].length;
    double[] mean = new double[d];
    double[] std = new double[d];
    int n = positives.length + negatives.length;
    for (double[][] rows : new double[][][] {positives, negatives}) {
      for (double[] row : rows) {
        for (int j = 0; j < d; j++) {
          mean[j] += row[j] / n;
        }
      }
    }
    for (double[][] rows : new double[][][] {positives, negatives}) {
      for (double[] row : rows) {
        for (int j = 0; j < d; j++) {
          std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = std[j] > 1e-24 ? Math.sqrt(std[j]) : 1;
    }
    return new Normaliser(kind, mean, std);
  }

  double[] apply(double[] a) {
    double[] z = new double[a.length];
    if (kind == Normalisation.UNIT_LENGTH) {
      double norm = norm(a);
      if (norm > 0) {
        for (int j = 0; j < a.length; j++) {
          z[j] = a[j] / norm;
        }
      }
      return z;
    }
    for (int j = 0; j < a.length; j++) {
      z[j] = (a[j] - mean[j]) / std[j];
    }
    return z;
  }

  /**
   * ∇_a from ∇_z. Unit length: ∂z/∂a = (I − z zᵀ) / ‖a‖, so ∇_a = (g − (gᵀz) z) / ‖a‖. Standardise:
   * ∇_a = g / σ.
   */
  double[] pullback(double[] a, double[] gz) {
    double[] ga = new double[a.length];
    if (kind == Normalisation.UNIT_LENGTH) {
      double norm = norm(a);
      if (norm == 0) {
        return ga;
      }
      double gDotZ = 0;
      for (int j = 0; j < a.length; j++) {
        gDotZ += gz[j] * a[j] / norm;
      }
      for (int j = 0; j < a.length; j++) {
        ga[j] = (gz[j] - gDotZ * a[j] / norm) / norm;
      }
      return ga;
    }
    for (int j = 0; j < a.length; j++) {
      ga[j] = gz[j] / std[j];
    }
    return ga;
  }

  static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
