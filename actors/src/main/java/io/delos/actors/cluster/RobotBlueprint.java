package io.delos.actors.cluster;

import io.delos.actors.robot.RobotSettings;
import io.delos.sim.Environment;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a robot id stands for: enough to start the robot on any node.
 *
 * @param family catalogue family
 * @param environment creates the robot's environment
 * @param settings pacing, chunking and seeds
 */
public record RobotBlueprint(
    String family, Supplier<Environment> environment, RobotSettings settings) {
  /** Validates the blueprint. */
  public RobotBlueprint {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(settings, "settings");
  }
}
