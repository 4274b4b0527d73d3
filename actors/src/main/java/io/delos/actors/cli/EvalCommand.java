package io.delos.actors.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code delos eval}: evaluation protocols. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Run an evaluation protocol and write a report.",
    subcommands = {
      WorldModelEvalCommand.class,
      ForecastEvalCommand.class,
      EvalSymbolicCommand.class,
      CatEvalCommand.class,
      SteeringEvalCommand.class,
      TokenizerEvalCommand.class,
      SensingEvalCommand.class
    })
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
