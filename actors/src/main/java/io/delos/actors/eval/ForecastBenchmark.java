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
import java.util.List;

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

  /** Progress of a benchmark run; called on the running thread. */
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
      Listener listener) {
    List<ForecastData.SystemData> data = new ArrayList<>();
    for (String family : systems) {
      long t0 = System.nanoTime();
      ForecastData.SystemData d = ForecastData.generate(settings, family, dataSeed);
      listener.dataReady(d, (System.nanoTime() - t0) / 1e9);
      data.add(d);
    }
    int total = systems.size() * arms.size() * seeds.size();
    List<Result> results = new ArrayList<>();
    // Limitation: DJL 0.36 allows one gradient collector per process, so forecasters train one
    // after another; run several processes on disjoint systems to use more cores.
    for (ForecastData.SystemData d : data) {
      PhysicsDeclaration declaration = KnownPhysics.forFamily(d.family());
      Normalizer normalizer = normalizer(d);
      for (Arm arm : arms) {
        for (long seed : seeds) {
          Result r = trainAndScore(d, declaration, normalizer, arm, config, seed);
          results.add(r);
          listener.finished(r, results.size(), total);
        }
      }
    }
    return results;
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

  /** The normalisation of the system's training windows, as the forecasters use it. */
  static Normalizer normalizer(ForecastData.SystemData d) {
    return Forecaster.normalizerOf(d.train());
  }
}
