package io.delos.controllers.cem;

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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * The cross-entropy method for trajectory optimisation (Rubinstein and Kroese, "The Cross-Entropy
 * Method", 2004; its planning form as in PETS, Chua et al. 2018, and iCEM, Pinneri et al. 2020):
 * sample action sequences from a diagonal Gaussian, keep the elites, refit with momentum:
 *
 * <pre>
 *   Uₖ = clip(μ + σ ⊙ εₖ),  εₖ time-correlated unit noise
 *   μ ← α μ + (1 − α) mean(elites),  σ ← α σ + (1 − α) std(elites)
 * </pre>
 *
 * The best sequence ever evaluated is what the plan returns. Rollouts of one iteration are one
 * batched model call.
 */
public final class Cem implements Planner {
  private final Dynamics dynamics;
  private final CostFunction cost;
  private final Space actions;
  private final CemSettings settings;
  private final LongSupplier clock;
  private final SplittableRandom random;
  private final double[] half;
  private final double[] mean;
  private double[] carried = new double[0];
  private final int m;

  /**
   * Creates the planner.
   *
   * @param dynamics the model to plan through
   * @param cost the task's cost
   * @param actions the action space (bounds)
   * @param settings tunable numbers
   * @param clock nanosecond clock for budgets
   */
  public Cem(
      Dynamics dynamics,
      CostFunction cost,
      Space actions,
      CemSettings settings,
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
    this.dynamics = dynamics;
    this.cost = cost;
    this.actions = actions;
    this.settings = settings;
    this.clock = clock;
    this.random = new SplittableRandom(settings.seed());
    this.m = actions.size();
    this.half = SamplingSupport.halfRanges(actions);
    this.mean = new double[settings.horizon() * m];
    reset();
  }

  @Override
  public void reset() {
    double[] rest = SamplingSupport.startingAction(actions, settings.initialAction());
    for (int h = 0; h < settings.horizon(); h++) {
      System.arraycopy(rest, 0, mean, h * m, m);
    }
    carried = new double[0];
  }

  @Override
  public void shift() {
    SamplingSupport.shift(mean, m);
    for (int e = 0; e < carried.length / mean.length; e++) {
      double[] one = Arrays.copyOfRange(carried, e * mean.length, (e + 1) * mean.length);
      SamplingSupport.shift(one, m);
      System.arraycopy(one, 0, carried, e * mean.length, mean.length);
    }
  }

  @Override
  public Plan plan(State start, Duration budget) {
    int k = settings.samples();
    int horizon = settings.horizon();
    int len = horizon * m;
    long deadline = clock.getAsLong() + budget.toNanos();
    double[] std = new double[len];
    for (int i = 0; i < len; i++) {
      std[i] = settings.initialStd() * half[i % m];
    }
    double[] noise = new double[k * len];
    double[] samples = new double[k * len];
    double[] unit = new double[m];
    Arrays.fill(unit, 1);
    double[] best = mean.clone();
    double bestCost = Double.POSITIVE_INFINITY;
    PlanStatus status = PlanStatus.BUDGET_HIT;
    int iterations = 0;
    List<State> starts = SamplingSupport.repeat(start, k);
    for (int it = 0; it < settings.iterations(); it++) {
      settings.noise().sample(random, k, horizon, unit, noise);
      System.arraycopy(mean, 0, samples, 0, len);
      int fixed = 1;
      int carry = Math.min(carried.length / len, k - 1);
      System.arraycopy(carried, 0, samples, len, carry * len);
      fixed += carry;
      for (int s = fixed; s < k; s++) {
        for (int i = 0; i < len; i++) {
          samples[s * len + i] = mean[i] + std[i] * noise[s * len + i];
        }
      }
      SamplingSupport.clip(samples, actions);
      double[] predicted;
      try {
        predicted = dynamics.rollout(starts, horizon, samples);
      } catch (RuntimeException e) {
        break;
      }
      double[] costs = cost.evaluate(k, horizon, predicted, samples);
      iterations++;
      Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(s -> costs[s]));
      if (!Double.isFinite(costs[order[0]])) {
        break;
      }
      if (costs[order[0]] < bestCost) {
        bestCost = costs[order[0]];
        System.arraycopy(samples, order[0] * len, best, 0, len);
      }
      int e = settings.elites();
      double alpha = settings.momentum();
      boolean narrow = true;
      for (int i = 0; i < len; i++) {
        double mu = 0;
        for (int r = 0; r < e; r++) {
          mu += samples[order[r] * len + i];
        }
        mu /= e;
        double var = 0;
        for (int r = 0; r < e; r++) {
          double d = samples[order[r] * len + i] - mu;
          var += d * d;
        }
        double sd = Math.sqrt(var / e);
        mean[i] = alpha * mean[i] + (1 - alpha) * mu;
        std[i] = alpha * std[i] + (1 - alpha) * sd;
        narrow &= std[i] < settings.minStd() * half[i % m];
      }
      carried = new double[settings.keepElites() * len];
      for (int r = 0; r < settings.keepElites(); r++) {
        System.arraycopy(samples, order[r] * len, carried, r * len, len);
      }
      if (narrow) {
        status = PlanStatus.CONVERGED;
        break;
      }
      if (SamplingSupport.expired(clock, deadline)) {
        break;
      }
    }
    if (!Double.isFinite(bestCost)) {
      reset();
      return new Plan(
          Vec.of(mean),
          Vec.of(new double[0]),
          Double.POSITIVE_INFINITY,
          PlanStatus.INFEASIBLE,
          iterations,
          horizon);
    }
    // The executed sequence is the best one found; the mean keeps exploring from it next time.
    System.arraycopy(best, 0, mean, 0, len);
    double[] predicted = dynamics.rollout(List.of(start), horizon, best.clone());
    return new Plan(Vec.of(best), Vec.of(predicted), bestCost, status, iterations, horizon);
  }
}
