package io.delos.worldmodel.physsm;

import io.delos.sim.Trajectory;
import java.util.Arrays;
import java.util.Objects;

/**
 * One forecasting example on a regular time grid: what was measured (noisy, with some points
 * dropped but their true timestamps kept), optionally the noise-free truth, and the actions.
 *
 * <p>The first {@link #observedSteps()} grid points form the observed window; the rest is the
 * forecast window. A model reads only the kept, noisy points of the observed window; the actions
 * are known over the whole grid (they are commands, not measurements).
 *
 * <p>Storage is row-major: observations {@code [time, observationSize]}, actions {@code [time,
 * actionSize]}. Instances are immutable.
 */
public final class ForecastWindow {
  private final double[] times;
  private final double[] measured;
  private final double[] truth;
  private final boolean[] kept;
  private final double[] actions;
  private final int observedSteps;
  private final int observationSize;
  private final int actionSize;

  private ForecastWindow(
      double[] times,
      double[] measured,
      double[] truth,
      boolean[] kept,
      double[] actions,
      int observedSteps,
      int observationSize,
      int actionSize) {
    this.times = times;
    this.measured = measured;
    this.truth = truth;
    this.kept = kept;
    this.actions = actions;
    this.observedSteps = observedSteps;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
  }

  /**
   * Builds a window from arrays, which are copied.
   *
   * @param times grid times {@code [time]}, s, strictly increasing
   * @param measured noisy observations {@code [time, observationSize]}; values at dropped points
   *     are ignored
   * @param truth noise-free observations, same shape, or {@code null} when unknown
   * @param kept which grid points were measured; the first must be
   * @param actions {@code [time, actionSize]}, each applied from its time to the next
   * @param observedSteps grid points in the observed window, in [1, time − 1]
   * @param observationSize channels per observation, >= 1
   * @throws IllegalArgumentException naming the array and the value when shapes or values are bad
   */
  public static ForecastWindow of(
      double[] times,
      double[] measured,
      double[] truth,
      boolean[] kept,
      double[] actions,
      int observedSteps,
      int observationSize) {
    Objects.requireNonNull(times, "times");
    int t = times.length;
    if (t < 2) {
      throw new IllegalArgumentException("times has " + t + " points: need at least 2");
    }
    if (observationSize < 1 || measured.length != t * observationSize) {
      throw new IllegalArgumentException(
          "measured has "
              + measured.length
              + " values: expected time "
              + t
              + " x observationSize "
              + observationSize);
    }
    if (truth != null && truth.length != measured.length) {
      throw new IllegalArgumentException(
          "truth has " + truth.length + " values: expected " + measured.length);
    }
    if (kept.length != t || !kept[0]) {
      throw new IllegalArgumentException(
          "kept has " + kept.length + " flags (need " + t + ") or drops the first point");
    }
    if (actions.length % t != 0 || actions.length == 0) {
      throw new IllegalArgumentException(
          "actions has " + actions.length + " values: expected a multiple of time " + t);
    }
    if (observedSteps < 1 || observedSteps >= t) {
      throw new IllegalArgumentException(
          "observedSteps = " + observedSteps + ": allowed [1, " + (t - 1) + "]");
    }
    for (int k = 1; k < t; k++) {
      if (!(times[k] > times[k - 1])) {
        throw new IllegalArgumentException(
            "times[" + k + "] = " + times[k] + " s: must exceed times[" + (k - 1) + "]");
      }
    }
    return new ForecastWindow(
        times.clone(),
        measured.clone(),
        truth == null ? null : truth.clone(),
        kept.clone(),
        actions.clone(),
        observedSteps,
        observationSize,
        actions.length / t);
  }

  /**
   * Builds a window from trajectories of one episode segment.
   *
   * @param measured the noisy trajectory on the full grid
   * @param truth the noise-free trajectory on the same grid, or {@code null}
   * @param kept the rows of {@code measured} that were kept (for example by {@code
   *     IrregularSampling}), matched to the grid by their exact times
   * @param observedSteps grid points in the observed window
   */
  public static ForecastWindow of(
      Trajectory measured, Trajectory truth, Trajectory kept, int observedSteps) {
    boolean[] flags = new boolean[measured.length()];
    int j = 0;
    for (int k = 0; k < measured.length() && j < kept.length(); k++) {
      if (measured.time(k) == kept.time(j)) {
        flags[k] = true;
        j++;
      }
    }
    if (j != kept.length()) {
      throw new IllegalArgumentException(
          "kept row at time " + kept.time(j) + " s is not a row of the measured trajectory");
    }
    return of(
        measured.times(),
        measured.observations(),
        truth == null ? null : truth.observations(),
        flags,
        measured.actions(),
        observedSteps,
        measured.observationSize());
  }

  /** Number of grid points. */
  public int length() {
    return times.length;
  }

  /** Grid points in the observed window. */
  public int observedSteps() {
    return observedSteps;
  }

  /** Channels per observation. */
  public int observationSize() {
    return observationSize;
  }

  /** Channels per action. */
  public int actionSize() {
    return actionSize;
  }

  /** Time of grid point {@code k}, s. */
  public double time(int k) {
    return times[k];
  }

  /** Whether grid point {@code k} was measured. */
  public boolean kept(int k) {
    return kept[k];
  }

  /** Measured channel {@code c} at grid point {@code k}. */
  public double measured(int k, int c) {
    return measured[k * observationSize + c];
  }

  /** Whether the noise-free truth is known. */
  public boolean hasTruth() {
    return truth != null;
  }

  /**
   * Noise-free channel {@code c} at grid point {@code k}; the measurement when truth is unknown.
   */
  public double truth(int k, int c) {
    return truth != null ? truth[k * observationSize + c] : measured[k * observationSize + c];
  }

  /** Action channel {@code c} at grid point {@code k}. */
  public double action(int k, int c) {
    return actions[k * actionSize + c];
  }

  /** Number of measured points in the observed window. */
  public int observedCount() {
    int count = 0;
    for (int k = 0; k < observedSteps; k++) {
      if (kept[k]) {
        count++;
      }
    }
    return count;
  }

  /** Share of grid points dropped, in [0, 1). */
  public double droppedFraction() {
    int dropped = 0;
    for (boolean k : kept) {
      if (!k) {
        dropped++;
      }
    }
    return dropped / (double) kept.length;
  }

  @Override
  public String toString() {
    return "ForecastWindow["
        + length()
        + " points, "
        + observedSteps
        + " observed, "
        + Arrays.toString(new int[] {observationSize, actionSize})
        + "]";
  }
}
