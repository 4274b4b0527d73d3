package io.delos.actors.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code delos eval}: the evaluation suites, one subcommand each. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Run an evaluation and write its report.",
    subcommands = {EvalSymbolicCommand.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
