package io.delos.controllers.plan;

/** How a planning call ended. */
public enum PlanStatus {
  /** The optimiser's improvement fell below its tolerance. */
  CONVERGED,
  /** The time budget (or iteration limit) ran out; the plan is the best found so far. */
  BUDGET_HIT,
  /** Every candidate was infeasible (non-finite cost); the plan holds the safe fallback. */
  INFEASIBLE
}
