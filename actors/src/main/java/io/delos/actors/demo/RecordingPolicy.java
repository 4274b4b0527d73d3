package io.delos.actors.demo;

import io.delos.controllers.Policy;
import io.delos.controllers.plan.Plan;
import io.delos.controllers.plan.RecedingHorizonController;
import io.delos.sim.Snapshot;
import io.delos.sim.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wraps a receding-horizon controller and keeps, for every step, the state it planned from, the
 * plan's predicted observations and how long planning took: the raw material of the report's
 * animations, model-error figures and planning rates.
 *
 * <p>Threading: called by one planning thread at a time (a controller actor's); the recorded list
 * is synchronized for reading from another thread after the episode.
 */
final class RecordingPolicy implements Policy {
  /**
   * One planning step.
   *
   * @param observation the observation planned from
   * @param snapshot the exact simulator state, when the robot sent it
   * @param predicted the plan's predicted observations {@code [horizon, n]}, possibly empty
   * @param planNanos wall time of the planning call
   * @param replanned whether this step ran the planner (false when a plan was reused)
   */
  record Step(
      double[] observation,
      Snapshot snapshot,
      double[] predicted,
      long planNanos,
      boolean replanned) {}

  private final RecedingHorizonController controller;
  private final List<Step> steps = Collections.synchronizedList(new ArrayList<>());
  private Plan lastSeen;

  RecordingPolicy(RecedingHorizonController controller) {
    this.controller = controller;
  }

  @Override
  public double[] act(State state) {
    long t0 = System.nanoTime();
    double[] action = controller.act(state);
    long took = System.nanoTime() - t0;
    Plan plan = controller.lastPlan();
    boolean replanned = plan != lastSeen;
    lastSeen = plan;
    steps.add(
        new Step(
            state.observation().toArray(),
            state.exact(),
            plan == null ? new double[0] : plan.predicted().toArray(),
            took,
            replanned));
    return action;
  }

  @Override
  public void reset() {
    controller.reset();
    lastSeen = null;
  }

  /** A copy of the recorded steps. */
  List<Step> steps() {
    synchronized (steps) {
      return List.copyOf(steps);
    }
  }
}
