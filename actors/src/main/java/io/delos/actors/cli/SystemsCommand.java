package io.delos.actors.cli;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.generator.Generator;
import io.delos.robots.generator.Split;
import io.delos.robots.generator.Systems;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos systems}: every robot system with its family and sizes. */
@Command(
    name = "systems",
    mixinStandardHelpOptions = true,
    description =
        "List the robot systems (the catalogue, then the generated ones) with their ids,"
            + " families, observation/action sizes and roles in the default split (training,"
            + " zero_shot, few_shot).")
final class SystemsCommand implements Callable<Integer> {
  @Option(names = "--family", description = "Only systems of this family (for example walker).")
  String family;

  @Override
  public Integer call() {
    Generator generator = Generator.standard();
    Map<String, Split.Role> roles = new HashMap<>();
    for (Split.Entry e : generator.split(generator.defaultSeed()).entries()) {
      roles.put(e.id(), e.role());
    }
    System.out.printf("%-24s %-10s %5s %5s  %s%n", "ID", "FAMILY", "OBS", "ACT", "SPLIT");
    int n = 0;
    for (RobotSystem s : Systems.all()) {
      if (family != null && !family.equals(s.family())) {
        continue;
      }
      System.out.printf(
          "%-24s %-10s %5d %5d  %s%n",
          s.id(),
          s.family(),
          s.observationSize(),
          s.actionSize(),
          roles.getOrDefault(s.id(), Split.Role.TRAINING).name().toLowerCase(Locale.ROOT));
      n++;
    }
    System.out.println(n + " systems");
    return 0;
  }
}
