package io.delos.worldmodel.sequence;

import io.delos.sim.Trajectory;
import io.delos.sim.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The systems a model knows: each system's channel layout and its normalisation ranges.
 *
 * <p>A model trained on some systems can be asked about a new one (zero-shot) once the new one is
 * registered with its layout and ranges fitted to a little of its own data; no parameter changes.
 *
 * <p>Threading: not thread-safe; register systems before sharing the registry.
 */
public final class SystemRegistry {
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * One registered system.
   *
   * @param layout channels and bodies
   * @param ranges normalisation ranges
   */
  public record Entry(SystemLayout layout, ChannelRanges ranges) {
    /** Validates that layout and ranges agree in size. */
    public Entry {
      Objects.requireNonNull(layout, "layout");
      Objects.requireNonNull(ranges, "ranges");
      if (layout.observationSize() != ranges.observationSize()
          || layout.actionSize() != ranges.actionSize()) {
        throw new IllegalArgumentException(
            "system '"
                + layout.id()
                + "': layout has "
                + layout.observationSize()
                + "x"
                + layout.actionSize()
                + " channels, ranges "
                + ranges.observationSize()
                + "x"
                + ranges.actionSize());
      }
    }
  }

  /** Registers (or replaces) a system. */
  public SystemRegistry put(SystemLayout layout, ChannelRanges ranges) {
    entries.put(layout.id(), new Entry(layout, ranges));
    return this;
  }

  /** Registers a system with ranges fitted to {@code data}. */
  public SystemRegistry fit(SystemLayout layout, List<Trajectory> data) {
    return put(layout, ChannelRanges.fit(data));
  }

  /**
   * The entry of {@code id}.
   *
   * @throws IllegalArgumentException naming the id and how many systems are known
   */
  public Entry get(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new IllegalArgumentException(
          "system '"
              + id
              + "' is not registered ("
              + entries.size()
              + " systems are); register its layout and ranges first");
    }
    return e;
  }

  /** True when {@code id} is registered. */
  public boolean contains(String id) {
    return entries.containsKey(id);
  }

  /** Registered ids in registration order. */
  public List<String> ids() {
    return List.copyOf(entries.keySet());
  }

  /** Every entry in registration order. */
  public Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** A copy holding the same entries. */
  public SystemRegistry copy() {
    SystemRegistry r = new SystemRegistry();
    r.entries.putAll(entries);
    return r;
  }

  /** The registry as plain lists and maps for JSON. */
  public List<Object> toJson() {
    List<Object> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("layout", e.layout().toJson());
      m.put("ranges", e.ranges().toJson());
      out.add(m);
    }
    return out;
  }

  /** Reads a registry written by {@link #toJson}. */
  public static SystemRegistry fromJson(JsonValue v) {
    SystemRegistry r = new SystemRegistry();
    for (JsonValue e : v.asArray()) {
      e.allowOnly("layout", "ranges");
      r.put(SystemLayout.fromJson(e.get("layout")), ChannelRanges.fromJson(e.get("ranges")));
    }
    return r;
  }
}
