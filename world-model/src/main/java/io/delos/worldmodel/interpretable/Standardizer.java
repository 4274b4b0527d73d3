package io.delos.worldmodel.interpretable;

/**
 * Per-column z-scoring with means and standard deviations measured on training rows; a constant
 * column keeps σ = 1.
 */
final class Standardizer {
  final double[] mean;
  final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  static Standardizer of(double[][] x) {
    int f = x[0].length;
    double[] mean = new double[f];
    double[] std = new double[f];
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
      }
    }
    for (int j = 0; j < f; j++) {
      std[j] = std[j] > 1e-24 ? Math.sqrt(std[j]) : 1;
    }
    return new Standardizer(mean, std);
  }

  static Standardizer ofColumn(double[] y) {
    double[][] x = new double[y.length][1];
    for (int i = 0; i < y.length; i++) {
      x[i][0] = y[i];
    }
    return of(x);
  }

  float[] apply(double[][] x) {
    int f = mean.length;
    float[] out = new float[x.length * f];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < f; j++) {
        out[i * f + j] = (float) ((x[i][j] - mean[j]) / std[j]);
      }
    }
    return out;
  }

  float[] applyColumn(double[] y) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) ((y[i] - mean[0]) / std[0]);
    }
    return out;
  }
}
