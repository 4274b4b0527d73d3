package io.delos.robots.dataset;

import io.delos.robots.catalogue.RobotSystem;
import java.util.List;
import java.util.Objects;

/**
 * What to collect.
 *
 * @param systems the systems to roll out, in manifest order; each episode runs the system's default
 *     task without its termination conditions, for {@code steps} steps
 * @param policy the exploration policy
 * @param episodes episodes per system, >= 1
 * @param steps control steps per episode, >= 1 (fewer only when the physics fails)
 * @param seed base seed; episode e of system s draws from seeds derived from (seed, s, e)
 * @param episodesPerShard episodes per shard file, >= 1
 * @param doublePrecision store observations, actions and rewards as float64 instead of float32
 */
public record CollectionSettings(
    List<RobotSystem> systems,
    PolicySpec policy,
    int episodes,
    int steps,
    long seed,
    int episodesPerShard,
    boolean doublePrecision) {
  /** Validates the settings. */
  public CollectionSettings {
    systems = List.copyOf(systems);
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("systems is empty: name at least one system");
    }
    if (systems.stream().map(RobotSystem::id).distinct().count() != systems.size()) {
      throw new IllegalArgumentException("systems lists a system twice");
    }
    Objects.requireNonNull(policy, "policy");
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes = " + episodes + ": must be >= 1");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps = " + steps + ": must be >= 1");
    }
    if (episodesPerShard < 1) {
      throw new IllegalArgumentException(
          "episodesPerShard = " + episodesPerShard + ": must be >= 1");
    }
    if (Math.abs(seed) > (1L << 53)) {
      throw new IllegalArgumentException(
          "seed = " + seed + ": allowed |seed| <= 2^53 (the manifest stores it as a JSON number)");
    }
  }
}
