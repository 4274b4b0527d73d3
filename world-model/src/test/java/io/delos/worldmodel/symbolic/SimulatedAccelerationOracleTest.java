package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.morphology.Morphology;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedAccelerationOracleTest {
  /** Relative RMS agreement of the measured and the rigid-body accelerations of the cart. */
  private static final double CART_TOLERANCE = 2e-3;

  /** The same for the pole (JBox2D's single-precision state makes it noisier). */
  private static final double POLE_TOLERANCE = 1e-2;

  /** Rigid-body cart-pole of the catalogue: {ẍ, θ̈} for angle θ (counter-clockwise from up). */
  private static double[] rigidBody(double th, double thd, double f) {
    double m = 0.1;
    double bigM = 1.0;
    double l = 0.5;
    double g = 9.8;
    double j = m * (0.02 * 0.02 + 1.0) / 12 + m * l * l;
    double s = Math.sin(th);
    double c = Math.cos(th);
    double xdd =
        (f - m * l * thd * thd * s + (m * m * l * l * g / j) * s * c)
            / (bigM + m - (m * m * l * l / j) * c * c);
    return new double[] {xdd, (m * g * l * s + m * l * c * xdd) / j};
  }

  @Test
  void measuresTheCartPolesAccelerationsIncludingCentripetalTerms() {
    Morphology cartPole = Catalogue.system("cartpole").morphology();
    List<String> joints = List.of("slider", "hinge");
    SimulatedAccelerationOracle cart =
        new SimulatedAccelerationOracle(cartPole, 2000, 20, joints, List.of("force"), "slider");
    SimulatedAccelerationOracle pole =
        new SimulatedAccelerationOracle(cartPole, 2000, 20, joints, List.of("force"), "hinge");
    int n = 60;
    SplittableRandom random = new SplittableRandom(2);
    double[][] in = new double[5][n];
    for (int i = 0; i < n; i++) {
      in[0][i] = random.nextDouble(-1, 1);
      in[1][i] = random.nextDouble(-3, 3);
      in[2][i] = random.nextDouble(-1, 1);
      in[3][i] = random.nextDouble(-4, 4);
      in[4][i] = random.nextDouble(-10, 10);
    }
    double[] ax = cart.query(in);
    double[] at = pole.query(in);
    double ex = 0;
    double et = 0;
    double sx = 0;
    double st = 0;
    for (int i = 0; i < n; i++) {
      double[] want = rigidBody(in[1][i], in[3][i], in[4][i]);
      ex += (ax[i] - want[0]) * (ax[i] - want[0]);
      et += (at[i] - want[1]) * (at[i] - want[1]);
      sx += want[0] * want[0];
      st += want[1] * want[1];
    }
    assertThat(Math.sqrt(ex / sx)).isLessThan(CART_TOLERANCE);
    assertThat(Math.sqrt(et / st)).isLessThan(POLE_TOLERANCE);
  }
}
