package io.delos.controllers.plan;

import io.delos.controllers.Policy;
import io.delos.sim.State;
import java.time.Duration;
import java.util.Objects;

/**
 * Model-predictive control: plan from the current state, apply the first action, shift the plan as
 * the next warm start, repeat.
 */
public final class RecedingHorizonController implements Policy {
  private final Planner planner;
  private final Duration budget;
  private Plan last;

  /**
   * Wraps a planner.
   *
   * @param planner the optimiser
   * @param budget planning time per control step
   */
  public RecedingHorizonController(Planner planner, Duration budget) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  @Override
  public double[] act(State state) {
    last = planner.plan(state, budget);
    planner.shift();
    return last.firstAction();
  }

  /** The last plan made, or null. */
  public Plan lastPlan() {
    return last;
  }

  @Override
  public void reset() {
    planner.reset();
    last = null;
  }
}
