package io.delos.controllers;

import io.delos.sim.State;

/**
 * Anything that maps the current state to an action: a feedback law, a receding-horizon planner, a
 * learned policy.
 *
 * <p>Threading: implementations hold warm-start state and are confined to one thread (one actor).
 */
public interface Policy {
  /**
   * The action to apply now.
   *
   * @param state the current state
   * @return the action, within the action space
   */
  double[] act(State state);

  /** Forgets anything carried between calls (warm starts, integrators), for a new episode. */
  default void reset() {}
}
