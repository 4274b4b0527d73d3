package io.delos.worldmodel.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import org.junit.jupiter.api.Test;

class BarrierTest {
  /** Allowed relative error of the analytic gradient against central differences. */
  private static final double GRADIENT_RELATIVE = 1e-5;

  /** Central-difference step, activation units. */
  private static final double STEP = 1e-5;

  private static final SyntheticActivations XOR = SyntheticActivations.draw(Layout.XOR, 300, 6, 3);
  private static final SyntheticActivations XOR_TEST =
      SyntheticActivations.draw(Layout.XOR, 300, 6, 4);

  private static BarrierConfig sketch(Normalisation n) {
    return BarrierConfig.defaults(11)
        .withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, 256)
        .withNormalisation(n)
        .withGamma(0.5);
  }

  @Test
  void sketchGradientUnderStandardisationMatchesCentralDifferences() {
    assertGradientMatchesFiniteDifferences(
        Barrier.fit(XOR.positives(), XOR.negatives(), sketch(Normalisation.STANDARDISE)));
  }

  @Test
  void sketchGradientUnderUnitLengthMatchesCentralDifferences() {
    assertGradientMatchesFiniteDifferences(
        Barrier.fit(XOR.positives(), XOR.negatives(), sketch(Normalisation.UNIT_LENGTH)));
  }

  @Test
  void randomFourierGradientMatchesCentralDifferences() {
    assertGradientMatchesFiniteDifferences(
        Barrier.fit(
            XOR.positives(),
            XOR.negatives(),
            sketch(Normalisation.STANDARDISE).withFeatures(BarrierFeatures.RANDOM_FOURIER, 256)));
  }

  @Test
  void sketchBarrierSeparatesXorWhichTheLinearProbeCannot() {
    Barrier sketch =
        Barrier.fit(XOR.positives(), XOR.negatives(), sketch(Normalisation.STANDARDISE));
    // The same classifier on linear features of the raw activations: a degree-1 baseline.
    AdditiveSteerer probe = AdditiveSteerer.linearProbe(XOR.positives(), XOR.negatives(), 1e-3);
    double probeAccuracy = directionAccuracy(probe.direction(), XOR_TEST);

    double accuracy = sketch.accuracy(XOR_TEST.positives(), XOR_TEST.negatives());

    assertThat(accuracy).isGreaterThan(0.9);
    assertThat(probeAccuracy).isLessThan(0.65);
  }

  @Test
  void priorCorrectionRemovesTheClassImbalanceFromTheBarrier() {
    // Both classes from one distribution, three positives per negative: the true ratio is 1,
    // while the classifier's logit is near log 3.
    SyntheticActivations same = SyntheticActivations.draw(Layout.LINEAR, 1200, 3, 5);
    double[][] pos = new double[900][];
    double[][] neg = new double[300][];
    System.arraycopy(same.negatives(), 0, pos, 0, 900);
    System.arraycopy(same.negatives(), 900, neg, 0, 300);
    BarrierConfig config = sketch(Normalisation.STANDARDISE).withRidge(1.0);

    Barrier barrier = Barrier.fit(pos, neg, config);

    double mean = 0;
    for (double[] a : same.positives()) {
      mean += barrier.value(a) / same.positives().length;
    }
    assertThat(mean).isCloseTo(0, within(0.15));
  }

  @Test
  void fieldIsTheUnitGradient() {
    Barrier barrier =
        Barrier.fit(XOR.positives(), XOR.negatives(), sketch(Normalisation.STANDARDISE));
    double[] a = XOR_TEST.negatives()[0];
    double[] g = barrier.gradient(a);
    double[] v = barrier.field(a);
    double norm = Normaliser.norm(g);
    assertThat(Normaliser.norm(v)).isCloseTo(1, within(1e-12));
    for (int j = 0; j < g.length; j++) {
      assertThat(v[j]).isCloseTo(g[j] / norm, within(1e-12));
    }
  }

  @Test
  void emptyClassIsRefusedNamingIt() {
    assertThatThrownBy(
            () -> Barrier.fit(XOR.positives(), new double[0][], BarrierConfig.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negatives has 0 examples")
        .hasMessageContaining("at least 1");
  }

  @Test
  void mismatchedDimensionsAreRefusedNamingBoth() {
    double[][] neg = {{1, 2, 3}};
    assertThatThrownBy(() -> Barrier.fit(XOR.positives(), neg, BarrierConfig.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negatives has dimension 3")
        .hasMessageContaining("the dimension of positives, 6");
  }

  @Test
  void nanIsRefusedNamingTheEntry() {
    double[][] pos = {{1, 2}, {3, Double.NaN}};
    double[][] neg = {{1, 0}};
    assertThatThrownBy(() -> Barrier.fit(pos, neg, BarrierConfig.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positives[1][1] is NaN")
        .hasMessageContaining("a finite number");
  }

  @Test
  void activationOfTheWrongDimensionIsRefused() {
    Barrier barrier =
        Barrier.fit(XOR.positives(), XOR.negatives(), sketch(Normalisation.STANDARDISE));
    assertThatThrownBy(() -> barrier.value(new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("activation has dimension 2; allowed: 6");
  }

  @Test
  void sketchDimensionThatIsNotAPowerOfTwoIsRefused() {
    assertThatThrownBy(
            () -> BarrierConfig.defaults(1).withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureDimension is 1000")
        .hasMessageContaining("a power of two from 16 to 65536");
  }

  private static void assertGradientMatchesFiniteDifferences(Barrier barrier) {
    for (int i = 0; i < 10; i++) {
      double[] a = (i % 2 == 0 ? XOR_TEST.positives() : XOR_TEST.negatives())[i];
      double[] g = barrier.gradient(a);
      double[] fd = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        double[] up = a.clone();
        double[] down = a.clone();
        up[j] += STEP;
        down[j] -= STEP;
        fd[j] = (barrier.value(up) - barrier.value(down)) / (2 * STEP);
      }
      double err = 0;
      for (int j = 0; j < a.length; j++) {
        err += (g[j] - fd[j]) * (g[j] - fd[j]);
      }
      assertThat(Math.sqrt(err) / Normaliser.norm(g)).isLessThan(GRADIENT_RELATIVE);
    }
  }

  /** Held-out accuracy of the best threshold on the projection onto a direction. */
  private static double directionAccuracy(double[] u, SyntheticActivations data) {
    double best = 0;
    for (double[] candidate : data.positives()) {
      double threshold = dot(u, candidate);
      int right = 0;
      for (double[] a : data.positives()) {
        right += dot(u, a) >= threshold ? 1 : 0;
      }
      for (double[] a : data.negatives()) {
        right += dot(u, a) < threshold ? 1 : 0;
      }
      best = Math.max(best, (double) right / (2 * data.positives().length));
    }
    return best;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
