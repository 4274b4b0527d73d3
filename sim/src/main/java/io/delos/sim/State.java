package io.delos.sim;

import java.util.Objects;

/**
 * A start state for planning: the observation a model sees, and, where the simulator itself plans,
 * the exact snapshot behind it.
 *
 * @param observation the observation vector
 * @param exact the exact simulator state, or {@code null} when only the observation is known
 */
public record State(Vec observation, Snapshot exact) {
  /** Validates the state. */
  public State {
    Objects.requireNonNull(observation, "observation");
  }

  /** A state known only by its observation. */
  public static State of(double... observation) {
    return new State(Vec.of(observation), null);
  }
}
