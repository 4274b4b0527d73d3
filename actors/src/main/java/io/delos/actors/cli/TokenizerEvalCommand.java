package io.delos.actors.cli;

import io.delos.actors.eval.TokenizerEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delos eval tokenizer}: Dywave against fixed patches on cheetah gait streams. */
@Command(
    name = "tokenizer",
    mixinStandardHelpOptions = true,
    description =
        "Record labelled gait streams of the simulated cheetah (body and joint velocities, foot"
            + " contacts), tokenize them with Dywave and with fixed patches, and print token"
            + " counts, boundary F1 against the foot events, reconstruction error and the"
            + " accuracy of the same small classifier on either, in-domain and under a shift of"
            + " sampling rate and amplitude, as a Markdown section.")
final class TokenizerEvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--train",
      defaultValue = "150",
      description = "Training streams (default: ${DEFAULT-VALUE}).")
  int train;

  @Option(
      names = "--test",
      defaultValue = "90",
      description = "Streams per test split (default: ${DEFAULT-VALUE}).")
  int test;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "In-domain sampling rate, Hz (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--shift-rate",
      defaultValue = "60",
      description = "Sampling rate of the shifted split, Hz (default: ${DEFAULT-VALUE}).")
  double shiftRate;

  @Option(
      names = "--shift-amplitude",
      defaultValue = "1.3",
      description = "Actuation amplitude factor of the shifted split (default: ${DEFAULT-VALUE}).")
  double shiftAmplitude;

  @Option(
      names = "--seconds",
      defaultValue = "4",
      description = "Duration of every stream, s (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--epochs",
      defaultValue = "40",
      description = "Classifier training passes (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Also write the Markdown section to this file.")
  Path out;

  @Override
  public Integer call() {
    return MarkdownSections.publish(
        "eval tokenizer",
        out,
        () -> {
          String command = MarkdownSections.commandLine(spec);
          TokenizerEvaluation.Report r =
              TokenizerEvaluation.run(
                  new TokenizerEvaluation.Settings(
                      train,
                      test,
                      rate,
                      shiftRate,
                      shiftAmplitude,
                      seconds,
                      List.of(0.02, 0.05, 0.1),
                      0.05,
                      1.28,
                      List.of(0.08, 0.16),
                      8,
                      0.05,
                      32,
                      epochs,
                      seed,
                      command),
                  System.err);
          return r.markdown();
        });
  }
}
