package io.delos.robots.generator;

import io.delos.sim.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One family's parameter ranges, read from the generator's resource file: each named parameter is a
 * number or a {@code [low, high]} pair from which values are drawn uniformly.
 */
public final class Ranges {
  private final JsonValue value;

  /** Wraps the family's object from the generator file. */
  public Ranges(JsonValue value) {
    this.value = value;
  }

  /** The raw JSON object. */
  public JsonValue json() {
    return value;
  }

  /**
   * Draws parameter {@code key} uniformly from its range (or returns its fixed value).
   *
   * @throws io.delos.sim.json.JsonException naming the line when the key is missing or malformed
   */
  public double draw(String key, SplittableRandom random) {
    JsonValue v = value.get(key);
    if (v.isNumber()) {
      return v.asDouble();
    }
    double[] lh = v.asDoubles(2);
    if (!(lh[0] <= lh[1])) {
      throw v.error("range [" + lh[0] + ", " + lh[1] + "]: need low <= high");
    }
    return lh[0] + (lh[1] - lh[0]) * random.nextDouble();
  }

  /** The fixed number {@code key}. */
  public double number(String key) {
    return value.get(key).asDouble();
  }

  /** The whole number {@code key}. */
  public int integer(String key) {
    return value.get(key).asInt();
  }

  /** The list of whole numbers {@code key}, for example topologies. */
  public List<Integer> integers(String key) {
    List<Integer> out = new ArrayList<>();
    for (JsonValue v : value.get(key).asArray()) {
      out.add(v.asInt());
    }
    if (out.isEmpty()) {
      throw value.get(key).error("is empty: list at least one value");
    }
    return out;
  }
}
