package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * The length-preserving stationary (maximal overlap, undecimated) wavelet transform with periodic
 * boundary handling; the same coefficients as PyWavelets' {@code swt(x, wavelet, level=J,
 * trim_approx=True, norm=True)}.
 *
 * <p>Level j uses the filters divided by √2 and upsampled by s = 2^(j−1) ("à trous"; Percival and
 * Walden, <i>Wavelet Methods for Time Series Analysis</i>, 2000, eqs. 177a/177b):
 *
 * <pre>
 *   v_j[i] = Σₖ (h[k]/√2)·v_{j−1}[(i + s·L/2 − s·k) mod N]
 *   w_j[i] = Σₖ (g[k]/√2)·v_{j−1}[(i + s·L/2 − s·k) mod N]     v_0 = x
 * </pre>
 *
 * With these filters the analysis is a tight frame with bound 1 (|H|² + |G|² = 1 at every
 * frequency), so energy is preserved (Σ x² = Σ v_J² + Σⱼ Σ w_j²) and the inverse is the adjoint.
 * Coefficient i of level j is centred near time i + s/2.
 */
public final class StationaryWaveletTransform {
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);

  private StationaryWaveletTransform() {}

  /**
   * Decomposes {@code x} into {@code levels} levels of N coefficients each.
   *
   * @param x the series, finite, length N >= 2^levels
   * @param wavelet the filters
   * @param levels J, 1 to 20
   * @throws IllegalArgumentException for an empty or non-finite series, a bad level, or a series
   *     shorter than 2^levels
   */
  public static WaveletDecomposition forward(double[] x, Wavelet wavelet, int levels) {
    Checks.series("x", x);
    Checks.notNull("wavelet", wavelet);
    Checks.range("levels", levels, 1, 20);
    int minimum = 1 << levels;
    if (x.length < minimum) {
      throw new IllegalArgumentException(
          "x has length "
              + x.length
              + ": too short for levels = "
              + levels
              + "; allowed >= 2^"
              + levels
              + " = "
              + minimum
              + " samples");
    }
    int n = x.length;
    int l = wavelet.length();
    List<Vec> details = new ArrayList<>(levels);
    double[] v = x.clone();
    for (int j = 1; j <= levels; j++) {
      int s = 1 << (j - 1);
      double[] next = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        double sv = 0;
        double sw = 0;
        for (int k = 0; k < l; k++) {
          double u = v[Math.floorMod(i + s * (l / 2) - s * k, n)];
          sv += wavelet.h(k) * u;
          sw += wavelet.g(k) * u;
        }
        next[i] = sv * INV_SQRT2;
        w[i] = sw * INV_SQRT2;
      }
      details.add(Vec.of(w));
      v = next;
    }
    return new WaveletDecomposition(wavelet, Vec.of(v), details);
  }

  /**
   * Reconstructs the series from its coefficients (the adjoint of {@link #forward}).
   *
   * @param c coefficients as {@link #forward} returns them
   * @throws IllegalArgumentException when the levels do not all have the approximation's length
   */
  public static double[] inverse(WaveletDecomposition c) {
    Checks.notNull("coefficients", c);
    Wavelet wavelet = c.wavelet();
    int l = wavelet.length();
    double[] v = c.approximation().toArray();
    int n = v.length;
    for (int j = c.levels(); j >= 1; j--) {
      double[] w = c.detail(j);
      if (w.length != n) {
        throw new IllegalArgumentException(
            "details of level "
                + j
                + " have length "
                + w.length
                + ": allowed the approximation's length, "
                + n);
      }
      int s = 1 << (j - 1);
      double[] prev = new double[n];
      for (int i = 0; i < n; i++) {
        double a = v[i] * INV_SQRT2;
        double d = w[i] * INV_SQRT2;
        for (int k = 0; k < l; k++) {
          prev[Math.floorMod(i + s * (l / 2) - s * k, n)] += wavelet.h(k) * a + wavelet.g(k) * d;
        }
      }
      v = prev;
    }
    return v;
  }
}
