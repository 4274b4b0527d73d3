package io.delos.robots.catalogue;

import io.delos.robots.format.MorphologyFormat;
import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.TaskFormat;
import io.delos.sim.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in robots: each family's morphology and task files, read from this module's resources
 * under {@code io/delos/robots/catalogue/<family>/}, listed in {@code catalogue.json}.
 *
 * <p>Threading: safe for concurrent use; systems are loaded once and cached.
 */
public final class Catalogue {
  private static final String ROOT = "/io/delos/robots/catalogue/";

  /** Family name to its task names (default first) and topology, in file order. */
  private static final Map<String, Entry> FAMILIES = index();

  private static final Map<String, RobotSystem> CACHE = new ConcurrentHashMap<>();

  private record Entry(List<String> tasks, int topology) {}

  private Catalogue() {}

  private static Map<String, Entry> index() {
    JsonValue root = Json.parse(read("catalogue.json"), "catalogue.json");
    root.allowOnly("format", "version", "notes", "families");
    if (!root.get("format").asString().equals("delos-catalogue")
        || root.get("version").asInt() != 1) {
      throw root.error("expected format \"delos-catalogue\" version 1");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    JsonValue families = root.get("families");
    for (String f : families.fields()) {
      JsonValue e = families.get(f);
      e.allowOnly("tasks", "topology");
      out.put(f, new Entry(e.get("tasks").asStrings(), e.get("topology").asInt()));
    }
    return out;
  }

  /** Family names, sorted. */
  public static List<String> families() {
    return FAMILIES.keySet().stream().sorted().toList();
  }

  /**
   * The catalogue robot's topology in the generator's terms (for example 5 for the 5-link walker).
   *
   * @throws IllegalArgumentException naming the known families when there is no such family
   */
  public static int topology(String family) {
    system(family);
    return FAMILIES.get(family).topology();
  }

  /**
   * The catalogue system of {@code family}; its id is the family name.
   *
   * @throws IllegalArgumentException naming the known families when there is no such family
   */
  public static RobotSystem system(String family) {
    Entry entry = FAMILIES.get(family);
    if (entry == null) {
      throw new IllegalArgumentException(
          "no catalogue robot '" + family + "'; known: " + families());
    }
    return CACHE.computeIfAbsent(family, f -> load(f, entry.tasks()));
  }

  /** Every catalogue system, sorted by family. */
  public static List<RobotSystem> systems() {
    return families().stream().map(Catalogue::system).toList();
  }

  private static RobotSystem load(String family, List<String> taskNames) {
    Morphology m =
        MorphologyFormat.parse(read(family + "/morphology.json"), family + "/morphology.json");
    List<TaskSpec> tasks = new ArrayList<>();
    for (String t : taskNames) {
      tasks.add(TaskFormat.parse(read(family + "/" + t + ".json"), family + "/" + t + ".json"));
    }
    return new RobotSystem(family, family, m, tasks);
  }

  static String read(String path) {
    try (InputStream in = Catalogue.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("catalogue resource " + ROOT + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
