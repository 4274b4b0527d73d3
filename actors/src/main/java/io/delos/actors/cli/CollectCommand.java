package io.delos.actors.cli;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.CollectionListener;
import io.delos.robots.dataset.CollectionSettings;
import io.delos.robots.dataset.Collector;
import io.delos.robots.dataset.DatasetException;
import io.delos.robots.dataset.Manifest;
import io.delos.robots.dataset.PolicySpec;
import io.delos.robots.generator.Generator;
import io.delos.robots.generator.Split;
import io.delos.robots.generator.Systems;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos collect}: roll out an exploration policy and store a dataset. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description =
        "Roll out an exploration policy on robot systems, using every core, and store the"
            + " trajectories as NPZ shards with a JSON manifest. Collecting again into the same"
            + " folder with the same options resumes.")
final class CollectCommand implements Callable<Integer> {
  @Option(
      names = "--systems",
      split = ",",
      required = true,
      description =
          "System ids, comma separated, or one of all, training, zero-shot, few-shot (the"
              + " default split; 'delos systems' lists them).")
  List<String> systems;

  @Option(
      names = "--policy",
      defaultValue = "uniform",
      description = "zero, uniform, coloured or pd (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--episodes", defaultValue = "1", description = "Episodes per system.")
  int episodes;

  @Option(names = "--steps", defaultValue = "500", description = "Control steps per episode.")
  int steps;

  @Option(names = "--seed", defaultValue = "0", description = "Base seed.")
  long seed;

  @Option(names = "--out", required = true, description = "Dataset folder.")
  Path out;

  @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
  Integer threads;

  @Option(
      names = "--episodes-per-shard",
      defaultValue = "16",
      description = "Episodes per shard file (default: ${DEFAULT-VALUE}).")
  int episodesPerShard;

  @Option(names = "--float64", description = "Store values as float64 instead of float32.")
  boolean float64;

  @Override
  public Integer call() {
    List<RobotSystem> chosen = new ArrayList<>();
    try {
      Split.Role role =
          switch (systems.size() == 1 ? systems.get(0) : "") {
            case "training" -> Split.Role.TRAINING;
            case "zero-shot" -> Split.Role.ZERO_SHOT;
            case "few-shot" -> Split.Role.FEW_SHOT;
            default -> null;
          };
      if (systems.size() == 1 && systems.get(0).equals("all")) {
        chosen.addAll(Systems.all());
      } else if (role != null) {
        Generator g = Generator.standard();
        for (String id : g.split(g.defaultSeed()).ids(role)) {
          chosen.add(Systems.get(id));
        }
      } else {
        for (String id : systems) {
          chosen.add(Systems.get(id.strip()));
        }
      }
      PolicySpec spec = PolicySpec.of(policy);
      CollectionSettings settings =
          new CollectionSettings(chosen, spec, episodes, steps, seed, episodesPerShard, float64);
      int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      ProgressBar bar = new ProgressBar(System.err);
      long t0 = System.nanoTime();
      Manifest m = new Collector(settings).collect(out, workers, bar);
      bar.finish();
      long rows = m.shards().stream().mapToLong(Manifest.Shard::rows).sum();
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "Collected %d rows in %d shards of %d systems into %s (%.1f s).%n",
          rows, m.shards().size(), chosen.size(), out, seconds);
      return 0;
    } catch (IllegalArgumentException | DatasetException e) {
      System.err.println("collect: " + e.getMessage());
      return 2;
    }
  }

  /** A one-line terminal progress bar fed by the collector's listener. */
  private static final class ProgressBar implements CollectionListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private volatile long total = 1;
    private volatile long startNanos = System.nanoTime();
    private long lastPrint;

    ProgressBar(PrintStream out) {
      this.out = out;
    }

    @Override
    public void started(long episodes, long maxRows) {
      total = Math.max(1, episodes);
      startNanos = System.nanoTime();
    }

    @Override
    public void episodeFinished(String system, int episodeRows) {
      long d = done.incrementAndGet();
      rows.addAndGet(episodeRows);
      long now = System.nanoTime();
      synchronized (this) {
        if (d == total || now - lastPrint > 100_000_000L) {
          lastPrint = now;
          print(d);
        }
      }
    }

    private void print(long d) {
      int filled = (int) (WIDTH * d / total);
      double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
      out.printf(
          "\r[%s%s] %3d%% %d/%d episodes, %.0f rows/s ",
          "#".repeat(filled),
          ".".repeat(WIDTH - filled),
          100 * d / total,
          d,
          total,
          rows.get() / seconds);
      out.flush();
    }

    synchronized void finish() {
      print(done.get());
      out.println();
    }
  }
}
