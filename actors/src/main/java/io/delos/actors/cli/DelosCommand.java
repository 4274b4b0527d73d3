package io.delos.actors.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code delos} command line. */
@Command(
    name = "delos",
    mixinStandardHelpOptions = true,
    version = "delos 0.1.0",
    description = "Robot simulation, learned world models and model-predictive control.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      NodeCommand.class,
      SystemsCommand.class,
      CollectCommand.class,
      RosCommand.class,
      TrainCommand.class,
      SymbolicCommand.class,
      DiscoverCommand.class,
      EvalCommand.class
    })
public final class DelosCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // Initialise logging on this thread before actors log from theirs.
    org.slf4j.LoggerFactory.getLogger(DelosCommand.class);
    int code = new CommandLine(new DelosCommand()).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
