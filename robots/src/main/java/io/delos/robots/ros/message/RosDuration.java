package io.delos.robots.ros.message;

/**
 * A ROS {@code duration}: signed 32-bit seconds and nanoseconds.
 *
 * @param secs whole seconds
 * @param nsecs nanoseconds
 */
public record RosDuration(int secs, int nsecs) {
  /** The zero duration. */
  public static final RosDuration ZERO = new RosDuration(0, 0);

  /**
   * The duration of {@code seconds}, rounded to the nearest nanosecond, with {@code nsecs} of the
   * same sign as {@code secs}.
   *
   * @param seconds a finite number of seconds within the int32 range
   */
  public static RosDuration fromSeconds(double seconds) {
    if (!(Math.abs(seconds) < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "seconds = " + seconds + ": must be a finite number within ±2^31 s");
    }
    long totalNanos = Math.round(seconds * 1e9);
    return new RosDuration(
        (int) (totalNanos / 1_000_000_000L), (int) (totalNanos % 1_000_000_000L));
  }

  /** The duration in seconds. */
  public double toSeconds() {
    return secs + nsecs * 1e-9;
  }
}
