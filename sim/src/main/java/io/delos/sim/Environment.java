package io.delos.sim;

/**
 * A robot system as a Gymnasium-style environment.
 *
 * <p>Threading: an environment is confined to one thread at a time; it may move between threads
 * when the hand-over is safely published (as an executor or an actor does).
 */
public interface Environment extends AutoCloseable {
  /** Layout of the observations. */
  Space observationSpace();

  /** Layout of the actions; out-of-bounds actions are clipped to it. */
  Space actionSpace();

  /** Control period, in seconds (0.02 at the default 50 Hz). */
  double controlPeriod();

  /**
   * Starts a new episode.
   *
   * @param seed seeds every random choice of the episode (initial state, noise)
   * @return the first observation
   */
  Vec reset(long seed);

  /**
   * Applies {@code action} for one control period.
   *
   * @param action {@link #actionSpace()} values; clipped to the bounds
   * @return the observation, reward and end flags after the step
   * @throws IllegalArgumentException when the action has the wrong length or a non-finite value
   * @throws IllegalStateException when called before {@link #reset} or after the episode ended
   */
  StepResult step(double[] action);

  /** Simulated time since the last reset, in seconds. */
  double time();

  /** Captures the complete state, for exact restore. */
  Snapshot snapshot();

  /**
   * Puts the environment back into the state of {@code snapshot}.
   *
   * @throws IllegalArgumentException when the snapshot came from another kind of environment
   */
  void restore(Snapshot snapshot);

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
