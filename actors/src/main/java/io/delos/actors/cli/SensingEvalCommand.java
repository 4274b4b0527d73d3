package io.delos.actors.cli;

import io.delos.actors.eval.SensingEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin SensingOptions options;

  @Option(
      names = "--validation",
      description =
          "Score on a validation split (other held-out layouts and impacts) instead of the test"
              + " split, for choosing settings.")
  boolean validation;

  @Option(
      names = "--seeds",
      defaultValue = "1",
      description = "Model seeds (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--out", description = "Also write the Markdown section to this file.")
  Path out;

  @Override
  public Integer call() {
    return MarkdownSections.publish(
        "eval sensing",
        out,
        () -> {
          String command = MarkdownSections.commandLine(spec);
          SensingEvaluation.Report r =
              SensingEvaluation.run(options.settings(validation, seeds, command), System.err);
          return r.markdown();
        });
  }
}
