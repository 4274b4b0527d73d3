package io.delos.actors.robot;

/** How a robot-system actor paces its control steps. */
public enum Pacing {
  /** A timer at the control rate; the latest action is applied (held if none arrived). */
  REAL_TIME,
  /**
   * As fast as possible, waiting for the controller's action for each step (up to the action
   * timeout, then the held action). Deterministic: the same seed gives the same trajectory.
   */
  LOCK_STEP,
  /** As fast as possible, applying the latest action without waiting. */
  FREE_RUN
}
