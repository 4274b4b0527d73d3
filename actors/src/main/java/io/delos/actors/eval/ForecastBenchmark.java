package io.delos.actors.eval;

import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.Arm;
import io.delos.worldmodel.physsm.ForecastConfig;
import io.delos.worldmodel.physsm.ForecastMetrics;
import io.delos.worldmodel.physsm.Forecaster;
import io.delos.worldmodel.physsm.KnownPhysics;
import io.delos.worldmodel.physsm.PhysicsDeclaration;
import io.delos.worldmodel.physsm.TrainingListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains every forecaster on every system for several seeds and scores them on the test windows:
 * the Phy-SSM evaluation (Wang, Zhao et al., ICML 2025, arXiv 2507.10792, experiments).
 *
 * <p>The data of a system are made once (from the data seed); seeds vary the forecasters'
 * initialisation, batch order and posterior noise. Errors are normalised with the statistics of the
 * system's training windows, the same for every arm.
 */
public final class ForecastBenchmark {
  /**
   * One trained forecaster's scores.
   *
   * @param system catalogue family
   * @param arm forecaster
   * @param seed training seed
   * @param metrics test errors
   * @param seconds training wall time, s
   * @param bestIteration step whose parameters were kept
   * @param skipped steps skipped for non-finite values
   */
  public record Result(
      String system,
      Arm arm,
      long seed,
      ForecastMetrics metrics,
      double seconds,
      int bestIteration,
      int skipped) {}

  /** Progress of a benchmark run; called from worker threads. */
  public interface Listener {
    /** A system's data are ready. */
    default void dataReady(ForecastData.SystemData data, double seconds) {}

    /** A forecaster finished training and was scored. */
    default void finished(Result result, int done, int total) {}
  }

  private ForecastBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param settings data settings
   * @param systems catalogue families to run
   * @param arms forecasters to train
   * @param seeds training seeds
   * @param dataSeed seed of the data
   * @param config forecaster configuration (its seed is replaced by each training seed)
   * @param workers forecasters trained at once, >= 1
   * @param listener progress
   * @return every result, in the order systems × arms × seeds
   */
  public static List<Result> run(
      ForecastEvalSettings settings,
      List<String> systems,
      List<Arm> arms,
      List<Long> seeds,
      long dataSeed,
      ForecastConfig config,
      int workers,
      Listener listener)
      throws InterruptedException {
    List<ForecastData.SystemData> data = new ArrayList<>();
    for (String family : systems) {
      long t0 = System.nanoTime();
      ForecastData.SystemData d = ForecastData.generate(settings, family, dataSeed);
      listener.dataReady(d, (System.nanoTime() - t0) / 1e9);
      data.add(d);
    }
    int total = systems.size() * arms.size() * seeds.size();
    List<Result> results = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (ForecastData.SystemData d : data) {
        PhysicsDeclaration declaration = KnownPhysics.forFamily(d.family());
        Normalizer normalizer = normalizer(d);
        for (Arm arm : arms) {
          for (long seed : seeds) {
            futures.add(
                pool.submit(
                    () -> {
                      Result r = trainAndScore(d, declaration, normalizer, arm, config, seed);
                      results.add(r);
                      listener.finished(r, results.size(), total);
                      return r;
                    }));
          }
        }
      }
      List<Result> ordered = new ArrayList<>();
      for (Future<Result> f : futures) {
        try {
          ordered.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a forecaster failed: " + e.getCause(), e.getCause());
        }
      }
      return ordered;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Result trainAndScore(
      ForecastData.SystemData d,
      PhysicsDeclaration declaration,
      Normalizer normalizer,
      Arm arm,
      ForecastConfig config,
      long seed) {
    try (Forecaster f =
        Forecaster.train(
            d.train(), declaration, arm, config.withSeed(seed), TrainingListener.NONE)) {
      ForecastMetrics m =
          ForecastMetrics.measure(f.predict(d.test()), d.test(), normalizer, d.positions());
      return new Result(
          d.family(), arm, seed, m, f.trainingSeconds(), f.bestIteration(), f.skippedIterations());
    }
  }

  /** Per-channel statistics of the training windows' measured points. */
  static Normalizer normalizer(ForecastData.SystemData d) {
    int o = d.channels().size();
    List<double[]> rows = new ArrayList<>();
    for (var w : d.train()) {
      for (int k = 0; k < w.length(); k++) {
        if (w.kept(k)) {
          double[] r = new double[o];
          for (int c = 0; c < o; c++) {
            r[c] = w.measured(k, c);
          }
          rows.add(r);
        }
      }
    }
    double[] flat = new double[rows.size() * o];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, flat, i * o, o);
    }
    return Normalizer.fit(flat, rows.size(), o);
  }
}
