package io.delos.worldmodel.symbolic;

import static io.delos.worldmodel.symbolic.Exprs.add;
import static io.delos.worldmodel.symbolic.Exprs.c;
import static io.delos.worldmodel.symbolic.Exprs.div;
import static io.delos.worldmodel.symbolic.Exprs.exp;
import static io.delos.worldmodel.symbolic.Exprs.log;
import static io.delos.worldmodel.symbolic.Exprs.mul;
import static io.delos.worldmodel.symbolic.Exprs.pow;
import static io.delos.worldmodel.symbolic.Exprs.sin;
import static io.delos.worldmodel.symbolic.Exprs.sqrt;
import static io.delos.worldmodel.symbolic.Exprs.x;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProgramTest {
  /** Agreement of the reverse-mode Jacobian with central differences, relative. */
  private static final double JACOBIAN_TOLERANCE = 1e-6;

  private static final double STEP = 1e-6;

  @Test
  void jacobianMatchesFiniteDifferences() {
    // c0·sin(c1·x0 + c2) + c3·exp(c4·x1)/(x0 + c5)² + log(c6·x1)·sqrt(c7 + x0)
    Expr e =
        add(
            mul(c(1.3), sin(add(mul(c(0.7), x(0)), c(0.2)))),
            div(mul(c(0.5), exp(mul(c(-0.4), x(1)))), pow(add(x(0), c(1.1)), 2)),
            mul(log(mul(c(2.0), x(1))), sqrt(add(c(3.0), x(0)))));
    Program prog = Program.compile(e);
    int n = 30;
    SplittableRandom random = new SplittableRandom(11);
    double[][] cols = new double[2][n];
    for (int i = 0; i < n; i++) {
      cols[0][i] = random.nextDouble(0.1, 2);
      cols[1][i] = random.nextDouble(0.1, 2);
    }
    double[] theta = prog.initialParameters();
    assertThat(theta).hasSize(8);
    double[] f = new double[n];
    double[][] jac = new double[theta.length][n];
    prog.evaluateWithJacobian(cols, n, theta, f, jac);
    for (int j = 0; j < theta.length; j++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[j] += STEP;
      down[j] -= STEP;
      double[] fu = new double[n];
      double[] fd = new double[n];
      prog.evaluate(cols, n, up, fu);
      prog.evaluate(cols, n, down, fd);
      for (int i = 0; i < n; i++) {
        double numeric = (fu[i] - fd[i]) / (2 * STEP);
        assertThat(jac[j][i])
            .as("d f(x_%d) / d c%d", i, j)
            .isCloseTo(numeric, within(JACOBIAN_TOLERANCE * (1 + Math.abs(numeric))));
      }
    }
  }

  @Test
  void protectedOperationsStayFinite() {
    Expr e = add(div(x(0), x(0)), log(x(0)), sqrt(x(0)));
    double[] v = Program.compile(e).evaluate(new double[][] {{0.0, -4.0}}, 2);
    assertThat(java.util.Arrays.stream(v).allMatch(Double::isFinite)).isTrue();
  }
}
