package io.delos.worldmodel.interpretable;

import java.util.List;

/**
 * A user-defined concept: the named features one encoder maps to one scalar.
 *
 * @param name concept name, for example {@code "actuation"}; non-blank
 * @param features names of the features that feed it, at least one, unique
 */
public record ConceptGroup(String name, List<String> features) {
  /** Validates the group. */
  public ConceptGroup {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("concept name = '" + name + "': give a non-blank name");
    }
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException(
          "concept '" + name + "'.features is empty: give at least one feature");
    }
    if (features.stream().distinct().count() != features.size()) {
      throw new IllegalArgumentException(
          "concept '" + name + "'.features = " + features + ": names must be unique");
    }
  }

  /** A concept fed by {@code features}. */
  public static ConceptGroup of(String name, String... features) {
    return new ConceptGroup(name, List.of(features));
  }
}
