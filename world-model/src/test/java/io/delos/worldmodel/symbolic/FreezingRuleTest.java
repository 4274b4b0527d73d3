package io.delos.worldmodel.symbolic;

import static io.delos.worldmodel.symbolic.Exprs.add;
import static io.delos.worldmodel.symbolic.Exprs.c;
import static io.delos.worldmodel.symbolic.Exprs.mul;
import static io.delos.worldmodel.symbolic.Exprs.x;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.sim.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FreezingRuleTest {
  /** How close a frozen constant's value must be to the true one, absolute. */
  private static final double VALUE_TOLERANCE = 1e-9;

  private static FreezingRule.Draw draw(boolean good, double... constants) {
    return new FreezingRule.Draw(Vec.of(constants), Vec.zeros(constants.length), good);
  }

  @Test
  void constantsThatStayPutAreFrozenAndVaryingOnesStayOpen() {
    List<FreezingRule.Draw> draws =
        List.of(
            draw(true, 2.0, 1.0),
            draw(true, 2.0000001, 4.0),
            draw(true, 1.9999999, 9.0),
            draw(true, 2.0, 16.0),
            draw(true, 2.0, 25.0));
    FreezingRule.Decision d = FreezingRule.DEFAULT.decide(draws);
    assertThat(d.applicable()).isTrue();
    assertThat(d.frozen()).containsExactly(true, false);
    assertThat(d.values().get(0)).isCloseTo(2.0, within(1e-6));
  }

  @Test
  void aBadFitAnywhereFreezesNothing() {
    List<FreezingRule.Draw> draws =
        List.of(draw(true, 2.0, 1.0), draw(false, 2.0, 1.0), draw(true, 2.0, 1.0));
    FreezingRule.Decision d = FreezingRule.DEFAULT.decide(draws);
    assertThat(d.applicable()).isFalse();
    assertThat(d.frozen()).containsExactly(false, false);
  }

  @Test
  void scatterWithinTheStandardErrorsCountsAsConstant() {
    // Spread 0.01 around 5 is above the relative tolerance but within six standard errors.
    List<FreezingRule.Draw> draws = new ArrayList<>();
    for (double v : new double[] {4.995, 5.005, 5.0}) {
      draws.add(new FreezingRule.Draw(Vec.of(v), Vec.of(0.005), true));
    }
    assertThat(FreezingRule.DEFAULT.decide(draws).frozen()).containsExactly(true);
    assertThat(new FreezingRule(1e-3, 1e-6, 0, 0.1).decide(draws).frozen()).containsExactly(false);
  }

  @Test
  void fittingASkeletonAtFreshFixedValuesSeparatesTheConstants() {
    // f(x0; x1) = 3·x0 + x1², held x1: the skeleton c0·x0 + c1 has c0 = 3 for every x1 (a true
    // constant) and c1 = x1² (open, to be explained when x1 is released).
    Expr skeleton = add(mul(c(1), x(0)), c(0));
    Program program = Program.compile(skeleton);
    SplittableRandom random = new SplittableRandom(4);
    List<FreezingRule.Draw> draws = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      double held = random.nextDouble(1, 5);
      double[][] cols = new double[1][50];
      double[] y = new double[50];
      for (int i = 0; i < 50; i++) {
        cols[0][i] = random.nextDouble(1, 5);
        y[i] = 3 * cols[0][i] + held * held;
      }
      ConstantFitter.Fit fit =
          ConstantFitter.fit(
              program, cols, y, ConstantFitter.Settings.DEFAULT, random, Budget.unlimited());
      double[] se = ConstantFitter.standardErrors(program, cols, y, fit.parameters().toArray());
      draws.add(new FreezingRule.Draw(fit.parameters(), Vec.of(se), fit.mse() < 1e-20));
    }
    FreezingRule.Decision d = FreezingRule.DEFAULT.decide(draws);
    assertThat(d.applicable()).isTrue();
    assertThat(d.frozen()).containsExactly(true, false);
    assertThat(d.values().get(0)).isCloseTo(3.0, within(VALUE_TOLERANCE));
  }
}
