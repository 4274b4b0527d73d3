package io.delos.robots.dataset;

import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;

/** Every action at zero; the simulator clips it into each actuator's range. */
final class ZeroPolicy implements RolloutPolicy {
  private double[] action = new double[0];

  @Override
  public void reset(Morphology morphology, SplittableRandom random) {
    action = new double[morphology.actuators().size()];
  }

  @Override
  public double[] act(double[] observation) {
    return action.clone();
  }
}
