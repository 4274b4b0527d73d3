package io.delos.robots.dataset;

import io.delos.sim.Space;
import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;

/** Independent uniform actions over each actuator's range, drawn anew every step. */
final class UniformPolicy implements RolloutPolicy {
  private double[] low = new double[0];
  private double[] high = new double[0];
  private SplittableRandom random;

  @Override
  public void reset(Morphology morphology, SplittableRandom random) {
    Space a = morphology.actionSpace();
    low = a.lows();
    high = a.highs();
    this.random = random;
  }

  @Override
  public double[] act(double[] observation) {
    double[] u = new double[low.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = low[i] + (high[i] - low[i]) * random.nextDouble();
    }
    return u;
  }
}
