package io.delos.sim;

/**
 * The complete state of an environment at one instant, opaque to its users.
 *
 * <p>Restoring a snapshot and stepping gives bit for bit the same result as stepping the original.
 * A snapshot belongs to the kind of environment that made it; restoring it elsewhere fails with
 * {@link IllegalArgumentException}. Snapshots are immutable and may be shared between threads.
 */
public interface Snapshot {
  /** Simulated time of the snapshot, in seconds since the reset. */
  double time();
}
