package io.delos.actors.cli;

import io.delos.worldmodel.steering.BarrierConfig;
import io.delos.worldmodel.steering.BarrierFeatures;
import io.delos.worldmodel.steering.Normalisation;
import io.delos.worldmodel.steering.SteeringBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delos eval steering}: ODESteer against its baselines on synthetic activations. */
@Command(
    name = "steering",
    mixinStandardHelpOptions = true,
    description =
        "Fit ODESteer and the CAA, ITI, RepE and LinAcT baselines on synthetic activations whose"
            + " true log density ratio is known (XOR clusters, concentric shells, a linear case),"
            + " calibrate every method to the same mean displacement, and print the true log-ratio"
            + " gain and the share of negatives moved into the positive region as a Markdown"
            + " section.")
final class SteeringEvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--examples",
      defaultValue = "1000",
      description = "Training examples per class (default: ${DEFAULT-VALUE}).")
  int examples;

  @Option(
      names = "--test-examples",
      defaultValue = "500",
      description = "Held-out examples per class (default: ${DEFAULT-VALUE}).")
  int testExamples;

  @Option(
      names = "--dimension",
      defaultValue = "8",
      description = "Activation dimension (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(
      names = "--movement",
      defaultValue = "1.5",
      description =
          "Mean displacement of every method, activation units (default: ${DEFAULT-VALUE}).")
  double movement;

  @Option(
      names = "--steps",
      defaultValue = "10",
      description = "Euler steps of ODESteer (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--features",
      defaultValue = "1024",
      description = "Sketch dimension, a power of two (default: ${DEFAULT-VALUE}).")
  int features;

  @Option(
      names = "--gamma",
      defaultValue = "0.1",
      description = "Polynomial kernel scale (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(
      names = "--ridge",
      defaultValue = "1e-3",
      description = "L2 penalty of the classifiers (default: ${DEFAULT-VALUE}).")
  double ridge;

  @Option(
      names = "--normalisation",
      defaultValue = "STANDARDISE",
      description = "STANDARDISE or UNIT_LENGTH (default: ${DEFAULT-VALUE}).")
  Normalisation normalisation;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Also write the Markdown section to this file.")
  Path out;

  @Override
  public Integer call() {
    return MarkdownSections.publish(
        "eval steering",
        out,
        () -> {
          BarrierConfig barrier =
              BarrierConfig.defaults(seed)
                  .withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, features)
                  .withGamma(gamma)
                  .withRidge(ridge)
                  .withNormalisation(normalisation);
          String command = MarkdownSections.commandLine(spec);
          SteeringBenchmark.Report r =
              SteeringBenchmark.run(
                  new SteeringBenchmark.Settings(
                      examples, testExamples, dimension, movement, steps, barrier, seed, command),
                  System.err::println);
          return r.markdown();
        });
  }
}
