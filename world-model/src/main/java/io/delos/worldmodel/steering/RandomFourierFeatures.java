package io.delos.worldmodel.steering;

import java.util.Random;

/**
 * Random Fourier features of the Gaussian kernel k(x, y) = exp(−‖x − y‖² / (2σ²)) (Rahimi and
 * Recht, NIPS 2007), the alternative barrier features of ODESteer:
 *
 * <pre>φₖ(z) = √(2/D) cos(ωₖᵀz + bₖ),   ωₖ ~ N(0, I/σ²),   bₖ ~ U[0, 2π)</pre>
 *
 * <p>Immutable; the frequencies are drawn once from the seed.
 */
final class RandomFourierFeatures implements FeatureMap {
  private final int d;
  private final double[][] omega;
  private final double[] phase;
  private final double scale;

  /**
   * @param d input dimension, at least 1
   * @param features number of features D, at least 1
   * @param bandwidth kernel width σ in normalised units, > 0
   */
  RandomFourierFeatures(int d, int features, double bandwidth, Random random) {
    this.d = d;
    omega = new double[features][d];
    phase = new double[features];
    for (int k = 0; k < features; k++) {
      for (int i = 0; i < d; i++) {
        omega[k][i] = random.nextGaussian() / bandwidth;
      }
      phase[k] = 2 * Math.PI * random.nextDouble();
    }
    scale = Math.sqrt(2.0 / features);
  }

  @Override
  public int inputDimension() {
    return d;
  }

  @Override
  public int featureDimension() {
    return phase.length;
  }

  @Override
  public double[] features(double[] z) {
    double[] phi = new double[phase.length];
    for (int k = 0; k < phase.length; k++) {
      phi[k] = scale * Math.cos(dot(omega[k], z) + phase[k]);
    }
    return phi;
  }

  /** ∇_z (wᵀφ) = −√(2/D) Σₖ wₖ sin(ωₖᵀz + bₖ) ωₖ. */
  @Override
  public double[] pullback(double[] z, double[] w) {
    double[] g = new double[d];
    for (int k = 0; k < phase.length; k++) {
      double c = -scale * w[k] * Math.sin(dot(omega[k], z) + phase[k]);
      for (int i = 0; i < d; i++) {
        g[i] += c * omega[k][i];
      }
    }
    return g;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
