package io.delos.worldmodel.steering;

import java.util.Arrays;
import java.util.Random;

/**
 * ODESteer's barrier function h(a) = log p₊(a) / p₋(a), estimated from positive and negative
 * activations by a classifier (Zhao et al., ICLR 2026, the section on the barrier function).
 *
 * <p>An activation a is normalised to z, mapped to features φ(z) (a polynomial TensorSketch or
 * random Fourier features), and scored by an L2 logistic regression. The classifier's logit is log
 * p(+|a)/p(−|a) = log p₊(a)/p₋(a) + log(π/(1 − π)) with π the share of positives among the training
 * examples, so the prior is removed:
 *
 * <pre>h(a) = wᵀφ(z(a)) + b + log((1 − π)/π)</pre>
 *
 * <p>Its gradient is analytic, through the features and the normalisation:
 *
 * <pre>∇h(a) = (∂z/∂a)ᵀ J_φ(z)ᵀ w</pre>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Barrier {
  /** Below this gradient norm the vector field is zero (no direction to move in). */
  private static final double MIN_GRADIENT_NORM = 1e-300;

  private final int dimension;
  private final Normaliser normaliser;
  private final FeatureMap features;
  private final double[] w;
  private final double b;
  private final double priorCorrection;

  private Barrier(
      int dimension,
      Normaliser normaliser,
      FeatureMap features,
      double[] w,
      double b,
      double priorCorrection) {
    this.dimension = dimension;
    this.normaliser = normaliser;
    this.features = features;
    this.w = w;
    this.b = b;
    this.priorCorrection = priorCorrection;
  }

  /**
   * Fits the barrier.
   *
   * @param positives activations that satisfy the preference, {@code [example, dimension]}, at
   *     least 1, finite
   * @param negatives activations that violate it, {@code [example, dimension]}, at least 1, finite,
   *     the same dimension
   * @throws IllegalArgumentException naming the field, the value and what is allowed
   */
  public static Barrier fit(double[][] positives, double[][] negatives, BarrierConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config is null; allowed: a BarrierConfig");
    }
    int d = Checks.examples("positives", positives, 1);
    int dn = Checks.examples("negatives", negatives, 1);
    Checks.sameDimension("negatives", dn, "positives", d);

    Normaliser normaliser = Normaliser.fit(config.normalisation(), positives, negatives);
    int n = positives.length + negatives.length;
    double[][] z = new double[n][];
    boolean[] label = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean positive = i < positives.length;
      z[i] = normaliser.apply(positive ? positives[i] : negatives[i - positives.length]);
      label[i] = positive;
    }

    Random random = new Random(config.seed());
    FeatureMap map =
        config.features() == BarrierFeatures.POLYNOMIAL_SKETCH
            ? new PolynomialSketch(
                d, config.featureDimension(), config.gamma(), config.coef0(), random)
            : new RandomFourierFeatures(
                d,
                config.featureDimension(),
                config.bandwidth() > 0 ? config.bandwidth() : medianDistance(z, random),
                random);
    double[][] phi = new double[n][];
    for (int i = 0; i < n; i++) {
      phi[i] = map.features(z[i]);
    }
    LogisticRegression.Fit fit =
        LogisticRegression.fit(phi, label, config.ridge(), config.maxIterations());

    double pi = (double) positives.length / n;
    return new Barrier(d, normaliser, map, fit.w(), fit.b(), Math.log((1 - pi) / pi));
  }

  /** The activation dimension. */
  public int dimension() {
    return dimension;
  }

  /** The number of features under the classifier. */
  public int featureDimension() {
    return features.featureDimension();
  }

  /**
   * h(a) = log p₊(a)/p₋(a), in nats.
   *
   * @throws IllegalArgumentException if a has the wrong dimension or a non-finite entry
   */
  public double value(double[] a) {
    Checks.vector("activation", a, dimension);
    return valueUnchecked(a);
  }

  /**
   * ∇h(a), in nats per activation unit.
   *
   * @throws IllegalArgumentException if a has the wrong dimension or a non-finite entry
   */
  public double[] gradient(double[] a) {
    Checks.vector("activation", a, dimension);
    return gradientUnchecked(a);
  }

  /**
   * The steering vector field v(a) = ∇h(a) / ‖∇h(a)‖, a unit vector; the zero vector where the
   * gradient vanishes.
   *
   * @throws IllegalArgumentException if a has the wrong dimension or a non-finite entry
   */
  public double[] field(double[] a) {
    Checks.vector("activation", a, dimension);
    return fieldUnchecked(a);
  }

  /**
   * The share of examples that the sign of h classifies correctly (h > 0 read as positive), in [0,
   * 1]: the classifier's accuracy at equal priors.
   */
  public double accuracy(double[][] positives, double[][] negatives) {
    Checks.sameDimension(
        "positives", Checks.examples("positives", positives, 1), "the barrier", dimension);
    Checks.sameDimension(
        "negatives", Checks.examples("negatives", negatives, 1), "the barrier", dimension);
    int right = 0;
    for (double[] a : positives) {
      right += valueUnchecked(a) > 0 ? 1 : 0;
    }
    for (double[] a : negatives) {
      right += valueUnchecked(a) <= 0 ? 1 : 0;
    }
    return (double) right / (positives.length + negatives.length);
  }

  double valueUnchecked(double[] a) {
    double[] phi = features.features(normaliser.apply(a));
    double s = b + priorCorrection;
    for (int k = 0; k < phi.length; k++) {
      s += w[k] * phi[k];
    }
    return s;
  }

  double[] gradientUnchecked(double[] a) {
    double[] z = normaliser.apply(a);
    return normaliser.pullback(a, features.pullback(z, w));
  }

  double[] fieldUnchecked(double[] a) {
    double[] g = gradientUnchecked(a);
    double norm = Normaliser.norm(g);
    if (!(norm > MIN_GRADIENT_NORM)) {
      return new double[dimension];
    }
    for (int j = 0; j < g.length; j++) {
      g[j] /= norm;
    }
    return g;
  }

  /** The median distance between up to 200 sampled normalised examples, the bandwidth heuristic. */
  private static double medianDistance(double[][] z, Random random) {
    int m = Math.min(200, z.length);
    double[][] sample = new double[m][];
    for (int i = 0; i < m; i++) {
      sample[i] = z[m == z.length ? i : random.nextInt(z.length)];
    }
    double[] distances = new double[m * (m - 1) / 2];
    int k = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double s = 0;
        for (int c = 0; c < sample[i].length; c++) {
          double diff = sample[i][c] - sample[j][c];
          s += diff * diff;
        }
        distances[k++] = Math.sqrt(s);
      }
    }
    if (distances.length == 0) {
      return 1;
    }
    Arrays.sort(distances);
    double median = distances[distances.length / 2];
    return median > 0 ? median : 1;
  }
}
