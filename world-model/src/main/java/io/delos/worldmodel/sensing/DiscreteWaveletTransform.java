package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-level discrete wavelet transform (Mallat's pyramid algorithm) with periodic boundary
 * handling; the same coefficients as PyWavelets' {@code wavedec(x, wavelet, mode='periodization',
 * level=J)}.
 *
 * <p>One level halves the length (Mallat, <i>A Wavelet Tour of Signal Processing</i>, 3rd ed., eq.
 * 7.107):
 *
 * <pre>
 *   a[i] = Σₖ h[k]·x[(2i + L/2 − k) mod N]
 *   d[i] = Σₖ g[k]·x[(2i + L/2 − k) mod N]     i = 0 … N/2 − 1
 * </pre>
 *
 * The filters are orthogonal, so the inverse is the adjoint: each coefficient scatters back onto
 * the samples it was read from, and reconstruction is exact up to rounding.
 */
public final class DiscreteWaveletTransform {
  private DiscreteWaveletTransform() {}

  /**
   * Decomposes {@code x} into {@code levels} levels.
   *
   * @param x the series, finite, length N divisible by 2^levels
   * @param wavelet the filters
   * @param levels J, 1 to 20
   * @throws IllegalArgumentException for an empty or non-finite series, a bad level, or a length
   *     not divisible by 2^levels
   */
  public static WaveletDecomposition forward(double[] x, Wavelet wavelet, int levels) {
    Checks.series("x", x);
    Checks.notNull("wavelet", wavelet);
    Checks.range("levels", levels, 1, 20);
    int block = 1 << levels;
    if (x.length % block != 0) {
      throw new IllegalArgumentException(
          "x has length "
              + x.length
              + ": too short or not divisible for levels = "
              + levels
              + "; allowed a multiple of 2^"
              + levels
              + " = "
              + block);
    }
    List<Vec> details = new ArrayList<>(levels);
    double[] a = x.clone();
    for (int j = 1; j <= levels; j++) {
      int n = a.length;
      int half = n / 2;
      int l = wavelet.length();
      double[] next = new double[half];
      double[] d = new double[half];
      for (int i = 0; i < half; i++) {
        double sa = 0;
        double sd = 0;
        for (int k = 0; k < l; k++) {
          double v = a[Math.floorMod(2 * i + l / 2 - k, n)];
          sa += wavelet.h(k) * v;
          sd += wavelet.g(k) * v;
        }
        next[i] = sa;
        d[i] = sd;
      }
      details.add(Vec.of(d));
      a = next;
    }
    return new WaveletDecomposition(wavelet, Vec.of(a), details);
  }

  /**
   * Reconstructs the series from its coefficients.
   *
   * @param c coefficients as {@link #forward} returns them
   * @throws IllegalArgumentException when the level lengths do not fit a discrete transform
   */
  public static double[] inverse(WaveletDecomposition c) {
    Checks.notNull("coefficients", c);
    Wavelet w = c.wavelet();
    int l = w.length();
    double[] a = c.approximation().toArray();
    for (int j = c.levels(); j >= 1; j--) {
      double[] d = c.detail(j);
      if (d.length != a.length) {
        throw new IllegalArgumentException(
            "details of level "
                + j
                + " have length "
                + d.length
                + ": allowed the approximation's length at that level, "
                + a.length);
      }
      int n = 2 * a.length;
      double[] x = new double[n];
      for (int i = 0; i < a.length; i++) {
        for (int k = 0; k < l; k++) {
          x[Math.floorMod(2 * i + l / 2 - k, n)] += w.h(k) * a[i] + w.g(k) * d[i];
        }
      }
      a = x;
    }
    return a;
  }
}
