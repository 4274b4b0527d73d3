package io.delos.sim;

/** Why an episode ended. */
public enum EndReason {
  /** The episode is still running. */
  NONE,
  /** The task's termination condition held (for example the pole fell). */
  TASK_TERMINATED,
  /** The time limit was reached. */
  TIME_LIMIT,
  /** The physics produced a non-finite value; the last finite observation was returned. */
  PHYSICS_NOT_FINITE,
  /** A body exceeded the runaway speed limit of the simulator configuration. */
  PHYSICS_RUNAWAY
}
