package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuralGeneratorTest {
  /** The generator must cut the held-out error of the best linear fit by at least this factor. */
  private static final double IMPROVEMENT_OVER_LINEAR = 20;

  private static final NeuralGenerator.Settings SMALL =
      new NeuralGenerator.Settings(List.of(24, 24), 64, 3e-3, 60, 400, 20, 0.2);

  private static double truth(double a, double b, double c) {
    return Math.sin(a) * b + c * c;
  }

  private static double[][] sample(int n, SplittableRandom random) {
    double[][] x = new double[3][n];
    for (double[] col : x) {
      for (int i = 0; i < n; i++) {
        col[i] = random.nextDouble(-2, 2);
      }
    }
    return x;
  }

  @Test
  void learnsANonlinearFunctionFarBetterThanALinearFit() {
    SplittableRandom random = new SplittableRandom(21);
    double[][] x = sample(600, random);
    double[] y = new double[600];
    for (int i = 0; i < 600; i++) {
      y[i] = truth(x[0][i], x[1][i], x[2][i]);
    }
    double[][] test = sample(400, random);
    double[] yt = new double[400];
    for (int i = 0; i < 400; i++) {
      yt[i] = truth(test[0][i], test[1][i], test[2][i]);
    }
    try (NeuralGenerator g =
        NeuralGenerator.fit(
            x, y, SMALL, 5, Budget.of(Duration.ofMinutes(2), Long.MAX_VALUE, null))) {
      double[] p = g.query(test);
      assertThat(p).hasSize(400);
      double mse = 0;
      for (int i = 0; i < 400; i++) {
        mse += (p[i] - yt[i]) * (p[i] - yt[i]) / 400;
      }
      double linear = linearBaselineMse(x, y, test, yt);
      assertThat(mse).isLessThan(linear / IMPROVEMENT_OVER_LINEAR);
      assertThat(g.validationMse()).isLessThan(linear / IMPROVEMENT_OVER_LINEAR);
    }
  }

  @Test
  void sameSeedGivesTheSameGenerator() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] x = sample(200, random);
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      y[i] = truth(x[0][i], x[1][i], x[2][i]);
    }
    NeuralGenerator.Settings tiny =
        new NeuralGenerator.Settings(List.of(8), 32, 3e-3, 5, 20, 5, 0.2);
    try (NeuralGenerator a = NeuralGenerator.fit(x, y, tiny, 9, Budget.unlimited());
        NeuralGenerator b = NeuralGenerator.fit(x, y, tiny, 9, Budget.unlimited())) {
      assertThat(b.query(x)).containsExactly(a.query(x), within(0.0));
    }
  }

  /** Least squares on [x, 1], tested on held-out points. */
  private static double linearBaselineMse(double[][] x, double[] y, double[][] xt, double[] yt) {
    Expr model =
        Exprs.add(
            Exprs.mul(Exprs.c(0), Exprs.x(0)),
            Exprs.mul(Exprs.c(0), Exprs.x(1)),
            Exprs.mul(Exprs.c(0), Exprs.x(2)),
            Exprs.c(0));
    Program p = Program.compile(model);
    ConstantFitter.Fit fit =
        ConstantFitter.fit(
            p, x, y, ConstantFitter.Settings.DEFAULT, new SplittableRandom(1), Budget.unlimited());
    double[] pred = new double[yt.length];
    p.evaluate(xt, yt.length, fit.parameters().toArray(), pred);
    double mse = 0;
    for (int i = 0; i < yt.length; i++) {
      mse += (pred[i] - yt[i]) * (pred[i] - yt[i]) / yt.length;
    }
    return mse;
  }
}
