package io.delos.actors.cli;

import io.delos.actors.eval.SensingEvaluation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delos train sensing}: pretrains SPAR on the simulated floor sensor field of {@code delos
 * eval sensing}, fits its localisation head, scores it on held-out layouts and saves both in a
 * folder that {@code SensingService} serves.
 */
@Command(
    name = "sensing",
    mixinStandardHelpOptions = true,
    description =
        "Pretrain SPAR on foot strikes of the catalogue cheetah heard by floor and wall sensors"
            + " (the data of 'delos eval sensing'), fit its localisation head, score it on"
            + " held-out layouts with 1 to 3 nodes dropped and save both in a folder. Put the"
            + " folder in the server's models directory (delos.models.directory); its name is the"
            + " model id SensingService answers to, for example floor-field. The model reads"
            + " 64-sample windows at 500 Hz from nodes with the roles floor/geophone,"
            + " floor/accelerometer, wall/geophone and wall/accelerometer.")
final class SensingTrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin SensingOptions options;

  @Option(names = "--out", required = true, description = "Folder to save the model in.")
  Path out;

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
    SensingEvaluation.Settings settings;
    try {
      settings = options.settings(false, 1, MarkdownSections.commandLine(spec));
    } catch (IllegalArgumentException e) {
      System.err.println("train sensing: " + e.getMessage());
      return 2;
    }
    SensingEvaluation.Saved saved = SensingEvaluation.trainAndSave(settings, out, System.err);
    System.out.printf(
        Locale.ROOT,
        "Trained SPAR in %.0f s. On %d held-out layouts it locates impacts %.3f m from where they"
            + " were (guessing the mean position: %.3f m); per-axis RMS error %.3f m, reported as"
            + " its uncertainty. Saved %s, version %s.%n",
        saved.seconds(),
        settings.heldOutLayouts(),
        saved.errorMetres(),
        saved.centreError(),
        saved.uncertainty(),
        out,
        saved.version());
    return 0;
  }
}
