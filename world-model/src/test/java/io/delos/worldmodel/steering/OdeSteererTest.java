package io.delos.worldmodel.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import org.junit.jupiter.api.Test;

class OdeSteererTest {
  /** Round-off of a few hundred additions, activation units. */
  private static final double EXACT = 1e-12;

  private static final SyntheticActivations SHELLS =
      SyntheticActivations.draw(Layout.SHELLS, 300, 4, 21);
  private static final Barrier BARRIER =
      Barrier.fit(
          SHELLS.positives(),
          SHELLS.negatives(),
          BarrierConfig.defaults(2)
              .withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, 256)
              .withNormalisation(Normalisation.STANDARDISE)
              .withGamma(0.5));

  @Test
  void oneEulerStepEqualsTheOneStepRule() {
    double t = 0.7;
    for (int i = 0; i < 5; i++) {
      double[] a = SHELLS.negatives()[i];
      double[] v = BARRIER.field(a);

      double[] steered = new OdeSteerer(BARRIER, Integrator.EULER, 1).steer(a, t);

      for (int j = 0; j < a.length; j++) {
        assertThat(steered[j]).isCloseTo(a[j] + t * v[j], within(EXACT));
      }
    }
  }

  @Test
  void eachEulerStepMovesExactlyTOverSteps() {
    double t = 1.3;
    int steps = 10;
    OdeSteerer one = new OdeSteerer(BARRIER, Integrator.EULER, 1);
    double[] a = SHELLS.negatives()[3];
    double[] state = a.clone();
    for (int k = 0; k < steps; k++) {
      double[] next = one.steer(state, t / steps);
      assertThat(distance(next, state)).isCloseTo(t / steps, within(EXACT));
      state = next;
    }
    double[] whole = new OdeSteerer(BARRIER, Integrator.EULER, steps).steer(a, t);
    assertThat(distance(whole, state)).isCloseTo(0, within(EXACT));
  }

  @Test
  void rungeKuttaAndAdaptiveAreCloserToTheExactPathThanEulerWithTheSameSteps() {
    double t = 1.5;
    double[] a = SHELLS.negatives()[7];
    double[] reference = new OdeSteerer(BARRIER, Integrator.RK4, 2000).steer(a, t);

    double euler = distance(new OdeSteerer(BARRIER, Integrator.EULER, 5).steer(a, t), reference);
    double rk4 = distance(new OdeSteerer(BARRIER, Integrator.RK4, 5).steer(a, t), reference);
    double adaptive =
        distance(new OdeSteerer(BARRIER, Integrator.ADAPTIVE, 5, 1e-5).steer(a, t), reference);

    assertThat(euler).isGreaterThan(1e-4);
    assertThat(rk4).isLessThan(euler / 10);
    assertThat(adaptive).isLessThan(euler / 10);
  }

  @Test
  void steeringRaisesTheBarrierAndTheTrueLogRatioOfNegatives() {
    OdeSteerer steerer = new OdeSteerer(BARRIER, Integrator.EULER, 10);
    int raised = 0;
    int trulyRaised = 0;
    for (int i = 0; i < 50; i++) {
      double[] a = SHELLS.negatives()[i];
      double[] b = steerer.steer(a, 1.0);
      raised += BARRIER.value(b) > BARRIER.value(a) ? 1 : 0;
      trulyRaised += SHELLS.trueLogRatio(b) > SHELLS.trueLogRatio(a) ? 1 : 0;
    }
    assertThat(raised).isEqualTo(50);
    assertThat(trulyRaised).isGreaterThanOrEqualTo(48);
  }

  @Test
  void zeroTimeReturnsTheActivationUnchanged() {
    double[] a = SHELLS.negatives()[0];
    assertThat(new OdeSteerer(BARRIER, Integrator.RK4, 4).steer(a, 0)).containsExactly(a);
  }

  @Test
  void negativeOrNonFiniteTimeIsRefusedNamingT() {
    OdeSteerer steerer = new OdeSteerer(BARRIER, Integrator.EULER, 10);
    double[] a = SHELLS.negatives()[0];
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> steerer.steer(a, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("T is " + bad)
          .hasMessageContaining("a finite number >= 0");
    }
  }

  @Test
  void stepsOutsideTheRangeAreRefusedNamingThem() {
    assertThatThrownBy(() -> new OdeSteerer(BARRIER, Integrator.EULER, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps is 0; allowed: 1 to 100000");
  }

  @Test
  void activationWithNanIsRefused() {
    double[] a = {0, Double.NaN, 0, 0};
    assertThatThrownBy(() -> new OdeSteerer(BARRIER, Integrator.EULER, 3).steer(a, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("activation[1] is NaN");
  }

  @Test
  void sameSeedGivesBitIdenticalSteering() {
    Barrier again =
        Barrier.fit(
            SHELLS.positives(),
            SHELLS.negatives(),
            BarrierConfig.defaults(2)
                .withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, 256)
                .withNormalisation(Normalisation.STANDARDISE)
                .withGamma(0.5));
    double[] a = SHELLS.negatives()[9];
    assertThat(new OdeSteerer(again, Integrator.RK4, 10).steer(a, 1))
        .containsExactly(new OdeSteerer(BARRIER, Integrator.RK4, 10).steer(a, 1));
  }

  private static double distance(double[] x, double[] y) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += (x[j] - y[j]) * (x[j] - y[j]);
    }
    return Math.sqrt(s);
  }
}
