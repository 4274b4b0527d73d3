package io.delos.actors.robot;

import java.time.Duration;
import java.util.Objects;

/**
 * How a robot-system actor runs.
 *
 * @param pacing real time, lock-step or free-running
 * @param chunkSize rows per trajectory chunk sent to the store, >= 1
 * @param maxChunksInFlight chunks sent but not yet acknowledged before the robot pauses, >= 1
 * @param actionTimeout in lock-step, how long to wait for an action before holding the last one
 * @param seed seed of the first episode; episode k uses seed + k
 * @param maxSteps stop after this many control steps in total (0 for no limit)
 */
public record RobotSettings(
    Pacing pacing,
    int chunkSize,
    int maxChunksInFlight,
    Duration actionTimeout,
    long seed,
    long maxSteps) {
  /** Validates the settings. */
  public RobotSettings {
    Objects.requireNonNull(pacing, "pacing");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize = " + chunkSize + ": must be >= 1");
    }
    if (maxChunksInFlight < 1) {
      throw new IllegalArgumentException(
          "maxChunksInFlight = " + maxChunksInFlight + ": must be >= 1");
    }
    Objects.requireNonNull(actionTimeout, "actionTimeout");
    if (actionTimeout.isNegative() || actionTimeout.isZero()) {
      throw new IllegalArgumentException("actionTimeout = " + actionTimeout + ": must be > 0");
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("maxSteps = " + maxSteps + ": must be >= 0");
    }
  }

  /** This configuration with another pacing. */
  public RobotSettings withPacing(Pacing newPacing) {
    return new RobotSettings(
        newPacing, chunkSize, maxChunksInFlight, actionTimeout, seed, maxSteps);
  }

  /** This configuration with a step limit. */
  public RobotSettings withMaxSteps(long newMaxSteps) {
    return new RobotSettings(
        pacing, chunkSize, maxChunksInFlight, actionTimeout, seed, newMaxSteps);
  }

  /** This configuration with another seed. */
  public RobotSettings withSeed(long newSeed) {
    return new RobotSettings(
        pacing, chunkSize, maxChunksInFlight, actionTimeout, newSeed, maxSteps);
  }
}
