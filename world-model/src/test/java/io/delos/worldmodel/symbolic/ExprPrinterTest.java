package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExprPrinterTest {
  /** Relative agreement of an expression and its printed-then-parsed copy. */
  private static final double ROUND_TRIP_TOLERANCE = 1e-12;

  private static final List<String> NAMES = List.of("q1", "q2", "epsilon", "r");

  @Test
  void printsReadableInfix() {
    Expr e = Simplifier.simplify(ExprParser.parse("q1*q2/(4*pi*epsilon*r**2)", NAMES));
    assertThat(ExprPrinter.infix(e, NAMES, 6)).isEqualTo("0.0795775*q1*q2/(epsilon*r**2)");
    Expr d = Simplifier.simplify(ExprParser.parse("q1 - 2*q2 + sin(r)**2", NAMES));
    assertThat(ExprPrinter.infix(d, NAMES, 0)).isEqualTo("q1 - 2*q2 + sin(r)**2");
  }

  @Test
  void printedFormParsesBackToTheSameFunction() {
    SplittableRandom random = new SplittableRandom(3);
    List<String> texts =
        List.of(
            "q1*q2/(4*pi*epsilon*r**2)",
            "sqrt(1 - q1**2/r**2)",
            "exp(-(q1 - q2)**2/2)/sqrt(2*pi)",
            "q1/(exp(q2/r) - 1)",
            "-3.5e-3*log(q1) + cos(q2*r)**3 - 1/(q1*q2)");
    double[][] cols = new double[4][20];
    for (double[] col : cols) {
      for (int i = 0; i < col.length; i++) {
        col[i] = random.nextDouble(1, 2);
      }
    }
    for (String t : texts) {
      Expr e = ExprParser.parse(t, NAMES);
      for (Expr form : List.of(e, Simplifier.simplify(e))) {
        Expr back = ExprParser.parse(ExprPrinter.infix(form, NAMES, 0), NAMES);
        double[] a = Program.compile(form).evaluate(cols, 20);
        double[] b = Program.compile(back).evaluate(cols, 20);
        for (int i = 0; i < 20; i++) {
          assertThat(b[i])
              .as(t)
              .isCloseTo(a[i], within(ROUND_TRIP_TOLERANCE * (1 + Math.abs(a[i]))));
        }
      }
    }
  }

  @Test
  void printsLatex() {
    Expr e = Simplifier.simplify(ExprParser.parse("q1*q2/(epsilon*r**2) + sqrt(r)", NAMES));
    assertThat(ExprPrinter.latex(e, NAMES, 4))
        .isEqualTo("\\frac{\\mathrm{q1} \\mathrm{q2}}{\\mathrm{epsilon} r^{2}} + \\sqrt{r}");
  }

  @Test
  void parserRejectsUnknownNamesAndExponents() {
    assertThatThrownBy(() -> ExprParser.parse("q1 + z", NAMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown name 'z'");
    assertThatThrownBy(() -> ExprParser.parse("q1**q2", NAMES))
        .hasMessageContaining("exponent must be a constant");
    assertThatThrownBy(() -> ExprParser.parse("q1**0.3", NAMES))
        .hasMessageContaining("not an integer or half-integer");
  }
}
