package io.delos.robots.dataset;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonException;
import io.delos.sim.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset's manifest ({@code dataset.json}, {@code "format": "delos-dataset"}, version 1): the
 * collection settings, every system with its channel layout and body tree, and every finished shard
 * with its SHA-256 checksum. The layout is documented in {@code robots/README.md}.
 *
 * @param settings the collection settings as written (seed, policy, episodes, steps, shard size,
 *     dtype, control period), compared when a collection resumes
 * @param systems the systems, as written (plain maps), in collection order
 * @param shards finished shards, sorted by file name
 */
public record Manifest(Map<String, Object> settings, List<SystemInfo> systems, List<Shard> shards) {
  /** The format name. */
  public static final String FORMAT = "delos-dataset";

  /** The only version this code reads and writes. */
  public static final int VERSION = 1;

  /** File name of the manifest inside a dataset folder. */
  public static final String FILE = "dataset.json";

  /** Copies the lists. */
  public Manifest {
    // Insertion order is kept so that the same settings always give the same manifest text.
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    systems = List.copyOf(systems);
    shards = List.copyOf(shards);
  }

  /**
   * One system of the dataset.
   *
   * @param id system id
   * @param observationNames observation channel names, in column order
   * @param actionNames action channel names, in column order
   * @param layout the full entry as written: family, task, channels with units, kinds, bodies and
   *     bounds, and the body tree's ranks
   */
  public record SystemInfo(
      String id,
      List<String> observationNames,
      List<String> actionNames,
      Map<String, Object> layout) {
    /** Validates the entry. */
    public SystemInfo {
      Objects.requireNonNull(id, "id");
      observationNames = List.copyOf(observationNames);
      actionNames = List.copyOf(actionNames);
      layout = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layout));
    }
  }

  /**
   * One finished shard.
   *
   * @param file file name relative to the dataset folder, for example {@code
   *     shards/pendulum-00000.npz}
   * @param system system id
   * @param firstEpisode index of its first episode within the system
   * @param episodes number of episodes
   * @param rows number of rows
   * @param bytes file size
   * @param sha256 SHA-256 of the file, lower-case hex
   */
  public record Shard(
      String file,
      String system,
      int firstEpisode,
      int episodes,
      long rows,
      long bytes,
      String sha256) {
    /** Validates the entry. */
    public Shard {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(system, "system");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /** This manifest with one more shard, kept sorted by file name. */
  public Manifest with(Shard shard) {
    List<Shard> more = new ArrayList<>(shards);
    more.removeIf(s -> s.file().equals(shard.file()));
    more.add(shard);
    more.sort(java.util.Comparator.comparing(Shard::file));
    return new Manifest(settings, systems, more);
  }

  /** The manifest as JSON text. */
  public String write() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", (double) VERSION);
    root.put("settings", settings);
    List<Object> sys = new ArrayList<>();
    for (SystemInfo s : systems) {
      sys.add(s.layout());
    }
    root.put("systems", sys);
    List<Object> sh = new ArrayList<>();
    for (Shard s : shards) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("file", s.file());
      o.put("system", s.system());
      o.put("firstEpisode", (double) s.firstEpisode());
      o.put("episodes", (double) s.episodes());
      o.put("rows", (double) s.rows());
      o.put("bytes", (double) s.bytes());
      o.put("sha256", s.sha256());
      sh.add(o);
    }
    root.put("shards", sh);
    return Json.write(root);
  }

  /**
   * Reads a manifest.
   *
   * @throws DatasetException naming the file, what format or version was found and what is
   *     supported, or the line and field of a malformed entry
   */
  @SuppressWarnings("unchecked")
  public static Manifest parse(String text, String source) {
    try {
      JsonValue root = Json.parse(text, source);
      String format = root.get("format").asString();
      if (!format.equals(FORMAT)) {
        throw root.get("format").error("is \"" + format + "\": expected \"" + FORMAT + "\"");
      }
      int version = root.get("version").asInt();
      if (version != VERSION) {
        throw root.get("version")
            .error(
                "dataset format version "
                    + version
                    + " is not supported; this Delos reads "
                    + FORMAT
                    + " version "
                    + VERSION);
      }
      root.allowOnly("format", "version", "settings", "systems", "shards");
      Map<String, Object> settings = (Map<String, Object>) root.get("settings").toPlain();
      List<SystemInfo> systems = new ArrayList<>();
      for (JsonValue s : root.get("systems").asArray()) {
        List<String> obs = new ArrayList<>();
        for (JsonValue c : s.get("observations").asArray()) {
          obs.add(c.get("name").asString());
        }
        List<String> act = new ArrayList<>();
        for (JsonValue c : s.get("actions").asArray()) {
          act.add(c.get("name").asString());
        }
        systems.add(
            new SystemInfo(s.get("id").asString(), obs, act, (Map<String, Object>) s.toPlain()));
      }
      List<Shard> shards = new ArrayList<>();
      for (JsonValue s : root.get("shards").asArray()) {
        s.allowOnly("file", "system", "firstEpisode", "episodes", "rows", "bytes", "sha256");
        shards.add(
            new Shard(
                s.get("file").asString(),
                s.get("system").asString(),
                s.get("firstEpisode").asInt(),
                s.get("episodes").asInt(),
                s.get("rows").asLong(),
                s.get("bytes").asLong(),
                s.get("sha256").asString()));
      }
      return new Manifest(settings, systems, shards);
    } catch (JsonException e) {
      throw new DatasetException(e.getMessage(), e);
    }
  }

  /** The system called {@code id}. */
  public SystemInfo system(String id) {
    for (SystemInfo s : systems) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new DatasetException(
        "no system '"
            + id
            + "' in the dataset; systems: "
            + systems.stream().map(SystemInfo::id).toList());
  }
}
