package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;

/**
 * One segment of a multi-channel stream: where it starts, how long it is, and its shape resampled
 * to a fixed number of points per channel.
 *
 * @param start index of the first sample, >= 0
 * @param length samples covered, >= 1
 * @param shape the resampled segment, channel-major: element c·K + m is channel c at point m of K
 *     evenly spaced points from the first to the last sample; in the stream's units
 */
public record Token(int start, int length, Vec shape) {
  /** Validates the fields. */
  public Token {
    Checks.range("start", start, 0, Integer.MAX_VALUE);
    Checks.range("length", length, 1, Integer.MAX_VALUE);
    Checks.notNull("shape", shape);
    if (shape.size() == 0) {
      throw new IllegalArgumentException("shape is empty: allowed >= 1 value");
    }
  }

  /** Index one past the last sample. */
  public int end() {
    return start + length;
  }

  /**
   * Resamples {@code stream[c][start, start + length)} to {@code k} evenly spaced points per
   * channel by linear interpolation.
   */
  static Token of(double[][] stream, int start, int length, int k) {
    double[] shape = new double[stream.length * k];
    for (int c = 0; c < stream.length; c++) {
      for (int m = 0; m < k; m++) {
        double u = length == 1 ? start : start + m * (length - 1.0) / (k - 1);
        shape[c * k + m] = interpolate(stream[c], u);
      }
    }
    return new Token(start, length, Vec.of(shape));
  }

  /** Linear interpolation of {@code x} at fractional index {@code u} within its range. */
  static double interpolate(double[] x, double u) {
    int i = (int) Math.floor(u);
    if (i >= x.length - 1) {
      return x[x.length - 1];
    }
    double f = u - i;
    return f == 0 ? x[i] : x[i] + f * (x[i + 1] - x[i]);
  }
}
