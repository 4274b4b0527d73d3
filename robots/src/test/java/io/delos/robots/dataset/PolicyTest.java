package io.delos.robots.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.Space;
import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Morphology WALKER = Catalogue.system("walker").morphology();

  private static double[][] run(String kind, long seed, int steps) {
    RolloutPolicy p = PolicySpec.of(kind).create(0.02);
    p.reset(WALKER, new SplittableRandom(seed));
    double[] o = new double[WALKER.observationSpace().size()];
    o[3] = 1; // hull.cos
    double[][] out = new double[steps][];
    for (int k = 0; k < steps; k++) {
      out[k] = p.act(o);
    }
    return out;
  }

  @Test
  void everyPolicyStaysInRangeAndRepeatsForTheSameSeed() {
    Space a = WALKER.actionSpace();
    for (String kind : PolicySpec.KINDS) {
      double[][] x = run(kind, 3, 200);
      assertThat(run(kind, 3, 200)).isDeepEqualTo(x);
      for (double[] u : x) {
        assertThat(u).hasSize(a.size());
        for (int i = 0; i < u.length; i++) {
          assertThat(u[i]).isBetween(a.channel(i).low() - 5, a.channel(i).high() + 5);
        }
      }
    }
  }

  @Test
  void colouredNoiseIsCorrelatedInTimeAndUniformNoiseIsNot() {
    assertThat(lagOneCorrelation(run("coloured", 1, 4000))).isGreaterThan(0.8);
    assertThat(Math.abs(lagOneCorrelation(run("uniform", 1, 4000)))).isLessThan(0.1);
  }

  @Test
  void anUnknownPolicyIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> PolicySpec.of("mpc"))
        .hasMessageContaining("'mpc'")
        .hasMessageContaining("uniform");
  }

  private static double lagOneCorrelation(double[][] x) {
    int n = x.length;
    double mean = 0;
    for (double[] u : x) {
      mean += u[0] / n;
    }
    double num = 0;
    double den = 0;
    for (int k = 0; k < n; k++) {
      double d = x[k][0] - mean;
      den += d * d;
      if (k > 0) {
        num += d * (x[k - 1][0] - mean);
      }
    }
    return num / den;
  }
}
