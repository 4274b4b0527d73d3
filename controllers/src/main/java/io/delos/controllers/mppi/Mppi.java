package io.delos.controllers.mppi;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.plan.Plan;
import io.delos.controllers.plan.PlanStatus;
import io.delos.controllers.plan.Planner;
import io.delos.controllers.plan.SamplingSupport;
import io.delos.sim.Dynamics;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.Vec;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Model predictive path integral control (Williams et al., "Information theoretic MPC for
 * model-based reinforcement learning", ICRA 2017, Algorithm 2), planning through any {@link
 * Dynamics}.
 *
 * <p>Each iteration perturbs the nominal sequence U with time-correlated noise, rolls every sample
 * out in one batched call, and moves U to the cost-weighted average of the samples:
 *
 * <pre>
 *   S̃ₖ = (Sₖ − min S) / (max S − min S)        (costs normalised per iteration)
 *   wₖ = exp(−S̃ₖ / λ) / Σⱼ exp(−S̃ⱼ / λ)
 *   U ← smooth(Σₖ wₖ Uₖ)
 * </pre>
 *
 * The nominal sequence itself and, optionally, the resting sequence are always among the samples,
 * so an iteration can only move towards something it has evaluated.
 */
public final class Mppi implements Planner {
  private final Dynamics dynamics;
  private final CostFunction cost;
  private final Space actions;
  private final MppiSettings settings;
  private final LongSupplier clock;
  private final SplittableRandom random;
  private final double[] std;
  private final double[] resting;
  private final double[] nominal;
  private final int m;
  private final int n;

  /**
   * Creates the planner.
   *
   * @param dynamics the model to plan through
   * @param cost the task's cost
   * @param actions the action space (bounds)
   * @param settings tunable numbers
   * @param clock nanosecond clock for budgets (System::nanoTime in production)
   */
  public Mppi(
      Dynamics dynamics,
      CostFunction cost,
      Space actions,
      MppiSettings settings,
      LongSupplier clock) {
    if (dynamics.actionSize() != actions.size() || cost.actionSize() != actions.size()) {
      throw new IllegalArgumentException(
          "model has "
              + dynamics.actionSize()
              + " actions, cost "
              + cost.actionSize()
              + ", space "
              + actions.size()
              + ": they must agree");
    }
    if (dynamics.observationSize() != cost.observationSize()) {
      throw new IllegalArgumentException(
          "model predicts "
              + dynamics.observationSize()
              + " observation channels, cost expects "
              + cost.observationSize());
    }
    this.dynamics = dynamics;
    this.cost = cost;
    this.actions = actions;
    this.settings = settings;
    this.clock = clock;
    this.random = new SplittableRandom(settings.seed());
    this.m = actions.size();
    this.n = dynamics.observationSize();
    double[] half = SamplingSupport.halfRanges(actions);
    this.std = new double[m];
    for (int j = 0; j < m; j++) {
      std[j] = settings.noiseStd() * half[j];
    }
    this.resting = SamplingSupport.startingAction(actions, settings.initialAction());
    this.nominal = new double[settings.horizon() * m];
    reset();
  }

  @Override
  public void reset() {
    int horizon = settings.horizon();
    for (int h = 0; h < horizon; h++) {
      System.arraycopy(resting, 0, nominal, h * m, m);
    }
  }

  @Override
  public void shift() {
    SamplingSupport.shift(nominal, m);
  }

  /** The current nominal sequence {@code [horizon, actionSize]}, a copy. */
  public double[] nominal() {
    return nominal.clone();
  }

  @Override
  public Plan plan(State start, Duration budget) {
    int k = settings.samples();
    int horizon = settings.horizon();
    int len = horizon * m;
    long deadline = clock.getAsLong() + budget.toNanos();
    double[] noise = new double[k * len];
    double[] samples = new double[k * len];
    double previous = Double.NaN;
    PlanStatus status = PlanStatus.BUDGET_HIT;
    int iterations = 0;
    List<State> starts = SamplingSupport.repeat(start, k);
    for (int it = 0; it < settings.iterations(); it++) {
      settings.noise().sample(random, k, horizon, std, noise);
      int special = 0;
      System.arraycopy(nominal, 0, samples, 0, len); // sample 0: the nominal itself
      special++;
      if (settings.zeroSample() && k > 2) {
        for (int h = 0; h < horizon; h++) {
          System.arraycopy(resting, 0, samples, len + h * m, m);
        }
        special++;
      }
      for (int s = special; s < k; s++) {
        for (int i = 0; i < len; i++) {
          samples[s * len + i] = nominal[i] + noise[s * len + i];
        }
      }
      SamplingSupport.clip(samples, actions);
      double[] predicted;
      try {
        predicted = dynamics.rollout(starts, horizon, samples);
      } catch (RuntimeException e) {
        return fallback(horizon, iterations, "model failed: " + e);
      }
      double[] costs = cost.evaluate(k, horizon, predicted, samples);
      iterations++;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double c : costs) {
        if (Double.isFinite(c)) {
          min = Math.min(min, c);
          max = Math.max(max, c);
        }
      }
      if (!Double.isFinite(min)) {
        return fallback(horizon, iterations, "every sample's cost is not finite");
      }
      double spread = Math.max(max - min, 1e-12);
      double[] w = new double[k];
      double total = 0;
      for (int s = 0; s < k; s++) {
        w[s] =
            Double.isFinite(costs[s])
                ? Math.exp(-((costs[s] - min) / spread) / settings.temperature())
                : 0;
        total += w[s];
      }
      java.util.Arrays.fill(nominal, 0);
      for (int s = 0; s < k; s++) {
        double ws = w[s] / total;
        if (ws == 0) {
          continue;
        }
        for (int i = 0; i < len; i++) {
          nominal[i] += ws * samples[s * len + i];
        }
      }
      SamplingSupport.smooth(nominal, m, settings.smoothingWindow());
      SamplingSupport.clip(nominal, actions);
      double nominalCost = costs[0];
      if (Double.isFinite(previous)
          && Math.abs(previous - nominalCost)
              <= settings.tolerance() * Math.max(1, Math.abs(nominalCost))) {
        status = PlanStatus.CONVERGED;
        break;
      }
      previous = nominalCost;
      if (SamplingSupport.expired(clock, deadline)) {
        break;
      }
    }
    double[] finalPrediction = dynamics.rollout(List.of(start), horizon, nominal.clone());
    double finalCost = cost.evaluate(1, horizon, finalPrediction, nominal)[0];
    return new Plan(
        Vec.of(nominal), Vec.of(finalPrediction), finalCost, status, iterations, horizon);
  }

  private Plan fallback(int horizon, int iterations, String why) {
    reset();
    return new Plan(
        Vec.of(nominal),
        Vec.of(new double[0]),
        Double.POSITIVE_INFINITY,
        PlanStatus.INFEASIBLE,
        iterations,
        horizon);
  }
}
