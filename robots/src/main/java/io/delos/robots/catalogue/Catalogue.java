package io.delos.robots.catalogue;

import io.delos.robots.format.MorphologyFormat;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.TaskFormat;
import io.delos.sim.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in robots: each family's morphology and task files, read from this module's resources
 * under {@code io/delos/robots/catalogue/<family>/}.
 */
public final class Catalogue {
  private static final String ROOT = "/io/delos/robots/catalogue/";

  /** Every family with its task files, default task first. */
  private static final Map<String, List<String>> FAMILIES =
      Map.of("cartpole", List.of("balance", "swingup"));

  private static final Map<String, RobotSystem> CACHE = new ConcurrentHashMap<>();

  private Catalogue() {}

  /** Family names, sorted. */
  public static List<String> families() {
    return FAMILIES.keySet().stream().sorted().toList();
  }

  /**
   * The catalogue system of {@code family}.
   *
   * @throws IllegalArgumentException naming the known families when there is no such family
   */
  public static RobotSystem system(String family) {
    List<String> tasks = FAMILIES.get(family);
    if (tasks == null) {
      throw new IllegalArgumentException(
          "no catalogue robot '" + family + "'; known: " + families());
    }
    return CACHE.computeIfAbsent(family, f -> load(f, tasks));
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
