package io.delos.worldmodel.steering;

/**
 * In-place radix-2 fast Fourier transform of a complex sequence held as separate real and imaginary
 * arrays whose length is a power of two.
 *
 * <p>Forward: X[f] = Σₘ x[m] e^(−2πi f m / n). Inverse: x[m] = (1/n) Σ_f X[f] e^(2πi f m / n).
 */
final class Fft {
  private Fft() {}

  /** True when {@code n} is a power of two and at least 1. */
  static boolean isPowerOfTwo(int n) {
    return n > 0 && (n & (n - 1)) == 0;
  }

  /** Transforms in place; {@code inverse} also divides by n. */
  static void transform(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wRe = Math.cos(angle);
      double wIm = Math.sin(angle);
      for (int start = 0; start < n; start += len) {
        double uRe = 1;
        double uIm = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = start + k;
          int b = a + len / 2;
          double vRe = re[b] * uRe - im[b] * uIm;
          double vIm = re[b] * uIm + im[b] * uRe;
          re[b] = re[a] - vRe;
          im[b] = im[a] - vIm;
          re[a] += vRe;
          im[a] += vIm;
          double nextRe = uRe * wRe - uIm * wIm;
          uIm = uRe * wIm + uIm * wRe;
          uRe = nextRe;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }
}
