package io.delos.worldmodel.steering;

import java.util.Random;

/**
 * TensorSketch of the degree-2 polynomial kernel k(x, y) = (γ xᵀy + c₀)² (Pham and Pagh, KDD 2013),
 * the feature map of ODESteer's barrier (Zhao et al., ICLR 2026, the section on estimating the
 * barrier).
 *
 * <p>The input is augmented to x' = [√γ z, √c₀] so that (x'ᵀy')² is the kernel. Two independent
 * count sketches p = C₁x' and q = C₂x' (each coordinate hashed to one of D buckets with a random
 * sign) are combined by circular convolution through the FFT:
 *
 * <pre>φ(z) = IFFT(FFT(p) ⊙ FFT(q)),   E[φ(z)ᵀφ(y)] = (γ zᵀy + c₀)²</pre>
 *
 * <p>Immutable; the hashes are drawn once from the seed.
 */
final class PolynomialSketch implements FeatureMap {
  private final int d;
  private final int sketch;
  private final double sqrtGamma;
  private final double sqrtCoef0;
  private final int[] h1;
  private final int[] h2;
  private final double[] s1;
  private final double[] s2;

  /**
   * @param d input dimension, at least 1
   * @param sketch number of features D, a power of two
   * @param gamma kernel scale γ, > 0
   * @param coef0 kernel offset c₀, >= 0
   */
  PolynomialSketch(int d, int sketch, double gamma, double coef0, Random random) {
    this.d = d;
    this.sketch = sketch;
    this.sqrtGamma = Math.sqrt(gamma);
    this.sqrtCoef0 = Math.sqrt(coef0);
    h1 = new int[d + 1];
    h2 = new int[d + 1];
    s1 = new double[d + 1];
    s2 = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      h1[i] = random.nextInt(sketch);
      s1[i] = random.nextBoolean() ? 1 : -1;
      h2[i] = random.nextInt(sketch);
      s2[i] = random.nextBoolean() ? 1 : -1;
    }
  }

  @Override
  public int inputDimension() {
    return d;
  }

  @Override
  public int featureDimension() {
    return sketch;
  }

  @Override
  public double[] features(double[] z) {
    double[][] p = countSketch(z, h1, s1);
    double[][] q = countSketch(z, h2, s2);
    double[] re = new double[sketch];
    double[] im = new double[sketch];
    for (int f = 0; f < sketch; f++) {
      re[f] = p[0][f] * q[0][f] - p[1][f] * q[1][f];
      im[f] = p[0][f] * q[1][f] + p[1][f] * q[0][f];
    }
    Fft.transform(re, im, true);
    return re;
  }

  /**
   * With φⱼ = Σₘ pₘ q₍ⱼ₋ₘ₎: ∂(wᵀφ)/∂pₘ = Σⱼ wⱼ q₍ⱼ₋ₘ₎, the circular cross-correlation of w with q,
   * which is IFFT(W ⊙ conj(Q)); likewise for q with p. The count sketches are linear, so their
   * transposes carry the result back to x', and x' = [√γ z, √c₀] back to z.
   */
  @Override
  public double[] pullback(double[] z, double[] w) {
    double[][] p = countSketch(z, h1, s1);
    double[][] q = countSketch(z, h2, s2);
    double[] wRe = w.clone();
    double[] wIm = new double[sketch];
    Fft.transform(wRe, wIm, false);
    double[] gpRe = new double[sketch];
    double[] gpIm = new double[sketch];
    double[] gqRe = new double[sketch];
    double[] gqIm = new double[sketch];
    for (int f = 0; f < sketch; f++) {
      // W ⊙ conj(Q) and W ⊙ conj(P)
      gpRe[f] = wRe[f] * q[0][f] + wIm[f] * q[1][f];
      gpIm[f] = wIm[f] * q[0][f] - wRe[f] * q[1][f];
      gqRe[f] = wRe[f] * p[0][f] + wIm[f] * p[1][f];
      gqIm[f] = wIm[f] * p[0][f] - wRe[f] * p[1][f];
    }
    Fft.transform(gpRe, gpIm, true);
    Fft.transform(gqRe, gqIm, true);
    double[] gz = new double[d];
    for (int i = 0; i < d; i++) {
      gz[i] = sqrtGamma * (s1[i] * gpRe[h1[i]] + s2[i] * gqRe[h2[i]]);
    }
    return gz;
  }

  /** The FFT of the count sketch of x' = [√γ z, √c₀], as {real, imaginary}. */
  private double[][] countSketch(double[] z, int[] h, double[] s) {
    double[] re = new double[sketch];
    double[] im = new double[sketch];
    for (int i = 0; i < d; i++) {
      re[h[i]] += s[i] * sqrtGamma * z[i];
    }
    re[h[d]] += s[d] * sqrtCoef0;
    Fft.transform(re, im, false);
    return new double[][] {re, im};
  }
}
