package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneticProgrammingTest {
  /** Normalised error of a recovered noise-free expression. */
  private static final double EXACT_NMSE = 1e-12;

  private static double[][] data(SplittableRandom random) {
    double[][] x = new double[3][200];
    for (double[] col : x) {
      for (int i = 0; i < 200; i++) {
        col[i] = random.nextDouble(1, 3);
      }
    }
    return x;
  }

  @Test
  void findsASmallMultivariableExpression() {
    double[][] x = data(new SplittableRandom(2));
    double[] y =
        Program.compile(ExprParser.parse("1.5*a*b + c", List.of("a", "b", "c"))).evaluate(x, 200);
    ParetoFront front =
        GeneticProgramming.search(
            x,
            y,
            new int[] {0, 1, 2},
            GpConfig.DEFAULT.withPopulationSize(150),
            List.of(),
            1e-20,
            new SplittableRandom(3),
            Budget.of(Duration.ofSeconds(60), 2_000_000, null));
    assertThat(front.mostAccurate().nmse()).isLessThan(EXACT_NMSE);
  }

  @Test
  void anEvaluationBudgetMakesARunRepeatable() {
    double[][] x = data(new SplittableRandom(5));
    double[] y =
        Program.compile(ExprParser.parse("a*sin(b) + c**2", List.of("a", "b", "c")))
            .evaluate(x, 200);
    List<String> first = run(x, y);
    List<String> second = run(x, y);
    assertThat(second).isEqualTo(first);
  }

  private static List<String> run(double[][] x, double[] y) {
    ParetoFront f =
        GeneticProgramming.search(
            x,
            y,
            new int[] {0, 1, 2},
            GpConfig.DEFAULT.withPopulationSize(60),
            List.of(),
            0,
            new SplittableRandom(8),
            Budget.of(Duration.ofMinutes(5), 40_000, null));
    return f.candidates().stream().map(c -> ExprPrinter.infix(c.expr()) + " " + c.nmse()).toList();
  }
}
