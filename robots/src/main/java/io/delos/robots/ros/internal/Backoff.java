package io.delos.robots.ros.internal;

import java.time.Duration;

/** Exponential back-off: delays double from a minimum up to a maximum. Not thread-safe. */
public final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private long nextNanos;

  /** A back-off from {@code min} doubling up to {@code max}. */
  public Backoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = minNanos;
  }

  /** The next delay; each call doubles the following one, up to the maximum. */
  public Duration next() {
    long d = nextNanos;
    nextNanos = Math.min(maxNanos, nextNanos * 2);
    return Duration.ofNanos(d);
  }

  /** Starts again from the minimum. */
  public void reset() {
    nextNanos = minNanos;
  }
}
