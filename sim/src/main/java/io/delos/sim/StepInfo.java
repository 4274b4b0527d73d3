package io.delos.sim;

import java.util.Objects;

/**
 * Side information of a step.
 *
 * @param time simulated time after the step, in seconds since the reset
 * @param endReason why the episode ended ({@link EndReason#NONE} while it runs)
 * @param actionClipped the requested action lay outside the action space and was clipped
 */
public record StepInfo(double time, EndReason endReason, boolean actionClipped) {
  /** Validates the info. */
  public StepInfo {
    Objects.requireNonNull(endReason, "endReason");
  }
}
