package io.delos.worldmodel.steering;

/**
 * Steering by adding a fixed unit direction: a ← a + α u, with α the strength in activation units.
 * The baselines of ODESteer differ only in how u is found:
 *
 * <ul>
 *   <li>{@link #meanDifference}: CAA, the difference of the class means (Rimsky et al., ACL 2024);
 *   <li>{@link #linearProbe}: ITI, the weight vector of a logistic-regression probe (Li et al.,
 *       NeurIPS 2023);
 *   <li>{@link #principalComponent}: RepE, the first principal direction of paired differences (Zou
 *       et al., 2023).
 * </ul>
 *
 * <p>Each is one Euler step of an ODE whose field is constant. Immutable.
 */
public final class AdditiveSteerer implements Steerer {
  private static final int POWER_ITERATIONS = 500;

  private final double[] direction;

  private AdditiveSteerer(double[] direction) {
    this.direction = direction;
  }

  /**
   * CAA: u ∝ mean(positives) − mean(negatives).
   *
   * @throws IllegalArgumentException if a class is empty, dimensions differ, an entry is not
   *     finite, or the two means coincide
   */
  public static AdditiveSteerer meanDifference(double[][] positives, double[][] negatives) {
    int d = checkClasses(positives, negatives);
    double[] u = new double[d];
    for (double[] a : positives) {
      for (int j = 0; j < d; j++) {
        u[j] += a[j] / positives.length;
      }
    }
    for (double[] a : negatives) {
      for (int j = 0; j < d; j++) {
        u[j] -= a[j] / negatives.length;
      }
    }
    return new AdditiveSteerer(unit(u, "the difference of the class means"));
  }

  /**
   * ITI: u ∝ the gradient of a linear probe's logit. The probe is an L2 logistic regression on
   * activations standardised per dimension, so in activation units u ∝ wⱼ / σⱼ.
   *
   * @param ridge the probe's L2 penalty λ, finite and >= 0
   * @throws IllegalArgumentException if a class is empty, dimensions differ, an entry is not
   *     finite, the ridge is not allowed, or the probe has zero weights
   */
  public static AdditiveSteerer linearProbe(
      double[][] positives, double[][] negatives, double ridge) {
    int d = checkClasses(positives, negatives);
    Checks.strength("ridge", ridge);
    Normaliser standardise = Normaliser.fit(Normalisation.STANDARDISE, positives, negatives);
    int n = positives.length + negatives.length;
    double[][] z = new double[n][];
    boolean[] label = new boolean[n];
    for (int i = 0; i < n; i++) {
      label[i] = i < positives.length;
      z[i] = standardise.apply(label[i] ? positives[i] : negatives[i - positives.length]);
    }
    LogisticRegression.Fit probe = LogisticRegression.fit(z, label, ridge, 500);
    double[] u = standardise.pullback(new double[d], probe.w());
    return new AdditiveSteerer(unit(u, "the probe's weights"));
  }

  /**
   * RepE: u = the first principal direction of the differences dᵢ = positives[i mod n₊] −
   * negatives[i mod n₋], i < max(n₊, n₋), taken uncentred (the leading eigenvector of Σ dᵢdᵢᵀ, as
   * RepE's random sign flips of the pairs make the differences zero-mean), oriented so that the
   * mean difference has a positive component along it. Found by power iteration.
   *
   * @throws IllegalArgumentException if a class is empty, dimensions differ, an entry is not
   *     finite, or all differences are zero
   */
  public static AdditiveSteerer principalComponent(double[][] positives, double[][] negatives) {
    int d = checkClasses(positives, negatives);
    int pairs = Math.max(positives.length, negatives.length);
    double[][] diff = new double[pairs][d];
    double[] mean = new double[d];
    for (int i = 0; i < pairs; i++) {
      for (int j = 0; j < d; j++) {
        diff[i][j] = positives[i % positives.length][j] - negatives[i % negatives.length][j];
        mean[j] += diff[i][j] / pairs;
      }
    }
    double[] u = new double[d];
    for (int j = 0; j < d; j++) {
      u[j] = mean[j] + 1e-3 * (j + 1);
    }
    u = unit(u, "the start of the power iteration");
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      double[] next = new double[d];
      for (double[] di : diff) {
        double c = dot(di, u);
        for (int j = 0; j < d; j++) {
          next[j] += c * di[j];
        }
      }
      u = unit(next, "the paired differences");
    }
    if (dot(u, mean) < 0) {
      for (int j = 0; j < d; j++) {
        u[j] = -u[j];
      }
    }
    return new AdditiveSteerer(u);
  }

  /** The unit direction u, {@code [dimension]}. */
  public double[] direction() {
    return direction.clone();
  }

  @Override
  public int dimension() {
    return direction.length;
  }

  /**
   * a + α u.
   *
   * @param strength α, the distance moved in activation units, finite and >= 0
   */
  @Override
  public double[] steer(double[] activation, double strength) {
    Checks.vector("activation", activation, dimension());
    Checks.strength("alpha", strength);
    double[] out = activation.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] += strength * direction[j];
    }
    return out;
  }

  static int checkClasses(double[][] positives, double[][] negatives) {
    int d = Checks.examples("positives", positives, 1);
    Checks.sameDimension("negatives", Checks.examples("negatives", negatives, 1), "positives", d);
    return d;
  }

  private static double[] unit(double[] u, String what) {
    double norm = Normaliser.norm(u);
    if (!(norm > 0)) {
      throw new IllegalArgumentException(
          what + " is the zero vector; allowed: positives and negatives that differ");
    }
    double[] out = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      out[j] = u[j] / norm;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
