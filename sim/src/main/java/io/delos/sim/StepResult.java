package io.delos.sim;

import java.util.Objects;

/**
 * What one control step returned, in Gymnasium's terms.
 *
 * @param observation the observation after the step
 * @param reward the reward of the step
 * @param terminated the task reached a terminal state
 * @param truncated the episode was cut by its time limit
 * @param info why the episode ended, if it did, and whether the action was clipped
 */
public record StepResult(
    Vec observation, double reward, boolean terminated, boolean truncated, StepInfo info) {
  /** Validates the result. */
  public StepResult {
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(info, "info");
  }

  /** True when the episode is over, for either reason. */
  public boolean done() {
    return terminated || truncated;
  }
}
