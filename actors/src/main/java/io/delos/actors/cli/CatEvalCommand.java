package io.delos.actors.cli;

import io.delos.actors.interpretable.CatEvaluation;
import io.delos.worldmodel.interpretable.CatConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delos eval cat}: CAT against least squares and MLPs on cart-pole performance data. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description =
        "Explain what drives an LQR's return on domain-randomised cart-poles: generate one row per"
            + " episode (body, actuation, environment and controller settings), fit CAT, two MLPs"
            + " and least squares, and print test accuracy, parameter counts and CAT's polynomial"
            + " as a Markdown section.")
final class CatEvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--episodes",
      defaultValue = "3000",
      description = "Rows (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--steps",
      defaultValue = "150",
      description = "Control steps per episode at 50 Hz (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--order", defaultValue = "2", description = "Polynomial order, 2 or 3.")
  int order;

  @Option(
      names = "--rank",
      defaultValue = "8",
      description = "Tucker rank (default: ${DEFAULT-VALUE}).")
  int rank;

  @Option(
      names = "--encoder-hidden",
      defaultValue = "8",
      description = "Concept encoder width, 0 for linear (default: ${DEFAULT-VALUE}).")
  int encoderHidden;

  @Option(
      names = "--max-epochs",
      defaultValue = "300",
      description = "Epoch budget of every network (default: ${DEFAULT-VALUE}).")
  int maxEpochs;

  @Option(
      names = "--patience",
      defaultValue = "20",
      description =
          "Epochs without a better validation loss before stopping (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(
      names = "--learning-rate",
      defaultValue = "3e-3",
      description = "Adam step size of every network (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--threshold",
      defaultValue = "0.01",
      description = "Printing threshold, return units (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Also write the Markdown section to this file.")
  Path out;

  @Override
  public Integer call() {
    return MarkdownSections.publish(
        "eval cat",
        out,
        () -> {
          CatConfig c =
              CatConfig.defaults(seed)
                  .withOrder(order)
                  .withRank(rank)
                  .withEncoderHidden(encoderHidden)
                  .withMaxEpochs(maxEpochs);
          c =
              new CatConfig(
                  c.order(),
                  c.rank(),
                  c.encoderHidden(),
                  c.penalty(),
                  c.validationFraction(),
                  c.maxEpochs(),
                  patience,
                  c.batchSize(),
                  learningRate,
                  c.seed());
          String command = MarkdownSections.commandLine(spec);
          CatEvaluation.Report r =
              CatEvaluation.run(
                  new CatEvaluation.Settings(
                      episodes, steps, 0.2, c, 16, 64, threshold, seed, command),
                  System.err);
          return r.markdown();
        });
  }
}
