package io.delos.worldmodel.interpretable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolynomialTest {
  /** Double-precision round-off, target units. */
  private static final double EXACT = 1e-9;

  private static final Polynomial P =
      new Polynomial(
          List.of("body", "actuation", "environment"),
          Map.of(
              Monomial.of(), 0.5,
              Monomial.of(0), 1.5,
              Monomial.of(1), -2.0,
              Monomial.of(0, 2), 0.8,
              Monomial.of(1, 1, 2), 0.3,
              Monomial.of(2), 0.004));

  @Test
  void standardisedPolynomialComputesTheSameFunctionOfTheRawConcepts() {
    double[] mean = {0.3, -1.2, 2.0};
    double[] std = {2.0, 0.5, 1.7};
    Polynomial s = P.standardised(mean, std);
    SplittableRandom r = new SplittableRandom(7);
    for (int t = 0; t < 50; t++) {
      double[] c = {r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(-3, 3)};
      double[] z = new double[3];
      for (int i = 0; i < 3; i++) {
        z[i] = (c[i] - mean[i]) / std[i];
      }
      assertThat(s.evaluate(z)).isCloseTo(P.evaluate(c), within(EXACT));
    }
  }

  @Test
  void formatDropsTermsBelowTheThresholdAndStatesIt() {
    String text = P.format(0.01);
    assertThat(text)
        .isEqualTo(
            "y = 0.5 + 1.5·body − 2·actuation + 0.8·body·environment + 0.3·actuation²·environment"
                + "   (terms with |coefficient| < 0.01 dropped)");
    assertThat(P.terms(0.01)).hasSize(5);
    assertThat(P.terms(0)).hasSize(6);
  }

  @Test
  void negativeThresholdIsRefusedNamingIt() {
    assertThatThrownBy(() -> P.format(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold = -1.0");
  }
}
