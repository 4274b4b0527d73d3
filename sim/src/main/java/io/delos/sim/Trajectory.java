package io.delos.sim;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sequence of control steps of one robot system.
 *
 * <p>Row {@code k} holds the time {@code t_k} (s), the observation {@code o_k} seen at that time,
 * the action {@code a_k} applied from that time for one control period, the reward {@code r_k} of
 * that step and its {@link StepFlags}. The observation that follows {@code a_k} is row {@code k+1},
 * unless row {@code k} ends the episode. Times increase strictly within an episode; rows may be
 * irregularly spaced when samples were dropped.
 *
 * <p>Storage is row-major: observations {@code [time, observationSize]}, actions {@code [time,
 * actionSize]}.
 */
public final class Trajectory {
  private final String systemId;
  private final int observationSize;
  private final int actionSize;
  private final double[] times;
  private final double[] observations;
  private final double[] actions;
  private final double[] rewards;
  private final int[] flags;

  private Trajectory(
      String systemId,
      int observationSize,
      int actionSize,
      double[] times,
      double[] observations,
      double[] actions,
      double[] rewards,
      int[] flags) {
    this.systemId = systemId;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.times = times;
    this.observations = observations;
    this.actions = actions;
    this.rewards = rewards;
    this.flags = flags;
  }

  /**
   * Builds a trajectory from row-major arrays, which are copied.
   *
   * @throws IllegalArgumentException when lengths disagree, a value is not finite, or flags hold
   *     unknown bits; the message names the array, the row and the value
   */
  public static Trajectory of(
      String systemId,
      int observationSize,
      int actionSize,
      double[] times,
      double[] observations,
      double[] actions,
      double[] rewards,
      int[] flags) {
    Objects.requireNonNull(systemId, "systemId");
    int n = times.length;
    requireLength("observations", observations.length, n * observationSize);
    requireLength("actions", actions.length, n * actionSize);
    requireLength("rewards", rewards.length, n);
    requireLength("flags", flags.length, n);
    requireFinite("times", times);
    requireFinite("observations", observations);
    requireFinite("actions", actions);
    requireFinite("rewards", rewards);
    for (int f : flags) {
      StepFlags.requireValid(f);
    }
    return new Trajectory(
        systemId,
        observationSize,
        actionSize,
        times.clone(),
        observations.clone(),
        actions.clone(),
        rewards.clone(),
        flags.clone());
  }

  private static void requireLength(String what, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          what + " has " + actual + " values: expected " + expected + " for the given rows");
    }
  }

  private static void requireFinite(String what, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            what + "[" + i + "] = " + values[i] + ": must be a finite number");
      }
    }
  }

  /** Starts a builder for a system with the given sizes. */
  public static Builder builder(String systemId, int observationSize, int actionSize) {
    return new Builder(systemId, observationSize, actionSize);
  }

  /** The system this trajectory came from. */
  public String systemId() {
    return systemId;
  }

  /** Number of observation channels. */
  public int observationSize() {
    return observationSize;
  }

  /** Number of action channels. */
  public int actionSize() {
    return actionSize;
  }

  /** Number of rows. */
  public int length() {
    return times.length;
  }

  /** Time of row {@code k}, in seconds. */
  public double time(int k) {
    return times[k];
  }

  /** Observation channel {@code c} of row {@code k}. */
  public double observation(int k, int c) {
    return observations[k * observationSize + c];
  }

  /** Action channel {@code c} of row {@code k}. */
  public double action(int k, int c) {
    return actions[k * actionSize + c];
  }

  /** A copy of the observation of row {@code k}. */
  public double[] observation(int k) {
    return Arrays.copyOfRange(observations, k * observationSize, (k + 1) * observationSize);
  }

  /** A copy of the action of row {@code k}. */
  public double[] action(int k) {
    return Arrays.copyOfRange(actions, k * actionSize, (k + 1) * actionSize);
  }

  /** Reward of row {@code k}. */
  public double reward(int k) {
    return rewards[k];
  }

  /** {@link StepFlags} of row {@code k}. */
  public int flags(int k) {
    return flags[k];
  }

  /** A copy of all times, {@code [time]}, in seconds. */
  public double[] times() {
    return times.clone();
  }

  /** A copy of all observations, row-major {@code [time, observationSize]}. */
  public double[] observations() {
    return observations.clone();
  }

  /** A copy of all actions, row-major {@code [time, actionSize]}. */
  public double[] actions() {
    return actions.clone();
  }

  /** A copy of all rewards, {@code [time]}. */
  public double[] rewards() {
    return rewards.clone();
  }

  /** A copy of all flags, {@code [time]}. */
  public int[] flags() {
    return flags.clone();
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a new trajectory. */
  public Trajectory slice(int from, int to) {
    if (from < 0 || to > length() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice [" + from + ", " + to + ") of a trajectory with " + length() + " rows");
    }
    return new Trajectory(
        systemId,
        observationSize,
        actionSize,
        Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(observations, from * observationSize, to * observationSize),
        Arrays.copyOfRange(actions, from * actionSize, to * actionSize),
        Arrays.copyOfRange(rewards, from, to),
        Arrays.copyOfRange(flags, from, to));
  }

  /** This trajectory followed by {@code next}, which must come from the same system. */
  public Trajectory concat(Trajectory next) {
    if (!systemId.equals(next.systemId)
        || observationSize != next.observationSize
        || actionSize != next.actionSize) {
      throw new IllegalArgumentException(
          "cannot append rows of system '"
              + next.systemId
              + "' ("
              + next.observationSize
              + "x"
              + next.actionSize
              + ") to '"
              + systemId
              + "' ("
              + observationSize
              + "x"
              + actionSize
              + ")");
    }
    return new Trajectory(
        systemId,
        observationSize,
        actionSize,
        join(times, next.times),
        join(observations, next.observations),
        join(actions, next.actions),
        join(rewards, next.rewards),
        joinInts(flags, next.flags));
  }

  private static double[] join(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int[] joinInts(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Sum of all rewards. */
  public double totalReward() {
    double sum = 0;
    for (double r : rewards) {
      sum += r;
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trajectory t
        && systemId.equals(t.systemId)
        && observationSize == t.observationSize
        && actionSize == t.actionSize
        && Arrays.equals(times, t.times)
        && Arrays.equals(observations, t.observations)
        && Arrays.equals(actions, t.actions)
        && Arrays.equals(rewards, t.rewards)
        && Arrays.equals(flags, t.flags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(systemId, Arrays.hashCode(times), Arrays.hashCode(observations));
  }

  @Override
  public String toString() {
    return "Trajectory[" + systemId + ", " + length() + " rows]";
  }

  /** Appends rows one at a time. Not thread-safe. */
  public static final class Builder {
    private final String systemId;
    private final int observationSize;
    private final int actionSize;
    private double[] times = new double[64];
    private double[] observations;
    private double[] actions;
    private double[] rewards = new double[64];
    private int[] flags = new int[64];
    private int rows;

    private Builder(String systemId, int observationSize, int actionSize) {
      this.systemId = Objects.requireNonNull(systemId, "systemId");
      if (observationSize < 0 || actionSize < 0) {
        throw new IllegalArgumentException(
            "sizes " + observationSize + "x" + actionSize + ": must be >= 0");
      }
      this.observationSize = observationSize;
      this.actionSize = actionSize;
      this.observations = new double[64 * observationSize];
      this.actions = new double[64 * actionSize];
    }

    /** Number of rows so far. */
    public int rows() {
      return rows;
    }

    /**
     * Appends one row.
     *
     * @param time seconds
     * @param observation {@code observationSize} finite values
     * @param action {@code actionSize} finite values
     * @param reward finite reward of the step
     * @param stepFlags {@link StepFlags} bits
     * @return this builder
     */
    public Builder add(
        double time, double[] observation, double[] action, double reward, int stepFlags) {
      if (observation.length != observationSize || action.length != actionSize) {
        throw new IllegalArgumentException(
            "row of "
                + observation.length
                + " observations and "
                + action.length
                + " actions: expected "
                + observationSize
                + " and "
                + actionSize);
      }
      if (rows == times.length) {
        int cap = rows * 2;
        times = Arrays.copyOf(times, cap);
        rewards = Arrays.copyOf(rewards, cap);
        flags = Arrays.copyOf(flags, cap);
        observations = Arrays.copyOf(observations, cap * observationSize);
        actions = Arrays.copyOf(actions, cap * actionSize);
      }
      times[rows] = time;
      System.arraycopy(observation, 0, observations, rows * observationSize, observationSize);
      System.arraycopy(action, 0, actions, rows * actionSize, actionSize);
      rewards[rows] = reward;
      flags[rows] = stepFlags;
      rows++;
      return this;
    }

    /** Sets extra flags on the last row (for example when the step after it ended the episode). */
    public Builder markLast(int stepFlags) {
      if (rows == 0) {
        throw new IllegalStateException("no row to mark");
      }
      flags[rows - 1] |= stepFlags;
      return this;
    }

    /** Builds the trajectory, validating every value. */
    public Trajectory build() {
      return Trajectory.of(
          systemId,
          observationSize,
          actionSize,
          Arrays.copyOf(times, rows),
          Arrays.copyOf(observations, rows * observationSize),
          Arrays.copyOf(actions, rows * actionSize),
          Arrays.copyOf(rewards, rows),
          Arrays.copyOf(flags, rows));
    }
  }
}
