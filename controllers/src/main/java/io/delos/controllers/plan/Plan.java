package io.delos.controllers.plan;

import io.delos.sim.Vec;
import java.util.Objects;

/**
 * The result of one planning call.
 *
 * @param actions planned actions {@code [horizon, actionSize]}, row-major
 * @param predicted the model's predicted observations under those actions {@code [horizon,
 *     observationSize]}, row-major (empty when the planner did not keep them)
 * @param cost the plan's cost under the model
 * @param status why planning stopped
 * @param iterations optimiser iterations run
 * @param horizon number of steps
 */
public record Plan(
    Vec actions, Vec predicted, double cost, PlanStatus status, int iterations, int horizon) {
  /** Validates the plan. */
  public Plan {
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(status, "status");
    if (horizon < 1 || actions.size() % horizon != 0) {
      throw new IllegalArgumentException(
          "plan of " + actions.size() + " action values over horizon " + horizon);
    }
  }

  /** The first action, the one a receding-horizon controller applies. */
  public double[] firstAction() {
    int m = actions.size() / horizon;
    double[] u = new double[m];
    for (int j = 0; j < m; j++) {
      u[j] = actions.get(j);
    }
    return u;
  }
}
