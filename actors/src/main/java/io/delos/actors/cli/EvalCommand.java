package io.delos.actors.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code delos eval}: the project's evaluations. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Run an evaluation and write its results.",
    subcommands = {ForecastEvalCommand.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
