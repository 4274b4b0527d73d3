package io.delos.actors.cli;

import io.delos.actors.eval.SensingData;
import io.delos.actors.eval.SensingEvaluation;
import io.delos.worldmodel.sensing.SparConfig;
import io.delos.worldmodel.sensing.SparProbe;
import picocli.CommandLine.Option;

/**
 * The data, model and head options that {@code delos eval sensing} and {@code delos train sensing}
 * share, and the protocol settings they make.
 */
final class SensingOptions {
  @Option(
      names = "--train",
      defaultValue = "2000",
      description = "Training impacts (default: ${DEFAULT-VALUE}).")
  int train;

  @Option(
      names = "--test",
      defaultValue = "500",
      description = "Test impacts, heard by the held-out layouts (default: ${DEFAULT-VALUE}).")
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

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /**
   * The protocol's settings from these options.
   *
   * @throws IllegalArgumentException naming the first option out of range
   */
  SensingEvaluation.Settings settings(boolean validation, int seeds, String command) {
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
    return new SensingEvaluation.Settings(
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
        command);
  }
}
