package io.delos.sim;

/**
 * Bit flags carried by each row of a {@link Trajectory}.
 *
 * <p>A row holds the observation at its time, the action applied from that time, and the reward of
 * that control step. The flags say where the row sits in its episode.
 */
public final class StepFlags {
  /** No flag set. */
  public static final int NONE = 0;

  /** The row's observation is the first of an episode (after a reset). */
  public static final int RESET = 1;

  /** The episode ended after this row's step because the task reached a terminal state. */
  public static final int TERMINATED = 1 << 1;

  /** The episode ended after this row's step because of a time limit or an outside stop. */
  public static final int TRUNCATED = 1 << 2;

  /**
   * The episode ended after this row's step because the simulation or the robot failed (a physics
   * blow-up, a crashed actor, a lost connection). The failure reason is kept beside the trajectory.
   */
  public static final int FAILED = 1 << 3;

  /** Every defined bit. */
  public static final int ALL = RESET | TERMINATED | TRUNCATED | FAILED;

  private StepFlags() {}

  /** True when {@code flags} ends an episode (terminated, truncated or failed). */
  public static boolean endsEpisode(int flags) {
    return (flags & (TERMINATED | TRUNCATED | FAILED)) != 0;
  }

  /** True when every bit of {@code flag} is set in {@code flags}. */
  public static boolean has(int flags, int flag) {
    return (flags & flag) == flag;
  }

  /**
   * Rejects bits that are not defined.
   *
   * @throws IllegalArgumentException naming the value and the allowed bits
   */
  public static int requireValid(int flags) {
    if ((flags & ~ALL) != 0) {
      throw new IllegalArgumentException(
          "flags = " + flags + ": only bits RESET=1, TERMINATED=2, TRUNCATED=4, FAILED=8 exist");
    }
    return flags;
  }
}
