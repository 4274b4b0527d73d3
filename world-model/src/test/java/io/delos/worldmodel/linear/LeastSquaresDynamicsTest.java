package io.delos.worldmodel.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeastSquaresDynamicsTest {
  /** x⁺ = A x + B u + c with a known A, B, c and small noise. */
  private static Trajectory linearSystem(long seed, int rows, double noise) {
    SplittableRandom r = new SplittableRandom(seed);
    Trajectory.Builder b = Trajectory.builder("lin", 2, 1);
    double[] x = {1, 0};
    for (int k = 0; k < rows; k++) {
      double[] u = {r.nextDouble(-1, 1)};
      b.add(k * 0.02, x, u, 0, k == 0 ? StepFlags.RESET : 0);
      x =
          new double[] {
            0.99 * x[0] + 0.02 * x[1] + noise * r.nextGaussian(),
            -0.1 * x[0] + 0.95 * x[1] + 0.5 * u[0] + 0.01 + noise * r.nextGaussian()
          };
    }
    return b.build();
  }

  @Test
  void recoversAKnownLinearSystemAndBeatsHoldingTheObservation() {
    LeastSquaresDynamics model =
        LeastSquaresDynamics.fit(List.of(linearSystem(1, 2000, 1e-3)), 1e-6);
    double[] p = model.predict(new double[] {1, 2}, new double[] {0.5});
    double coefficientTolerance = 1e-2;
    assertThat(p[0])
        .isCloseTo(0.99 + 0.04, org.assertj.core.data.Offset.offset(coefficientTolerance));
    assertThat(p[1])
        .isCloseTo(
            -0.1 + 1.9 + 0.25 + 0.01, org.assertj.core.data.Offset.offset(coefficientTolerance));
    double[] errors = model.oneStepErrors(linearSystem(2, 500, 1e-3));
    assertThat(errors[0]).isLessThan(errors[1] / 100);
  }

  @Test
  void refusesDataWithoutTransitions() {
    Trajectory one =
        Trajectory.builder("x", 2, 1).add(0, new double[2], new double[1], 0, 1).build();
    assertThatThrownBy(() -> LeastSquaresDynamics.fit(List.of(one), 0))
        .hasMessageContaining("no transition");
  }
}
