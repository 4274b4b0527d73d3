package io.delos.worldmodel.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import org.junit.jupiter.api.Test;

class BaselineSteerersTest {
  /** Round-off, activation units. */
  private static final double EXACT = 1e-12;

  /** Allowed angle between a fitted direction and the true one, as 1 − cosine. */
  private static final double ALIGNED = 0.02;

  private static final SyntheticActivations LINEAR =
      SyntheticActivations.draw(Layout.LINEAR, 2000, 5, 8);

  /** The direction of the true log ratio's gradient, (1, 1, 0, …)/√2. */
  private static final double[] TRUE_DIRECTION = {1 / Math.sqrt(2), 1 / Math.sqrt(2), 0, 0, 0};

  @Test
  void meanDifferenceProbeAndPrincipalComponentFindTheTrueDirectionOnLinearData() {
    for (AdditiveSteerer s :
        new AdditiveSteerer[] {
          AdditiveSteerer.meanDifference(LINEAR.positives(), LINEAR.negatives()),
          AdditiveSteerer.linearProbe(LINEAR.positives(), LINEAR.negatives(), 1e-4),
          AdditiveSteerer.principalComponent(LINEAR.positives(), LINEAR.negatives())
        }) {
      double cosine = 0;
      double[] u = s.direction();
      for (int j = 0; j < u.length; j++) {
        cosine += u[j] * TRUE_DIRECTION[j];
      }
      assertThat(cosine).isGreaterThan(1 - ALIGNED);
    }
  }

  @Test
  void additiveSteeringMovesExactlyAlpha() {
    AdditiveSteerer caa = AdditiveSteerer.meanDifference(LINEAR.positives(), LINEAR.negatives());
    double[] a = LINEAR.negatives()[0];
    double[] b = caa.steer(a, 0.8);
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (b[j] - a[j]) * (b[j] - a[j]);
    }
    assertThat(Math.sqrt(s)).isCloseTo(0.8, within(EXACT));
  }

  @Test
  void fullAffineTransportMapsTheNegativeMomentsOntoThePositiveOnes() {
    AffineTransportSteerer linact =
        AffineTransportSteerer.fit(LINEAR.positives(), LINEAR.negatives());
    double[][] moved = linact.steerAll(LINEAR.negatives(), 1);
    double[] meanMoved = new double[5];
    double[] meanPositive = new double[5];
    for (int i = 0; i < moved.length; i++) {
      for (int j = 0; j < 5; j++) {
        meanMoved[j] += moved[i][j] / moved.length;
        meanPositive[j] += LINEAR.positives()[i][j] / moved.length;
      }
    }
    for (int j = 0; j < 5; j++) {
      assertThat(meanMoved[j]).isCloseTo(meanPositive[j], within(1e-9));
    }
  }

  @Test
  void equalMovementFindsTheStrengthOfEachMethod() {
    double[][] neg = LINEAR.negatives();
    AffineTransportSteerer linact = AffineTransportSteerer.fit(LINEAR.positives(), neg);
    AdditiveSteerer caa = AdditiveSteerer.meanDifference(LINEAR.positives(), neg);

    double lambda = EqualMovement.strength(linact, neg, 0.9, 1e-6);
    double alpha = EqualMovement.strength(caa, neg, 0.9, 1e-6);

    assertThat(EqualMovement.meanDisplacement(linact, neg, lambda)).isCloseTo(0.9, within(1e-6));
    assertThat(alpha).isCloseTo(0.9, within(1e-6));
  }

  @Test
  void identicalClassesHaveNoMeanDifferenceAndAreRefused() {
    double[][] same = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> AdditiveSteerer.meanDifference(same, same))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the difference of the class means is the zero vector");
  }

  @Test
  void negativeAlphaIsRefusedNamingIt() {
    AdditiveSteerer caa = AdditiveSteerer.meanDifference(LINEAR.positives(), LINEAR.negatives());
    assertThatThrownBy(() -> caa.steer(LINEAR.negatives()[0], -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha is -0.5; allowed: a finite number >= 0");
  }

  @Test
  void emptyPositivesAreRefusedByEveryBaseline() {
    double[][] none = new double[0][];
    double[][] neg = LINEAR.negatives();
    assertThatThrownBy(() -> AdditiveSteerer.linearProbe(none, neg, 1e-3))
        .hasMessageContaining("positives has 0 examples");
    assertThatThrownBy(() -> AdditiveSteerer.principalComponent(none, neg))
        .hasMessageContaining("positives has 0 examples");
    assertThatThrownBy(() -> AffineTransportSteerer.fit(none, neg))
        .hasMessageContaining("positives has 0 examples");
  }
}
