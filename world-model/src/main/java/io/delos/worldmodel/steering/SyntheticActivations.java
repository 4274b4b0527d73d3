package io.delos.worldmodel.steering;

import java.util.Random;

/**
 * Synthetic activations whose true log density ratio log p₊(a)/p₋(a) is known in closed form, for
 * judging steering methods by what they do to the truth rather than to their own estimate.
 *
 * <p>The structure sits in the first two dimensions (all of them for {@link Layout#LINEAR}); every
 * other dimension is standard normal noise with the same distribution in both classes, so it does
 * not enter the ratio.
 *
 * <p>Immutable: the accessors return copies.
 */
public final class SyntheticActivations {
  /** The class layouts, each with its true log ratio. */
  public enum Layout {
    /**
     * Four Gaussian clusters (standard deviation 0.35) at (±1, ±1) in dimensions 0 and 1; positives
     * at (1, 1) and (−1, −1), negatives at (1, −1) and (−1, 1). No line separates them and the
     * class means coincide.
     */
    XOR,
    /**
     * Concentric rings in dimensions 0 and 1: radius ~ N(1, 0.2²) for negatives and N(2, 0.2²) for
     * positives, angle uniform. The class means coincide.
     */
    SHELLS,
    /**
     * Two unit-covariance Gaussians in all dimensions with means ±u, u = (1, 1, 0, …)/√2, so the
     * true log ratio 2uᵀa is linear.
     */
    LINEAR
  }

  private static final double XOR_CENTRE = 1;
  private static final double XOR_SPREAD = 0.35;
  private static final double INNER_RADIUS = 1;
  private static final double OUTER_RADIUS = 2;
  private static final double RADIAL_SPREAD = 0.2;

  private final Layout layout;
  private final double[][] positives;
  private final double[][] negatives;

  private SyntheticActivations(Layout layout, double[][] positives, double[][] negatives) {
    this.layout = layout;
    this.positives = positives;
    this.negatives = negatives;
  }

  /** The layout, which gives the true log ratio. */
  public Layout layout() {
    return layout;
  }

  /** The layout's name in lower case, for reports. */
  public String name() {
    return layout.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A copy of the positive examples, {@code [example, dimension]}. */
  public double[][] positives() {
    return copy(positives);
  }

  /** A copy of the negative examples, {@code [example, dimension]}. */
  public double[][] negatives() {
    return copy(negatives);
  }

  /**
   * Draws {@code perClass} examples of each class.
   *
   * @param perClass examples per class, at least 1
   * @param dimension activation dimension, at least 2
   * @param seed the generator's seed
   * @throws IllegalArgumentException if a count is not allowed
   */
  public static SyntheticActivations draw(Layout layout, int perClass, int dimension, long seed) {
    if (perClass < 1) {
      throw new IllegalArgumentException("perClass is " + perClass + "; allowed: at least 1");
    }
    if (dimension < 2) {
      throw new IllegalArgumentException("dimension is " + dimension + "; allowed: at least 2");
    }
    Random random = new Random(seed);
    double[][] pos = new double[perClass][];
    double[][] neg = new double[perClass][];
    for (int i = 0; i < perClass; i++) {
      pos[i] = sample(layout, true, dimension, random);
      neg[i] = sample(layout, false, dimension, random);
    }
    return new SyntheticActivations(layout, pos, neg);
  }

  /** The true log p₊(a)/p₋(a) of a layout, in nats. */
  public static double trueLogRatio(Layout layout, double[] a) {
    return switch (layout) {
      case XOR -> {
        double s2 = 2 * XOR_SPREAD * XOR_SPREAD;
        double pp =
            logSumExp(
                -sq(a[0] - XOR_CENTRE, a[1] - XOR_CENTRE) / s2,
                -sq(a[0] + XOR_CENTRE, a[1] + XOR_CENTRE) / s2);
        double pn =
            logSumExp(
                -sq(a[0] - XOR_CENTRE, a[1] + XOR_CENTRE) / s2,
                -sq(a[0] + XOR_CENTRE, a[1] - XOR_CENTRE) / s2);
        yield pp - pn;
      }
      case SHELLS -> {
        // The Jacobian 1/(2πr) of polar coordinates is the same for both classes and cancels.
        double r = Math.hypot(a[0], a[1]);
        double s2 = 2 * RADIAL_SPREAD * RADIAL_SPREAD;
        yield (-(r - OUTER_RADIUS) * (r - OUTER_RADIUS) + (r - INNER_RADIUS) * (r - INNER_RADIUS))
            / s2;
      }
      case LINEAR -> 2 * (a[0] + a[1]) / Math.sqrt(2);
    };
  }

  /** The true log ratio of this set's layout at a, in nats. */
  public double trueLogRatio(double[] a) {
    return trueLogRatio(layout, a);
  }

  private static double[] sample(Layout layout, boolean positive, int d, Random random) {
    double[] a = new double[d];
    for (int j = 0; j < d; j++) {
      a[j] = random.nextGaussian();
    }
    switch (layout) {
      case XOR -> {
        double x = random.nextBoolean() ? XOR_CENTRE : -XOR_CENTRE;
        double y = positive ? x : -x;
        a[0] = x + XOR_SPREAD * random.nextGaussian();
        a[1] = y + XOR_SPREAD * random.nextGaussian();
      }
      case SHELLS -> {
        double r = (positive ? OUTER_RADIUS : INNER_RADIUS) + RADIAL_SPREAD * random.nextGaussian();
        double angle = 2 * Math.PI * random.nextDouble();
        a[0] = r * Math.cos(angle);
        a[1] = r * Math.sin(angle);
      }
      case LINEAR -> {
        double shift = (positive ? 1 : -1) / Math.sqrt(2);
        a[0] += shift;
        a[1] += shift;
      }
    }
    return a;
  }

  private static double[][] copy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }

  private static double sq(double x, double y) {
    return x * x + y * y;
  }

  private static double logSumExp(double x, double y) {
    double m = Math.max(x, y);
    return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
  }
}
