package io.delos.worldmodel.data;

/**
 * Per-channel affine normalisation z = (v − mean) / std, with a floor on the standard deviation so
 * constant channels do not blow up.
 *
 * @param mean per channel
 * @param std per channel, > 0
 */
public record Normalizer(double[] mean, double[] std) {
  /** The smallest standard deviation used, in the channel's unit. */
  public static final double MIN_STD = 1e-6;

  /** Copies the arrays. */
  public Normalizer {
    mean = mean.clone();
    std = std.clone();
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean has " + mean.length + " channels, std " + std.length);
    }
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  /** Statistics of {@code rows} rows of {@code width} channels, row-major. */
  public static Normalizer fit(double[] values, int rows, int width) {
    double[] mean = new double[width];
    double[] std = new double[width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        mean[c] += values[r * width + c];
      }
    }
    for (int c = 0; c < width; c++) {
      mean[c] /= Math.max(1, rows);
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        double d = values[r * width + c] - mean[c];
        std[c] += d * d;
      }
    }
    for (int c = 0; c < width; c++) {
      std[c] = Math.max(MIN_STD, Math.sqrt(std[c] / Math.max(1, rows)));
    }
    return new Normalizer(mean, std);
  }

  /** Number of channels. */
  public int width() {
    return mean.length;
  }
}
