package io.delos.worldmodel.steering;

/**
 * LinAcT: per-dimension affine transport of the negative activations' distribution onto the
 * positives' (Rodriguez et al., "Controlling Language and Diffusion Models by Transporting
 * Activations", ICLR 2025), with the one-dimensional Gaussian optimal transport map per dimension:
 *
 * <pre>T(a)ⱼ = μ₊ⱼ + (σ₊ⱼ / σ₋ⱼ)(aⱼ − μ₋ⱼ),   steer(a, λ) = a + λ (T(a) − a)</pre>
 *
 * <p>λ = 1 is the full transport. The paper fits each dimension's map to sorted samples by least
 * squares; the Gaussian map used here matches the first two moments instead. Immutable.
 */
public final class AffineTransportSteerer implements Steerer {
  private final double[] meanPositive;
  private final double[] meanNegative;
  private final double[] scale;

  private AffineTransportSteerer(double[] meanPositive, double[] meanNegative, double[] scale) {
    this.meanPositive = meanPositive;
    this.meanNegative = meanNegative;
    this.scale = scale;
  }

  /**
   * Fits the per-dimension maps; a dimension that is constant among the negatives keeps scale 1.
   *
   * @throws IllegalArgumentException if a class is empty, dimensions differ or an entry is not
   *     finite
   */
  public static AffineTransportSteerer fit(double[][] positives, double[][] negatives) {
    int d = AdditiveSteerer.checkClasses(positives, negatives);
    double[][] pos = moments(positives, d);
    double[][] neg = moments(negatives, d);
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      scale[j] = neg[1][j] > 1e-12 ? pos[1][j] / neg[1][j] : 1;
    }
    return new AffineTransportSteerer(pos[0], neg[0], scale);
  }

  @Override
  public int dimension() {
    return scale.length;
  }

  /**
   * a + λ (T(a) − a).
   *
   * @param strength λ, the share of the transport, finite and >= 0 (1 is the full map)
   */
  @Override
  public double[] steer(double[] activation, double strength) {
    Checks.vector("activation", activation, dimension());
    Checks.strength("lambda", strength);
    double[] out = activation.clone();
    for (int j = 0; j < out.length; j++) {
      double target = meanPositive[j] + scale[j] * (activation[j] - meanNegative[j]);
      out[j] += strength * (target - activation[j]);
    }
    return out;
  }

  /** {mean, standard deviation} per dimension. */
  private static double[][] moments(double[][] rows, int d) {
    double[] mean = new double[d];
    double[] std = new double[d];
    for (double[] a : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += a[j] / rows.length;
      }
    }
    for (double[] a : rows) {
      for (int j = 0; j < d; j++) {
        std[j] += (a[j] - mean[j]) * (a[j] - mean[j]) / rows.length;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j]);
    }
    return new double[][] {mean, std};
  }
}
