package io.delos.actors.cli;

import io.delos.actors.eval.ForecastBenchmark;
import io.delos.actors.eval.ForecastData;
import io.delos.actors.eval.ForecastEvalSettings;
import io.delos.actors.eval.ForecastReport;
import io.delos.worldmodel.physsm.Arm;
import io.delos.worldmodel.physsm.ForecastConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code delos eval forecast}: the Phy-SSM forecasting benchmark. Generates noisy, irregularly
 * sampled windows of catalogue robots, trains Phy-SSM and its baselines for several seeds and
 * writes Markdown tables of interpolation and extrapolation errors.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description =
        "Phy-SSM versus S5, a GOKU-style latent ODE and two ablations on noisy, irregularly"
            + " sampled windows of catalogue robots; writes Markdown tables.")
final class ForecastEvalCommand implements Callable<Integer> {
  @Option(
      names = "--systems",
      split = ",",
      defaultValue = "pendulum,cartpole,quadrotor,car",
      description = "Catalogue families (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @Option(
      names = "--arms",
      split = ",",
      defaultValue = "PHY_SSM,S5,LATENT_ODE,NO_REGULARISER,NO_UNIT",
      description = "Forecasters (default: ${DEFAULT-VALUE}).")
  List<Arm> arms;

  @Option(names = "--seeds", defaultValue = "3", description = "Training seeds 0..n-1.")
  int seeds;

  @Option(names = "--data-seed", defaultValue = "0", description = "Seed of the data.")
  long dataSeed;

  @Option(names = "--iterations", description = "Gradient steps (default: the settings').")
  Integer iterations;

  @Option(names = "--train-windows", description = "Training windows per system.")
  Integer trainWindows;

  @Option(names = "--test-windows", description = "Test windows per system.")
  Integer testWindows;

  @Option(
      names = "--settings",
      description = "A delos-forecast-eval JSON file (default: the settings shipped with Delos).")
  Path settingsFile;

  @Option(
      names = "--torch-threads",
      defaultValue = "1",
      description =
          "PyTorch threads per operation (default: ${DEFAULT-VALUE}; more only helps large"
              + " batches).")
  int torchThreads;

  @Option(names = "--out", description = "Markdown file to write (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    // Before the engine starts: small models run fastest on one thread per operation.
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    ForecastEvalSettings settings;
    try {
      settings =
          settingsFile == null
              ? ForecastEvalSettings.defaults()
              : ForecastEvalSettings.parse(
                  Files.readString(settingsFile, StandardCharsets.UTF_8), settingsFile.toString());
      if (trainWindows != null || testWindows != null) {
        settings =
            new ForecastEvalSettings(
                settings.controlFrequency(),
                settings.windowSteps(),
                settings.observedSteps(),
                settings.warmupSteps(),
                settings.noiseFraction(),
                settings.dropMin(),
                settings.dropMax(),
                trainWindows != null ? trainWindows : settings.trainWindows(),
                testWindows != null ? testWindows : settings.testWindows(),
                settings.systems(),
                settings.config());
      }
      for (String s : systems) {
        settings.system(s);
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("--seeds " + seeds + ": must be >= 1");
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("eval forecast: " + e.getMessage());
      return 2;
    }
    ForecastConfig config = ForecastConfig.read(settings.config(), ForecastConfig.defaults());
    if (iterations != null) {
      config = config.withIterations(iterations);
    }
    List<Long> seedList = new ArrayList<>();
    for (long s = 0; s < seeds; s++) {
      seedList.add(s);
    }
    long t0 = System.nanoTime();
    List<ForecastBenchmark.Result> results =
        ForecastBenchmark.run(
            settings,
            systems,
            arms,
            seedList,
            dataSeed,
            config,
            new ForecastBenchmark.Listener() {
              @Override
              public void dataReady(ForecastData.SystemData data, double seconds) {
                System.err.printf(
                    Locale.ROOT,
                    "%s: %d training and %d test windows in %.1f s%n",
                    data.family(),
                    data.train().size(),
                    data.test().size(),
                    seconds);
              }

              @Override
              public void finished(ForecastBenchmark.Result r, int done, int total) {
                System.err.printf(
                    Locale.ROOT,
                    "[%d/%d] %s %s seed %d: extrap. MAE %.4f, interp. MAE %.4f (%.0f s)%n",
                    done,
                    total,
                    r.system(),
                    r.arm().label(),
                    r.seed(),
                    r.metrics().extrapolationMae(),
                    r.metrics().interpolationMae(),
                    r.seconds());
              }
            });
    double minutes = (System.nanoTime() - t0) / 60e9;
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "<!-- delos eval forecast: %s, %d seeds, data seed %d, %d iterations, %.1f min, %s"
                + " -->%n%n",
            String.join(",", systems),
            seeds,
            dataSeed,
            config.iterations(),
            minutes,
            LocalDate.now()));
    md.append(ForecastReport.markdown(results, systems, arms));
    md.append("\n#### Every run\n\n").append(ForecastReport.perSeed(results));
    if (out == null) {
      System.out.print(md);
    } else {
      Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
      System.err.printf(Locale.ROOT, "Wrote %s (%.1f min).%n", out, minutes);
    }
    return 0;
  }
}
