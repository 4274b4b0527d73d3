package io.delos.sim.task;

import java.util.SplittableRandom;

/**
 * What a robot is asked to do: its initial state, reward, termination and time limit.
 *
 * <p>Implementations are pure functions of their arguments (plus the seeded generator given to
 * {@link #initialize}), so episodes are reproducible.
 */
public interface Task {
  /** Task name, for example {@code "balance"}. */
  String name();

  /**
   * Chooses the initial state of an episode.
   *
   * @param robot where to write the initial joint and root states
   * @param random the episode's seeded generator
   */
  void initialize(InitialState robot, SplittableRandom random);

  /**
   * Reward of one control step.
   *
   * @param observation observation before the step
   * @param action the action applied (clipped to the action space)
   * @param next observation after the step
   */
  double reward(double[] observation, double[] action, double[] next);

  /** True when {@code observation} is a terminal state of the task. */
  boolean terminated(double[] observation);

  /** Episode length limit in control steps; the episode is truncated after it. */
  int maxSteps();
}
