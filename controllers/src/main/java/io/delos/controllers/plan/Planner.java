package io.delos.controllers.plan;

import io.delos.sim.State;
import java.time.Duration;

/**
 * A trajectory optimiser over a model: anytime, warm-started from its previous plan.
 *
 * <p>Threading: holds its warm start; confined to one thread (one controller actor).
 */
public interface Planner {
  /**
   * Plans from {@code start}.
   *
   * @param start the current state
   * @param budget wall-clock time allowed; the best plan so far is returned when it runs out
   * @return the plan with its status; never throws on model or solver trouble
   */
  Plan plan(State start, Duration budget);

  /** Moves the warm start one step forward after the first action was applied. */
  void shift();

  /** Forgets the warm start. */
  void reset();
}
