package io.delos.worldmodel.sensing;

/**
 * Orthogonal wavelet filters for the discrete and the stationary wavelet transforms.
 *
 * <p>Filters are stored in the order PyWavelets reports them ({@code pywt.Wavelet(name).dec_lo}),
 * so that the transforms here and PyWavelets' agree coefficient by coefficient. The high-pass
 * (wavelet) filter is the quadrature mirror of the low-pass (scaling) filter: g[k] =
 * (−1)^(k+1)·h[L−1−k] (Daubechies, <i>Ten Lectures on Wavelets</i>, 1992, eq. 5.1.39, up to the
 * sign convention PyWavelets uses).
 */
public enum Wavelet {
  /** Haar, also Daubechies 1: two taps, one vanishing moment. */
  HAAR("haar", new double[] {0.7071067811865476, 0.7071067811865476}),

  /**
   * Daubechies with two vanishing moments: four taps, the "D4" of Daubechies' paper (PyWavelets'
   * {@code db2}).
   */
  DB2(
      "db2",
      new double[] {
        -0.12940952255126037, 0.2241438680420134, 0.8365163037378079, 0.48296291314453416
      }),

  /** Daubechies with four vanishing moments: eight taps (PyWavelets' {@code db4}). */
  DB4(
      "db4",
      new double[] {
        -0.010597401785069032,
        0.0328830116668852,
        0.030841381835560764,
        -0.18703481171909309,
        -0.027983769416859854,
        0.6308807679298589,
        0.7148465705529157,
        0.2303778133088965
      });

  private final String pywtName;
  private final double[] lowPass;
  private final double[] highPass;

  Wavelet(String pywtName, double[] lowPass) {
    this.pywtName = pywtName;
    this.lowPass = lowPass;
    int n = lowPass.length;
    this.highPass = new double[n];
    for (int k = 0; k < n; k++) {
      highPass[k] = ((k % 2 == 0) ? -1 : 1) * lowPass[n - 1 - k];
    }
  }

  /** The name PyWavelets gives this wavelet ({@code haar}, {@code db2}, {@code db4}). */
  public String pywtName() {
    return pywtName;
  }

  /** Number of filter taps L. */
  public int length() {
    return lowPass.length;
  }

  /** A copy of the decomposition low-pass (scaling) filter h, in PyWavelets' order. */
  public double[] lowPass() {
    return lowPass.clone();
  }

  /** A copy of the decomposition high-pass (wavelet) filter g, in PyWavelets' order. */
  public double[] highPass() {
    return highPass.clone();
  }

  /** Tap k of the low-pass filter (package use, no copy). */
  double h(int k) {
    return lowPass[k];
  }

  /** Tap k of the high-pass filter (package use, no copy). */
  double g(int k) {
    return highPass[k];
  }

  /**
   * Parses a name as PyWavelets or this enum writes it, case-insensitively: {@code haar}, {@code
   * db1} (Haar), {@code db2}, {@code db4}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Wavelet parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("wavelet = null: allowed haar, db1, db2, db4");
    }
    return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "haar", "db1" -> HAAR;
      case "db2" -> DB2;
      case "db4" -> DB4;
      default ->
          throw new IllegalArgumentException(
              "wavelet = '" + name + "': allowed haar, db1, db2, db4");
    };
  }
}
