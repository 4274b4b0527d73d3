package io.delos.worldmodel.symbolic;

import static io.delos.worldmodel.symbolic.Exprs.add;
import static io.delos.worldmodel.symbolic.Exprs.c;
import static io.delos.worldmodel.symbolic.Exprs.div;
import static io.delos.worldmodel.symbolic.Exprs.exp;
import static io.delos.worldmodel.symbolic.Exprs.mul;
import static io.delos.worldmodel.symbolic.Exprs.sin;
import static io.delos.worldmodel.symbolic.Exprs.x;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConstantFitterTest {
  /** How close fitted constants must come to the true ones on noise-free data, relative. */
  private static final double CONSTANT_TOLERANCE = 1e-6;

  private static double[][] grid(int n, double lo, double hi) {
    double[][] cols = new double[1][n];
    for (int i = 0; i < n; i++) {
      cols[0][i] = lo + (hi - lo) * i / (n - 1);
    }
    return cols;
  }

  @Test
  void recoversKnownConstantsOfANonlinearModel() {
    // y = 2.5·sin(1.7·x + 0.4) − 0.8, started from far-away constants.
    double[][] cols = grid(200, -3, 3);
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      y[i] = 2.5 * Math.sin(1.7 * cols[0][i] + 0.4) - 0.8;
    }
    Expr model = add(mul(c(1), sin(add(mul(c(1.2), x(0)), c(0)))), c(0));
    ConstantFitter.Fit fit =
        ConstantFitter.fit(
            Program.compile(model),
            cols,
            y,
            ConstantFitter.Settings.DEFAULT.withStarts(8),
            new SplittableRandom(1),
            Budget.unlimited());
    double[] t = fit.parameters().toArray();
    // Pre-order: amplitude, frequency, phase, offset. a·sin(w·x + φ) is unchanged by (a, φ) →
    // (−a, φ + π) and (a, w, φ) → (−a, −w, −φ), so amplitude and frequency count up to sign.
    assertThat(Math.abs(t[0])).isCloseTo(2.5, within(CONSTANT_TOLERANCE * 2.5));
    assertThat(Math.abs(t[1])).isCloseTo(1.7, within(CONSTANT_TOLERANCE * 1.7));
    assertThat(t[3]).isCloseTo(-0.8, within(CONSTANT_TOLERANCE));
    assertThat(fit.mse()).isLessThan(1e-20);
  }

  @Test
  void recoversAPlanckLikeRationalExponential() {
    // y = 3 / (exp(0.5·x) − 1) on x in [0.5, 4]
    double[][] cols = grid(100, 0.5, 4);
    double[] y = new double[100];
    for (int i = 0; i < 100; i++) {
      y[i] = 3 / (Math.exp(0.5 * cols[0][i]) - 1);
    }
    Expr model = div(c(1), add(exp(mul(c(1), x(0))), c(-0.5)));
    ConstantFitter.Fit fit =
        ConstantFitter.fit(
            Program.compile(model),
            cols,
            y,
            ConstantFitter.Settings.DEFAULT.withStarts(10),
            new SplittableRandom(5),
            Budget.unlimited());
    double[] t = fit.parameters().toArray();
    assertThat(t[0]).isCloseTo(3, within(CONSTANT_TOLERANCE * 3));
    assertThat(t[1]).isCloseTo(0.5, within(CONSTANT_TOLERANCE));
    assertThat(t[2]).isCloseTo(-1, within(CONSTANT_TOLERANCE));
  }
}
