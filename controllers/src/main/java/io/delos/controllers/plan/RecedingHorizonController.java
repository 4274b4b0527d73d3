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
  private final int replanEvery;
  private Plan last;
  private int sincePlan;

  /**
   * Wraps a planner.
   *
   * @param planner the optimiser
   * @param budget planning time per control step
   */
  public RecedingHorizonController(Planner planner, Duration budget) {
    this(planner, budget, 1);
  }

  /**
   * Wraps a planner that replans every {@code replanEvery} steps.
   *
   * @param planner the optimiser
   * @param budget planning time per planning call
   * @param replanEvery control steps between planning calls, >= 1 and below the horizon
   */
  public RecedingHorizonController(Planner planner, Duration budget, int replanEvery) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.budget = Objects.requireNonNull(budget, "budget");
    if (replanEvery < 1) {
      throw new IllegalArgumentException("replanEvery = " + replanEvery + ": must be >= 1");
    }
    this.replanEvery = replanEvery;
  }

  @Override
  public double[] act(State state) {
    if (last == null || sincePlan >= replanEvery || sincePlan >= last.horizon()) {
      last = planner.plan(state, budget);
      sincePlan = 0;
    }
    int m = last.actions().size() / last.horizon();
    double[] u = new double[m];
    for (int j = 0; j < m; j++) {
      u[j] = last.actions().get(sincePlan * m + j);
    }
    sincePlan++;
    planner.shift();
    return u;
  }

  /** The last plan made, or null. */
  public Plan lastPlan() {
    return last;
  }

  @Override
  public void reset() {
    planner.reset();
    last = null;
    sincePlan = 0;
  }
}
