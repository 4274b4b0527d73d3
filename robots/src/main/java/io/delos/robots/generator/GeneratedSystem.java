package io.delos.robots.generator;

import io.delos.robots.catalogue.RobotSystem;
import java.util.Objects;

/**
 * A generated robot system with its topology and its role in the split.
 *
 * @param system the system (id, family, morphology, its explore task)
 * @param topology the topology number, for example 5 for a 5-link walker
 * @param tag the topology tag in the id, for example {@code "5link"}
 * @param role training, zero-shot or few-shot
 */
public record GeneratedSystem(RobotSystem system, int topology, String tag, Split.Role role) {
  /** Validates the record. */
  public GeneratedSystem {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(role, "role");
  }

  /** The system id. */
  public String id() {
    return system.id();
  }
}
