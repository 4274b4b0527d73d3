package io.delos.bench;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.CollectionListener;
import io.delos.robots.dataset.CollectionSettings;
import io.delos.robots.dataset.Collector;
import io.delos.robots.dataset.Manifest;
import io.delos.robots.dataset.PolicySpec;
import io.delos.robots.generator.Systems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Timing harness: transitions collected per second across 120 systems spread evenly over the ten
 * families (the catalogue robots, then the first generated variants of each family in turn), with a
 * uniform random policy, including writing the NPZ shards.
 *
 * <p>Arguments: {@code [threads=2] [episodes=2] [steps=500] [systems=120]}. One warm-up run of a
 * tenth of the episodes' steps comes first. The figure goes to {@code bench/RESULTS.md} by hand,
 * with the machine and date.
 */
public final class CollectionThroughput {
  private CollectionThroughput() {}

  /** Runs the measurement and prints one result line. */
  public static void main(String[] args) throws IOException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int episodes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int count = args.length > 3 ? Integer.parseInt(args[3]) : 120;
    List<RobotSystem> systems = spread(count);
    run(systems, threads, 1, Math.max(1, steps / 10));
    long t0 = System.nanoTime();
    long rows = run(systems, threads, episodes, steps);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "systems %d, threads %d, episodes %d x %d steps: %d transitions in %.1f s = %.0f"
            + " transitions/s; one million would take %.0f s%n",
        count, threads, episodes, steps, rows, seconds, rows / seconds, 1e6 / (rows / seconds));
  }

  /** {@code count} systems taken round-robin over the families, catalogue robots first. */
  static List<RobotSystem> spread(int count) {
    Map<String, List<RobotSystem>> byFamily = new LinkedHashMap<>();
    for (RobotSystem s : Systems.all()) {
      byFamily.computeIfAbsent(s.family(), f -> new ArrayList<>()).add(s);
    }
    List<RobotSystem> out = new ArrayList<>();
    for (int i = 0; out.size() < count; i++) {
      boolean any = false;
      for (List<RobotSystem> family : byFamily.values()) {
        if (i < family.size() && out.size() < count) {
          out.add(family.get(i));
          any = true;
        }
      }
      if (!any) {
        throw new IllegalArgumentException(
            "count = " + count + ": only " + out.size() + " systems exist");
      }
    }
    return out;
  }

  private static long run(List<RobotSystem> systems, int threads, int episodes, int steps)
      throws IOException {
    Path dir = Files.createTempDirectory("delos-bench");
    try {
      CollectionSettings s =
          new CollectionSettings(systems, PolicySpec.of("uniform"), episodes, steps, 1, 16, false);
      Manifest m = new Collector(s).collect(dir, threads, CollectionListener.NONE);
      return m.shards().stream().mapToLong(Manifest.Shard::rows).sum();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
