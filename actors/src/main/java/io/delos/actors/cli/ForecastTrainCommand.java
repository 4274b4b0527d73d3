package io.delos.actors.cli;

import io.delos.actors.eval.ForecastData;
import io.delos.actors.eval.ForecastEvalSettings;
import io.delos.actors.eval.HoldLast;
import io.delos.sim.json.Json;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.Arm;
import io.delos.worldmodel.physsm.ForecastConfig;
import io.delos.worldmodel.physsm.ForecastMetrics;
import io.delos.worldmodel.physsm.Forecaster;
import io.delos.worldmodel.physsm.KnownPhysics;
import io.delos.worldmodel.physsm.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delos train forecast}: trains one Phy-SSM forecaster (or a baseline) on windows generated
 * as {@code delos eval forecast} makes them, scores it on held-out windows against holding the last
 * measurement, and saves it in a folder that {@code ForecastService} serves.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description =
        "Train a Phy-SSM forecaster of a catalogue system on generated noisy, irregularly"
            + " sampled windows (as 'delos eval forecast' makes them), score it on held-out"
            + " windows and save it in a folder. Put the folder in the server's models directory"
            + " (delos.models.directory); its name is the model id ForecastService answers to,"
            + " for example pendulum-physsm.")
final class ForecastTrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--system",
      required = true,
      description = "Catalogue family with declared physics: pendulum, cartpole, quadrotor, car.")
  String system;

  @Option(
      names = "--arm",
      defaultValue = "PHY_SSM",
      description = "Forecaster: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Arm arm;

  @Option(names = "--out", required = true, description = "Folder to save the forecaster in.")
  Path out;

  @Option(names = "--iterations", description = "Gradient steps (default: the settings').")
  Integer iterations;

  @Option(names = "--train-windows", description = "Training windows (default: the settings').")
  Integer trainWindows;

  @Option(names = "--test-windows", description = "Held-out windows (default: the settings').")
  Integer testWindows;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the forecaster.")
  long seed;

  @Option(names = "--data-seed", defaultValue = "0", description = "Seed of the data.")
  long dataSeed;

  @Option(
      names = "--settings",
      description = "A delos-forecast-eval JSON file (default: the settings shipped with Delos).")
  Path settingsFile;

  @Option(
      names = "--config",
      description =
          "A JSON object overriding forecaster sizes and training settings (fields of"
              + " forecast-config.json), applied after the settings' own overrides.")
  Path configFile;

  @Option(
      names = "--torch-threads",
      defaultValue = "1",
      description = "PyTorch threads per operation (default: ${DEFAULT-VALUE}).")
  int torchThreads;

  @Override
  public Integer call() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    ForecastEvalSettings settings;
    ForecastConfig config;
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
      settings.system(system);
      KnownPhysics.forFamily(system);
      config = ForecastConfig.read(settings.config(), ForecastConfig.defaults());
      if (configFile != null) {
        config =
            ForecastConfig.read(
                Json.parse(
                    Files.readString(configFile, StandardCharsets.UTF_8), configFile.toString()),
                config);
      }
      if (iterations != null) {
        config = config.withIterations(iterations);
      }
      config = config.withSeed(seed);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("train forecast: " + e.getMessage());
      return 2;
    }
    long t0 = System.nanoTime();
    ForecastData.SystemData data = ForecastData.generate(settings, system, dataSeed);
    System.err.printf(
        Locale.ROOT,
        "%s: %d training and %d test windows in %.1f s; training %s for %d steps%n",
        system,
        data.train().size(),
        data.test().size(),
        (System.nanoTime() - t0) / 1e9,
        arm.label(),
        config.iterations());
    int steps = config.iterations();
    TrainingListener progress =
        new TrainingListener() {
          @Override
          public void validated(Arm a, int iteration, double error, boolean best) {
            System.err.printf(
                Locale.ROOT,
                "step %d/%d: validation MSE %.4g (normalised)%s%n",
                iteration + 1,
                steps,
                error,
                best ? ", best so far" : "");
          }
        };
    try (Forecaster f =
        Forecaster.train(data.train(), KnownPhysics.forFamily(system), arm, config, progress)) {
      Map<String, String> notes = new LinkedHashMap<>();
      notes.put(
          "command",
          "delos " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
      notes.put("dataSeed", Long.toString(dataSeed));
      notes.put("trainWindows", Integer.toString(data.train().size()));
      notes.put("finished", Instant.now().toString());
      String score = "";
      if (!data.test().isEmpty()) {
        Normalizer n = Forecaster.normalizerOf(data.train());
        ForecastMetrics learned =
            ForecastMetrics.measure(f.predict(data.test()), data.test(), n, data.positions());
        ForecastMetrics hold =
            ForecastMetrics.measure(
                HoldLast.predict(data.test()), data.test(), n, data.positions());
        notes.put("testExtrapolationMae", Double.toString(learned.extrapolationMae()));
        notes.put("holdLastExtrapolationMae", Double.toString(hold.extrapolationMae()));
        score =
            String.format(
                Locale.ROOT,
                "; on %d held-out windows extrapolation MAE %.4f, interpolation MAE %.4f"
                    + " (normalised; holding the last measurement: %.4f and %.4f)",
                data.test().size(),
                learned.extrapolationMae(),
                learned.interpolationMae(),
                hold.extrapolationMae(),
                hold.interpolationMae());
      }
      f.save(out, notes);
      System.out.printf(
          Locale.ROOT,
          "Trained %s on %s in %.0f s (kept step %d)%s. Saved %s, version %s.%n",
          arm.label(),
          system,
          f.trainingSeconds(),
          f.bestIteration(),
          score,
          out,
          f.fingerprint());
    }
    return 0;
  }
}
