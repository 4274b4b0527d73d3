package io.delos.worldmodel.symbolic;

/**
 * A flag a caller sets to stop a running search early; the search then returns the best it has.
 *
 * <p>Threading: safe to set from any thread; the search polls it.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Asks the search to stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  /** True once {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }
}
