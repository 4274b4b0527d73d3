package io.delos.sim.task;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A task with no goal: zero reward, no termination, a fixed start. Used for physical validation and
 * for data collection where only the dynamics matter.
 *
 * @param maxSteps episode length in control steps, >= 1
 * @param jointPositions start coordinates by joint name (rad or m); others start at zero
 */
public record PassiveTask(int maxSteps, Map<String, Double> jointPositions) implements Task {
  /** Validates the task. */
  public PassiveTask {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps = " + maxSteps + ": must be >= 1");
    }
    jointPositions = Map.copyOf(jointPositions);
  }

  /** A passive task starting at the reference configuration. */
  public static PassiveTask of(int maxSteps) {
    return new PassiveTask(maxSteps, Map.of());
  }

  @Override
  public String name() {
    return "passive";
  }

  @Override
  public void initialize(InitialState robot, SplittableRandom random) {
    jointPositions.forEach((joint, q) -> robot.setJoint(joint, q, 0));
  }

  @Override
  public double reward(double[] observation, double[] action, double[] next) {
    return 0;
  }

  @Override
  public boolean terminated(double[] observation) {
    return false;
  }
}
