package io.delos.worldmodel.interpretable;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded split of rows into training and validation rows. */
record Split(int[] train, int[] validation) {
  /**
   * Splits {@code rows} rows at random: {@code round(fraction · rows)} (at least 1) validation
   * rows, the rest for training (at least 2).
   */
  static Split of(int rows, double fraction, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nVal = Math.max(1, (int) Math.round(fraction * rows));
    if (rows - nVal < 2) {
      throw new IllegalArgumentException(
          rows + " rows leave fewer than 2 for training after the validation split");
    }
    return new Split(Arrays.copyOfRange(order, nVal, rows), Arrays.copyOf(order, nVal));
  }

  static double[][] rows(double[][] x, int[] indices) {
    double[][] out = new double[indices.length][];
    for (int k = 0; k < indices.length; k++) {
      out[k] = x[indices[k]];
    }
    return out;
  }

  static double[] values(double[] y, int[] indices) {
    double[] out = new double[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = y[indices[k]];
    }
    return out;
  }
}
