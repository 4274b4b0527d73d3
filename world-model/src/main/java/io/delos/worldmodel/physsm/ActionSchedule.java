package io.delos.worldmodel.physsm;

import java.util.Arrays;

/**
 * Actions over time, piecewise constant: entry i applies from {@code time(i)} until the next
 * entry's time (the last one indefinitely). The commands a forecast is conditioned on.
 *
 * <p>Storage: times {@code [count]} in s, strictly increasing; actions {@code [count, actionSize]}
 * row-major. Immutable.
 */
public final class ActionSchedule {
  private final double[] times;
  private final double[] actions;
  private final int actionSize;

  private ActionSchedule(double[] times, double[] actions, int actionSize) {
    this.times = times;
    this.actions = actions;
    this.actionSize = actionSize;
  }

  /**
   * A schedule from arrays, which are copied.
   *
   * @param times {@code [count]}, s, strictly increasing, count >= 1
   * @param actions {@code [count, actionSize]}, finite
   * @param actionSize channels per action, >= 1
   * @throws IllegalArgumentException naming the array, index and value
   */
  public static ActionSchedule of(double[] times, double[] actions, int actionSize) {
    if (times.length < 1 || actionSize < 1 || actions.length != times.length * actionSize) {
      throw new IllegalArgumentException(
          "actions has "
              + actions.length
              + " values: expected count "
              + times.length
              + " (>= 1) x actionSize "
              + actionSize
              + " (>= 1)");
    }
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i]) || (i > 0 && !(times[i] > times[i - 1]))) {
        throw new IllegalArgumentException(
            "times[" + i + "] = " + times[i] + " s: must be finite and increase strictly");
      }
    }
    for (int i = 0; i < actions.length; i++) {
      if (!Double.isFinite(actions[i])) {
        throw new IllegalArgumentException("actions[" + i + "] = " + actions[i] + ": not finite");
      }
    }
    return new ActionSchedule(times.clone(), actions.clone(), actionSize);
  }

  /** Channels per action. */
  public int actionSize() {
    return actionSize;
  }

  /** Number of entries. */
  public int count() {
    return times.length;
  }

  /** Time of entry {@code i}, s. */
  public double time(int i) {
    return times[i];
  }

  /** When the schedule starts, s. */
  public double start() {
    return times[0];
  }

  /** The action in force at time {@code t} (the first entry's before it starts). */
  public double[] at(double t) {
    int i = Arrays.binarySearch(times, t);
    if (i < 0) {
      i = Math.max(0, -i - 2);
    }
    return Arrays.copyOfRange(actions, i * actionSize, (i + 1) * actionSize);
  }
}
