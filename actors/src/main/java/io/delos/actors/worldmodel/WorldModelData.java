package io.delos.actors.worldmodel;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.CollectionListener;
import io.delos.robots.dataset.CollectionSettings;
import io.delos.robots.dataset.Collector;
import io.delos.robots.dataset.Dataset;
import io.delos.robots.dataset.Manifest;
import io.delos.robots.dataset.PolicySpec;
import io.delos.robots.generator.Generator;
import io.delos.robots.generator.Split;
import io.delos.robots.generator.Systems;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.sequence.SystemLayout;
import io.delos.worldmodel.sequence.SystemRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge between the robots' datasets and the world models: reads dataset folders into
 * trajectories per system, gives each system its channel layout (from its morphology) and fits its
 * normalisation ranges.
 */
public final class WorldModelData {
  private WorldModelData() {}

  /**
   * Every episode of a dataset folder, by system id, in manifest order.
   *
   * @param folder the dataset folder
   * @param only system ids to keep, or null for all
   */
  public static Map<String, List<Trajectory>> read(Path folder, List<String> only) {
    Dataset d = Dataset.open(folder);
    Map<String, List<Trajectory>> out = new LinkedHashMap<>();
    for (Manifest.SystemInfo s : d.manifest().systems()) {
      if (only == null || only.contains(s.id())) {
        out.put(s.id(), new ArrayList<>());
      }
    }
    for (Manifest.Shard s : d.shards()) {
      List<Trajectory> list = out.get(s.system());
      if (list != null) {
        list.addAll(d.read(s).episodes());
      }
    }
    out.values().removeIf(List::isEmpty);
    return out;
  }

  /** The layout of a known system (catalogue or generated). */
  public static SystemLayout layout(String id) {
    return SystemLayout.of(id, Systems.get(id).morphology());
  }

  /** Registers every system of {@code data} with ranges fitted to its trajectories. */
  public static SystemRegistry register(
      SystemRegistry registry, Map<String, List<Trajectory>> data) {
    for (Map.Entry<String, List<Trajectory>> e : data.entrySet()) {
      registry.fit(layout(e.getKey()), e.getValue());
    }
    return registry;
  }

  /**
   * System ids named by ids or by one of {@code all}, {@code training}, {@code zero-shot}, {@code
   * few-shot} (the default split).
   */
  public static List<String> systems(List<String> names) {
    if (names.size() == 1) {
      Split.Role role =
          switch (names.get(0)) {
            case "training" -> Split.Role.TRAINING;
            case "zero-shot" -> Split.Role.ZERO_SHOT;
            case "few-shot" -> Split.Role.FEW_SHOT;
            default -> null;
          };
      if (names.get(0).equals("all")) {
        return Systems.all().stream().map(RobotSystem::id).toList();
      }
      if (role != null) {
        return split().ids(role);
      }
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(Systems.get(n.strip()).id());
    }
    return out;
  }

  /** The default split. */
  public static Split split() {
    Generator g = Generator.standard();
    return g.split(g.defaultSeed());
  }

  /**
   * Collects a dataset into {@code folder} unless a complete one with these settings is there (an
   * interrupted collection resumes).
   */
  public static void collect(
      Path folder,
      List<String> ids,
      String policy,
      int episodes,
      int steps,
      long seed,
      CollectionListener listener) {
    List<RobotSystem> systems = ids.stream().map(Systems::get).toList();
    CollectionSettings settings =
        new CollectionSettings(systems, PolicySpec.of(policy), episodes, steps, seed, 16, false);
    if (Files.exists(folder.resolve(Manifest.FILE))) {
      Manifest m = Dataset.open(folder).manifest();
      long want = (long) systems.size() * ((episodes + 15) / 16);
      if (m.shards().size() == want) {
        return;
      }
    }
    new Collector(settings).collect(folder, Runtime.getRuntime().availableProcessors(), listener);
  }
}
