package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnivariateSearchTest {
  /** A recovered form must refit the noise-free data to this normalised error. */
  private static final double EXACT_NMSE = 1e-12;

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "3/(exp(0.5*x) - 1); 0.5; 4",
        "sqrt(x**2 - 3*x + 5); 0.5; 4",
        "(2*sin(x) + 0.5*cos(x) + 0.3*sin(x)*cos(x))/(1 - 0.07*cos(x)**2); -3; 3",
        "1/sqrt(1 - x**2/9); 0.5; 2.5",
        "x**3 + x**2 + x; -1; 1"
      })
  void recoversSingleVariableFormsExactly(String formula, double low, double high) {
    Expr truth = ExprParser.parse(formula, List.of("x"));
    SplittableRandom random = new SplittableRandom(1);
    double[] x = new double[150];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(low, high);
    }
    double[] y = Program.compile(truth).evaluate(new double[][] {x}, x.length);
    ParetoFront front =
        UnivariateSearch.search(
            x,
            y,
            UnivariateSearch.Settings.DEFAULT,
            1e-20,
            new SplittableRandom(2),
            Budget.of(Duration.ofSeconds(60), 3_000_000, null));
    Candidate chosen = ModelSelection.choose(front, EXACT_NMSE);
    assertThat(chosen.nmse()).as(ExprPrinter.infix(chosen.expr())).isLessThan(EXACT_NMSE);
    assertThat(chosen.complexity()).isLessThanOrEqualTo(truth.complexity() + 4);
  }
}
