package io.delos.robots.ros.message;

import java.time.Clock;
import java.time.Instant;

/**
 * A ROS {@code time}: seconds and nanoseconds since the Unix epoch, each an unsigned 32-bit value
 * on the wire.
 *
 * <p>Values are kept as received; {@code nsecs} above 999,999,999 (which some publishers send) are
 * accepted and counted in {@link #toSeconds()}.
 *
 * @param secs whole seconds since 1970-01-01T00:00:00Z, in [0, 2³²)
 * @param nsecs nanoseconds, in [0, 2³²)
 */
public record RosTime(long secs, long nsecs) implements Comparable<RosTime> {
  /** The zero time, which ROS uses for "no stamp". */
  public static final RosTime ZERO = new RosTime(0, 0);

  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  /** Validates that both parts fit an unsigned 32-bit integer. */
  public RosTime {
    if (secs < 0 || secs > UINT32_MAX) {
      throw new IllegalArgumentException(
          "time.secs = " + secs + ": must be in [0, " + UINT32_MAX + "] (uint32)");
    }
    if (nsecs < 0 || nsecs > UINT32_MAX) {
      throw new IllegalArgumentException(
          "time.nsecs = " + nsecs + ": must be in [0, " + UINT32_MAX + "] (uint32)");
    }
  }

  /**
   * The time {@code seconds} after the epoch, rounded to the nearest nanosecond.
   *
   * @param seconds seconds since the epoch, finite and in [0, 2³²)
   */
  public static RosTime fromSeconds(double seconds) {
    if (!(seconds >= 0 && seconds < UINT32_MAX + 1.0)) {
      throw new IllegalArgumentException(
          "seconds = " + seconds + ": must be a finite number in [0, 2^32) s");
    }
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    if (nanos >= 1_000_000_000L) {
      whole++;
      nanos -= 1_000_000_000L;
    }
    return new RosTime(whole, nanos);
  }

  /** The instant as a ROS time. */
  public static RosTime fromInstant(Instant instant) {
    return new RosTime(instant.getEpochSecond(), instant.getNano());
  }

  /** The current time of {@code clock}. */
  public static RosTime now(Clock clock) {
    return fromInstant(clock.instant());
  }

  /** Seconds since the epoch. */
  public double toSeconds() {
    return secs + nsecs * 1e-9;
  }

  /** True for the zero time. */
  public boolean isZero() {
    return secs == 0 && nsecs == 0;
  }

  @Override
  public int compareTo(RosTime o) {
    long a = secs * 1_000_000_000L + nsecs;
    long b = o.secs * 1_000_000_000L + o.nsecs;
    return Long.compare(a, b);
  }
}
