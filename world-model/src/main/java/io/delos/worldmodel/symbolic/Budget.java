package io.delos.worldmodel.symbolic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How much a search may still spend: a wall-clock deadline, a count of expression evaluations (one
 * evaluation is one expression over one data set, with or without its Jacobian), and a cancellation
 * flag. Slices share the evaluation count and the flag and may only end earlier.
 *
 * <p>Threading: safe for concurrent use. A budget of thread CPU time ({@link #ofThreadCpuTime})
 * counts the time of the thread that created it, whichever thread asks.
 */
public final class Budget {
  private final LongSupplier nanoTime;
  private final long deadlineNanos;
  private final long maxEvaluations;
  private final AtomicLong evaluations;
  private final Cancellation cancellation;
  private final long totalNanos;

  private Budget(
      LongSupplier nanoTime,
      long deadlineNanos,
      long maxEvaluations,
      AtomicLong evaluations,
      Cancellation cancellation,
      long totalNanos) {
    this.totalNanos = totalNanos;
    this.nanoTime = nanoTime;
    this.deadlineNanos = deadlineNanos;
    this.maxEvaluations = maxEvaluations;
    this.evaluations = evaluations;
    this.cancellation = cancellation;
  }

  /**
   * A budget starting now.
   *
   * @param time wall-clock time allowed, > 0
   * @param maxEvaluations expression evaluations allowed, > 0 ({@link Long#MAX_VALUE} for no limit)
   * @param cancellation flag polled by the search, or {@code null}
   * @throws IllegalArgumentException when a limit is not positive
   */
  public static Budget of(Duration time, long maxEvaluations, Cancellation cancellation) {
    return of(time, maxEvaluations, cancellation, System::nanoTime);
  }

  /**
   * A budget of CPU time of the calling thread rather than wall-clock time, so that a run's budget
   * does not shrink when other processes share the machine. Only meaningful for work done on the
   * calling thread (a ScaleSR or GP run is single-threaded).
   *
   * @param time CPU time of this thread allowed, > 0
   * @param maxEvaluations expression evaluations allowed, > 0
   * @param cancellation flag polled by the search, or {@code null}
   * @throws UnsupportedOperationException when the JVM cannot measure thread CPU time
   */
  public static Budget ofThreadCpuTime(
      Duration time, long maxEvaluations, Cancellation cancellation) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!bean.isCurrentThreadCpuTimeSupported()) {
      throw new UnsupportedOperationException("this JVM cannot measure thread CPU time");
    }
    if (!bean.isThreadCpuTimeEnabled()) {
      bean.setThreadCpuTimeEnabled(true);
    }
    long thread = Thread.currentThread().getId();
    return of(
        time, maxEvaluations, cancellation, new CachedClock(() -> bean.getThreadCpuTime(thread)));
  }

  static Budget of(
      Duration time, long maxEvaluations, Cancellation cancellation, LongSupplier nanoTime) {
    if (time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException("time = " + time + ": must be > 0");
    }
    if (maxEvaluations <= 0) {
      throw new IllegalArgumentException("maxEvaluations = " + maxEvaluations + ": must be > 0");
    }
    long now = nanoTime.getAsLong();
    long nanos = time.toNanos();
    long deadline = Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
    return new Budget(
        nanoTime,
        deadline,
        maxEvaluations,
        new AtomicLong(),
        cancellation == null ? new Cancellation() : cancellation,
        nanos);
  }

  /** A budget without limits (about 292 years), for tests and one-off fits. */
  public static Budget unlimited() {
    return of(Duration.ofNanos(Long.MAX_VALUE), Long.MAX_VALUE, null);
  }

  /**
   * A slice ending after {@code fraction} of the time left (or at this budget's deadline, whichever
   * is first), sharing evaluations and cancellation.
   *
   * @param fraction in (0, 1]
   */
  public Budget slice(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction = " + fraction + ": allowed (0, 1]");
    }
    long now = nanoTime.getAsLong();
    long left = Math.max(0, deadlineNanos - now);
    long end = now + (long) (left * fraction);
    return new Budget(
        nanoTime,
        Math.min(end, deadlineNanos),
        maxEvaluations,
        evaluations,
        cancellation,
        totalNanos);
  }

  /**
   * A fresh budget on the same clock, starting now and lasting {@code fraction} of this budget's
   * original time, with no evaluation limit but this budget's cancellation: for bounded clean-up
   * after a search has spent its budget.
   *
   * @param fraction in (0, 1]
   */
  public Budget grace(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction = " + fraction + ": allowed (0, 1]");
    }
    long now = nanoTime.getAsLong();
    long nanos = (long) (totalNanos * fraction);
    long end = Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
    return new Budget(nanoTime, end, Long.MAX_VALUE, new AtomicLong(), cancellation, nanos);
  }

  /** A slice ending after at most {@code time}, sharing evaluations and cancellation. */
  public Budget slice(Duration time) {
    long now = nanoTime.getAsLong();
    long nanos = Math.max(0, time.toNanos());
    long end = Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
    return new Budget(
        nanoTime,
        Math.min(end, deadlineNanos),
        maxEvaluations,
        evaluations,
        cancellation,
        totalNanos);
  }

  /**
   * A slow clock read at most once per {@link #REFRESH_NANOS} of wall-clock time; in between it
   * returns the last reading, so polling it in inner loops stays cheap.
   */
  private static final class CachedClock implements LongSupplier {
    private static final long REFRESH_NANOS = 1_000_000;
    private final LongSupplier slow;
    private volatile long lastWall = Long.MIN_VALUE;
    private volatile long lastValue;

    CachedClock(LongSupplier slow) {
      this.slow = slow;
    }

    @Override
    public long getAsLong() {
      long wall = System.nanoTime();
      if (lastWall == Long.MIN_VALUE || wall - lastWall >= REFRESH_NANOS) {
        lastValue = slow.getAsLong();
        lastWall = wall;
      }
      return lastValue;
    }
  }

  /** True when time or evaluations are spent or the search was cancelled. */
  public boolean exhausted() {
    return cancellation.isCancelled()
        || evaluations.get() >= maxEvaluations
        || nanoTime.getAsLong() >= deadlineNanos;
  }

  /** True when the search was cancelled. */
  public boolean cancelled() {
    return cancellation.isCancelled();
  }

  /** Records {@code n} expression evaluations. */
  public void count(long n) {
    evaluations.addAndGet(n);
  }

  /** Expression evaluations recorded so far (shared by all slices). */
  public long evaluations() {
    return evaluations.get();
  }

  /** Time left before the deadline, zero when past it. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - nanoTime.getAsLong()));
  }

  /** The cancellation flag this budget polls. */
  public Cancellation cancellation() {
    return cancellation;
  }
}
