package io.delos.worldmodel.interpretable;

/** Accuracy measures of a regression on held-out rows. */
public final class Scores {
  private Scores() {}

  /**
   * The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)².
   *
   * @param y targets
   * @param prediction predictions, same length
   * @return R², at most 1; 0 when the targets are constant and predicted exactly, −∞ otherwise
   */
  public static double r2(double[] y, double[] prediction) {
    check(y, prediction);
    double mean = 0;
    for (double v : y) {
      mean += v / y.length;
    }
    double residual = 0;
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      residual += (y[i] - prediction[i]) * (y[i] - prediction[i]);
      total += (y[i] - mean) * (y[i] - mean);
    }
    if (total == 0) {
      return residual == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    return 1 - residual / total;
  }

  /** The mean absolute error, in the target's unit. */
  public static double mae(double[] y, double[] prediction) {
    check(y, prediction);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += Math.abs(y[i] - prediction[i]);
    }
    return sum / y.length;
  }

  private static void check(double[] y, double[] prediction) {
    if (y.length != prediction.length || y.length == 0) {
      throw new IllegalArgumentException(
          "y has "
              + y.length
              + " values and prediction "
              + prediction.length
              + ": need the same, non-zero count");
    }
  }
}
