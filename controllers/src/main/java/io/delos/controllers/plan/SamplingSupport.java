package io.delos.controllers.plan;

import io.delos.sim.Space;
import io.delos.sim.State;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/** Pieces shared by the sampling planners (MPPI, CEM). */
public final class SamplingSupport {
  private SamplingSupport() {}

  /** {@code count} references to the same start state, for a batched rollout. */
  public static List<State> repeat(State start, int count) {
    return Collections.nCopies(count, start);
  }

  /** Clips every action of {@code seq} ({@code [.., m]} row-major) into the space's bounds. */
  public static void clip(double[] seq, Space actions) {
    int m = actions.size();
    double[] lo = actions.lows();
    double[] hi = actions.highs();
    for (int i = 0; i < seq.length; i++) {
      int j = i % m;
      seq[i] = Math.max(lo[j], Math.min(hi[j], seq[i]));
    }
  }

  /** Half the width of each action channel's range (1 for an unbounded channel). */
  public static double[] halfRanges(Space actions) {
    double[] lo = actions.lows();
    double[] hi = actions.highs();
    double[] out = new double[lo.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = Double.isFinite(lo[j]) && Double.isFinite(hi[j]) ? (hi[j] - lo[j]) / 2 : 1;
    }
    return out;
  }

  /**
   * The planner's starting action: {@code initial} when given (clipped into the bounds), else the
   * action closest to zero within the bounds.
   *
   * @throws IllegalArgumentException when {@code initial} has the wrong length
   */
  public static double[] startingAction(Space actions, java.util.List<Double> initial) {
    if (initial.isEmpty()) {
      return restingAction(actions);
    }
    if (initial.size() != actions.size()) {
      throw new IllegalArgumentException(
          "initialAction has "
              + initial.size()
              + " values: expected "
              + actions.size()
              + " "
              + actions.names());
    }
    double[] out = new double[initial.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.max(actions.lows()[j], Math.min(actions.highs()[j], initial.get(j)));
    }
    return out;
  }

  /** The action closest to zero within the bounds: the resting action. */
  public static double[] restingAction(Space actions) {
    double[] lo = actions.lows();
    double[] hi = actions.highs();
    double[] out = new double[lo.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.max(lo[j], Math.min(hi[j], 0));
    }
    return out;
  }

  /**
   * Shifts a plan one step earlier, repeating its last action at the end.
   *
   * @param plan {@code [horizon, m]}, modified in place
   * @param m actions per step
   */
  public static void shift(double[] plan, int m) {
    int horizon = plan.length / m;
    if (horizon < 2) {
      return;
    }
    System.arraycopy(plan, m, plan, 0, (horizon - 1) * m);
  }

  /**
   * A centred moving average along time, per channel, over {@code window} steps (odd, >= 1).
   *
   * @param plan {@code [horizon, m]}, replaced by its smoothed values
   */
  public static void smooth(double[] plan, int m, int window) {
    if (window <= 1) {
      return;
    }
    int horizon = plan.length / m;
    int half = window / 2;
    double[] out = new double[plan.length];
    for (int j = 0; j < m; j++) {
      for (int h = 0; h < horizon; h++) {
        double sum = 0;
        int n = 0;
        for (int d = -half; d <= half; d++) {
          int t = h + d;
          if (t >= 0 && t < horizon) {
            sum += plan[t * m + j];
            n++;
          }
        }
        out[h * m + j] = sum / n;
      }
    }
    System.arraycopy(out, 0, plan, 0, plan.length);
  }

  /** True when {@code deadlineNanos} has passed on {@code clock}. */
  public static boolean expired(LongSupplier clock, long deadlineNanos) {
    return clock.getAsLong() - deadlineNanos >= 0;
  }
}
