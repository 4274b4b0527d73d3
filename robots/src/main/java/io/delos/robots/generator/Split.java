package io.delos.robots.generator;

import java.util.List;
import java.util.Objects;

/**
 * Which systems a world model trains on and which it is evaluated on: training systems, zero-shot
 * systems (held out, structurally close to training ones, such as 5-link walkers when 4- and 6-link
 * walkers train) and few-shot systems (held out, further away: extreme topologies and the whole
 * lander family, for fine-tuning on a few episodes).
 *
 * @param seed the generator seed the systems were made with
 * @param entries one entry per system, catalogue systems first, then generated ones in order
 */
public record Split(long seed, List<Entry> entries) {
  /** Validates the split. */
  public Split {
    entries = List.copyOf(entries);
  }

  /** A system's role in the split. */
  public enum Role {
    /** Used to train. */
    TRAINING,
    /** Held out; evaluated without fine-tuning. */
    ZERO_SHOT,
    /** Held out; evaluated after fine-tuning on a few episodes. */
    FEW_SHOT
  }

  /**
   * One system in the split.
   *
   * @param id system id
   * @param family family name
   * @param topology topology tag, for example {@code "5link"}
   * @param role its role
   * @param observationSize number of observation channels
   * @param actionSize number of action channels
   */
  public record Entry(
      String id, String family, String topology, Role role, int observationSize, int actionSize) {
    /** Validates the entry. */
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(topology, "topology");
      Objects.requireNonNull(role, "role");
    }
  }

  /** Ids of the systems with {@code role}, in split order. */
  public List<String> ids(Role role) {
    return entries.stream().filter(e -> e.role() == role).map(Entry::id).toList();
  }
}
