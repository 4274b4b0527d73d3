package io.delos.actors.cli;

import io.delos.actors.eval.SensingData;
import io.delos.actors.eval.SensingEvaluation;
import io.delos.worldmodel.sensing.SparConfig;
import io.delos.worldmodel.sensing.SparProbe;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delos eval sensing}: SPAR against its ablations on a simulated floor sensor field. */
@Command(
    name = "sensing",
    mixinStandardHelpOptions = true,
    description =
        "Simulate foot strikes of the catalogue cheetah heard by floor and wall sensors around a"
            + " workspace, pretrain SPAR, SPAR without placement embeddings and SPAR with signal"
            + " reconstruction only on training layouts, fit localisation and strength heads on"
            + " their frozen representations, and print the error and accuracy on held-out"
            + " layouts with 1 to 3 nodes dropped, as a Markdown section.")
final class SensingEvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--train",
      defaultValue = "2000",
      description = "Training impacts (default: ${DEFAULT-VALUE}).")
  int train;

  @Option(
      names = "--test",
      defaultValue = "500",
      description = "Test impacts (default: ${DEFAULT-VALUE}).")
  int test;

  @Option(
      names = "--layouts",
      defaultValue = "24",
      description = "Training layouts (default: ${DEFAULT-VALUE}).")
  int layouts;

  @Option(
      names = "--held-out",
      defaultValue = "8",
      description = "Held-out layouts (default: ${DEFAULT-VALUE}).")
  int heldOut;

  @Option(
      names = "--noise",
      defaultValue = "0.05",
      description = "Noise relative to a light impact at 1 m (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(
      names = "--validation",
      description =
          "Score on a validation split (other held-out layouts and impacts) instead of the test"
              + " split, for choosing settings.")
  boolean validation;

  @Option(
      names = "--position-weight",
      defaultValue = "1",
      description = "Weight of the position-from-signal loss (default: ${DEFAULT-VALUE}).")
  double positionWeight;

  @Option(
      names = "--signal-mask",
      defaultValue = "0.3",
      description = "Share of nodes whose signal is masked (default: ${DEFAULT-VALUE}).")
  double signalMask;

  @Option(
      names = "--position-mask",
      defaultValue = "0.3",
      description = "Share of nodes whose position is masked (default: ${DEFAULT-VALUE}).")
  double positionMask;

  @Option(
      names = "--width",
      defaultValue = "32",
      description = "Model width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      description = "Pretraining passes (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--probe-epochs",
      defaultValue = "40",
      description = "Head training passes (default: ${DEFAULT-VALUE}).")
  int probeEpochs;

  @Option(
      names = "--seeds",
      defaultValue = "1",
      description = "Model seeds (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Also write the Markdown section to this file.")
  Path out;

  @Override
  public Integer call() {
    return MarkdownSections.publish(
        "eval sensing",
        out,
        () -> {
          String command = MarkdownSections.commandLine(spec);
          SparConfig spar =
              new SparConfig(
                  SensingData.WINDOW,
                  4,
                  2,
                  width,
                  4,
                  2,
                  16,
                  0.3,
                  true,
                  true,
                  signalMask,
                  positionMask,
                  1,
                  positionWeight,
                  epochs,
                  32,
                  2e-3,
                  seed);
          SensingEvaluation.Report r =
              SensingEvaluation.run(
                  new SensingEvaluation.Settings(
                      train,
                      test,
                      layouts,
                      heldOut,
                      validation,
                      noise,
                      spar,
                      new SparProbe.Settings(64, probeEpochs, 32, 2e-3, seed),
                      seeds,
                      seed,
                      command),
                  System.err);
          return r.markdown();
        });
  }
}
