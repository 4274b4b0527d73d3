package io.delos.worldmodel.symbolic;

import static io.delos.worldmodel.symbolic.Exprs.add;
import static io.delos.worldmodel.symbolic.Exprs.c;
import static io.delos.worldmodel.symbolic.Exprs.cos;
import static io.delos.worldmodel.symbolic.Exprs.div;
import static io.delos.worldmodel.symbolic.Exprs.exp;
import static io.delos.worldmodel.symbolic.Exprs.log;
import static io.delos.worldmodel.symbolic.Exprs.mul;
import static io.delos.worldmodel.symbolic.Exprs.neg;
import static io.delos.worldmodel.symbolic.Exprs.num;
import static io.delos.worldmodel.symbolic.Exprs.pow;
import static io.delos.worldmodel.symbolic.Exprs.sin;
import static io.delos.worldmodel.symbolic.Exprs.sqrt;
import static io.delos.worldmodel.symbolic.Exprs.sub;
import static io.delos.worldmodel.symbolic.Exprs.x;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimplifierTest {
  /** Relative agreement of an expression and its simplified form at random positive points. */
  private static final double VALUE_TOLERANCE = 1e-9;

  private static final List<String> XY = List.of("x", "y");

  private static Expr p(String s) {
    return ExprParser.parse(s, XY);
  }

  @Test
  void simpleIdentitiesAreProvedEqual() {
    assertThat(Simplifier.provablyEqual(mul(x(0), x(0)), pow(x(0), 2))).isTrue();
    assertThat(Simplifier.provablyEqual(add(x(0), x(0)), mul(num(2), x(0)))).isTrue();
    assertThat(Simplifier.provablyEqual(div(x(0), x(0)), num(1))).isTrue();
    assertThat(Simplifier.provablyEqual(sub(x(0), x(0)), num(0))).isTrue();
    assertThat(Simplifier.provablyEqual(mul(exp(x(0)), exp(x(1))), exp(add(x(0), x(1))))).isTrue();
    assertThat(Simplifier.provablyEqual(sin(neg(x(0))), neg(sin(x(0))))).isTrue();
    assertThat(Simplifier.provablyEqual(cos(neg(x(0))), cos(x(0)))).isTrue();
    assertThat(Simplifier.provablyEqual(log(exp(x(0))), x(0))).isTrue();
    assertThat(Simplifier.provablyEqual(pow(sqrt(x(0)), 2), x(0))).isTrue();
    assertThat(Simplifier.provablyEqual(p("(x + 1)**2"), p("x**2 + 2*x + 1"))).isTrue();
    assertThat(Simplifier.provablyEqual(p("(x - y)*(x + y)"), p("x**2 - y**2"))).isTrue();
    assertThat(Simplifier.provablyEqual(p("x*y/(y*x**2)"), p("1/x"))).isTrue();
    assertThat(Simplifier.provablyEqual(p("2*(x + 3) - 2*x"), p("6"))).isTrue();
    assertThat(Simplifier.provablyEqual(p("log(x**3)"), p("3*log(x)"))).isTrue();
  }

  @Test
  void differentExpressionsAreNotProvedEqual() {
    assertThat(Simplifier.provablyEqual(p("x**2"), p("x**3"))).isFalse();
    assertThat(Simplifier.provablyEqual(p("sin(x)"), p("cos(x)"))).isFalse();
    assertThat(Simplifier.provablyEqual(p("x + y"), p("x*y"))).isFalse();
  }

  @Test
  void constantsFoldAndLiteralsStayFixed() {
    Expr e = Simplifier.simplify(p("2*3*x + 4 - 1"));
    assertThat(ExprPrinter.infix(e, XY, 0)).isEqualTo("6*x + 3");
    assertThat(e.freeConstantCount()).isZero();
  }

  @Test
  void redundantFreeConstantsMergeIntoFewerParameters() {
    // c1·(c2·x + c3) has two identifiable constants.
    Expr e = Simplifier.simplify(mul(c(2), add(mul(c(3), x(0)), c(4))));
    assertThat(e.freeConstantCount()).isEqualTo(2);
    // exp(x + c1)·c2 -> c·exp(x)
    assertThat(Simplifier.simplify(mul(c(2), exp(add(x(0), c(1))))).freeConstantCount())
        .isEqualTo(1);
    // c1/(c2·x + c3) -> c/(x + c')
    assertThat(Simplifier.simplify(div(c(1), add(mul(c(2), x(0)), c(3)))).freeConstantCount())
        .isEqualTo(2);
    // c1·x + c2·x -> c·x
    assertThat(Simplifier.simplify(add(mul(c(1), x(0)), mul(c(2), x(0)))).freeConstantCount())
        .isEqualTo(1);
    // c·(x + y) keeps one constant rather than distributing into two.
    assertThat(Simplifier.simplify(mul(c(2), add(x(0), x(1)))).freeConstantCount()).isEqualTo(1);
  }

  @Test
  void simplificationKeepsTheValueOnPositiveInputs() {
    SplittableRandom random = new SplittableRandom(7);
    List<Expr> cases =
        List.of(
            p("(x + 1)**2*y/(x + 1)"),
            mul(c(1.5), exp(add(x(0), c(0.3)))),
            div(c(2), add(mul(c(3), x(0)), c(4))),
            Exprs.log(mul(c(2.5), x(0), x(1))),
            sqrt(add(mul(c(4), pow(x(0), 2)), c(9))),
            mul(c(-2), add(mul(c(3), sin(x(1))), c(0.5))));
    double[][] cols = new double[2][50];
    for (int i = 0; i < 50; i++) {
      cols[0][i] = random.nextDouble(0.5, 3);
      cols[1][i] = random.nextDouble(0.5, 3);
    }
    for (Expr e : cases) {
      double[] a = Program.compile(e).evaluate(cols, 50);
      double[] b = Program.compile(Simplifier.simplify(e)).evaluate(cols, 50);
      for (int i = 0; i < 50; i++) {
        assertThat(b[i])
            .as("%s at point %d", e, i)
            .isCloseTo(a[i], within(VALUE_TOLERANCE * (1 + Math.abs(a[i]))));
      }
    }
  }
}
