package io.delos.worldmodel.steering;

/**
 * How a {@link Barrier} is fitted.
 *
 * @param features the feature map
 * @param featureDimension number of features D; a power of two from 16 to 65536 for the polynomial
 *     sketch, 1 to 65536 for random Fourier features
 * @param gamma polynomial kernel scale γ in (γ zᵀy + c₀)², > 0 (ignored by random Fourier features)
 * @param coef0 polynomial kernel offset c₀, >= 0 (ignored by random Fourier features)
 * @param bandwidth Gaussian kernel width σ in normalised units for random Fourier features, > 0, or
 *     0 for the median distance between training examples (ignored by the polynomial sketch)
 * @param normalisation how activations are normalised before the features
 * @param ridge L2 penalty λ of the logistic regression, >= 0
 * @param maxIterations L-BFGS iterations, at least 1
 * @param seed seed of the random sketch or frequencies
 */
public record BarrierConfig(
    BarrierFeatures features,
    int featureDimension,
    double gamma,
    double coef0,
    double bandwidth,
    Normalisation normalisation,
    double ridge,
    int maxIterations,
    long seed) {

  /** Validates every field; see the record's parameters for the allowed values. */
  public BarrierConfig {
    if (features == null) {
      throw new IllegalArgumentException(
          "features is null; allowed: " + allowed(BarrierFeatures.values()));
    }
    if (normalisation == null) {
      throw new IllegalArgumentException(
          "normalisation is null; allowed: " + allowed(Normalisation.values()));
    }
    if (features == BarrierFeatures.POLYNOMIAL_SKETCH
        && (featureDimension < 16
            || featureDimension > 65536
            || !Fft.isPowerOfTwo(featureDimension))) {
      throw new IllegalArgumentException(
          "featureDimension is "
              + featureDimension
              + "; allowed for the polynomial sketch: a power of two from 16 to 65536");
    }
    if (featureDimension < 1 || featureDimension > 65536) {
      throw new IllegalArgumentException(
          "featureDimension is " + featureDimension + "; allowed: 1 to 65536");
    }
    if (!(gamma > 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("gamma is " + gamma + "; allowed: a finite number > 0");
    }
    if (!(coef0 >= 0) || Double.isInfinite(coef0)) {
      throw new IllegalArgumentException("coef0 is " + coef0 + "; allowed: a finite number >= 0");
    }
    if (!(bandwidth >= 0) || Double.isInfinite(bandwidth)) {
      throw new IllegalArgumentException(
          "bandwidth is "
              + bandwidth
              + "; allowed: a finite number > 0, or 0 for the median heuristic");
    }
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("ridge is " + ridge + "; allowed: a finite number >= 0");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException(
          "maxIterations is " + maxIterations + "; allowed: at least 1");
    }
  }

  /**
   * ODESteer's settings: polynomial sketch of 1024 features, γ = 0.1, c₀ = 1, unit-length
   * normalisation, λ = 1e-3, at most 500 iterations.
   */
  public static BarrierConfig defaults(long seed) {
    return new BarrierConfig(
        BarrierFeatures.POLYNOMIAL_SKETCH,
        1024,
        0.1,
        1,
        0,
        Normalisation.UNIT_LENGTH,
        1e-3,
        500,
        seed);
  }

  /** A copy with another feature map and dimension. */
  public BarrierConfig withFeatures(BarrierFeatures f, int dimension) {
    return new BarrierConfig(
        f, dimension, gamma, coef0, bandwidth, normalisation, ridge, maxIterations, seed);
  }

  /** A copy with another normalisation. */
  public BarrierConfig withNormalisation(Normalisation n) {
    return new BarrierConfig(
        features, featureDimension, gamma, coef0, bandwidth, n, ridge, maxIterations, seed);
  }

  /** A copy with another polynomial kernel scale γ. */
  public BarrierConfig withGamma(double g) {
    return new BarrierConfig(
        features, featureDimension, g, coef0, bandwidth, normalisation, ridge, maxIterations, seed);
  }

  /** A copy with another L2 penalty λ. */
  public BarrierConfig withRidge(double r) {
    return new BarrierConfig(
        features, featureDimension, gamma, coef0, bandwidth, normalisation, r, maxIterations, seed);
  }

  private static String allowed(Enum<?>[] values) {
    return java.util.Arrays.toString(values);
  }
}
