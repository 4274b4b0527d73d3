package io.delos.actors.cli;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.generator.Systems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos systems}: every robot system with its family and sizes. */
@Command(
    name = "systems",
    mixinStandardHelpOptions = true,
    description =
        "List the robot systems (the catalogue, then the generated ones) with their ids,"
            + " families and observation/action sizes.")
final class SystemsCommand implements Callable<Integer> {
  @Option(names = "--family", description = "Only systems of this family (for example walker).")
  String family;

  @Override
  public Integer call() {
    System.out.printf("%-24s %-10s %5s %5s%n", "ID", "FAMILY", "OBS", "ACT");
    int n = 0;
    for (RobotSystem s : Systems.all()) {
      if (family != null && !family.equals(s.family())) {
        continue;
      }
      System.out.printf(
          "%-24s %-10s %5d %5d%n", s.id(), s.family(), s.observationSize(), s.actionSize());
      n++;
    }
    System.out.println(n + " systems");
    return 0;
  }
}
