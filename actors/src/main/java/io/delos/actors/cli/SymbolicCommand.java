package io.delos.actors.cli;

import io.delos.worldmodel.symbolic.Cancellation;
import io.delos.worldmodel.symbolic.Candidate;
import io.delos.worldmodel.symbolic.ScaleSr;
import io.delos.worldmodel.symbolic.ScaleSrConfig;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import io.delos.worldmodel.symbolic.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos symbolic}: ScaleSR symbolic regression on a CSV table. */
@Command(
    name = "symbolic",
    mixinStandardHelpOptions = true,
    description =
        "Find a closed-form expression for one column of a CSV table (header row of names) with"
            + " ScaleSR. Prints progress, then the complexity-accuracy Pareto front, and on its"
            + " last line the best expression in plain infix over the column names.")
final class SymbolicCommand implements Callable<Integer> {
  @Option(names = "--csv", required = true, description = "The table, comma separated.")
  Path csv;

  @Option(names = "--target", required = true, description = "The column to explain.")
  String target;

  @Option(
      names = "--inputs",
      split = ",",
      description = "Columns it may use, comma separated (default: all others).")
  List<String> inputs = List.of();

  @Option(
      names = "--budget-seconds",
      defaultValue = "60",
      description = "Wall-clock seconds to spend (default: ${DEFAULT-VALUE}).")
  double budgetSeconds;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seeds every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    if (!(budgetSeconds > 0 && budgetSeconds <= 86_400)) {
      System.err.println("--budget-seconds = " + budgetSeconds + ": allowed (0, 86400]");
      return 2;
    }
    Table table;
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      table = Table.parseCsv(r);
    } catch (IllegalArgumentException e) {
      System.err.println(csv + ": " + e.getMessage());
      return 2;
    }
    SymbolicRegressionRequest request;
    try {
      request =
          new SymbolicRegressionRequest(
              table,
              target,
              inputs,
              Duration.ofMillis((long) (budgetSeconds * 1000)),
              SymbolicRegressionRequest.Clock.WALL,
              Long.MAX_VALUE,
              seed,
              ScaleSrConfig.defaults());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    out.printf(
        Locale.ROOT,
        "ScaleSR on %s: %d rows, target %s, inputs %s, budget %.0f s%n",
        csv,
        table.rows(),
        target,
        request.inputNames(),
        budgetSeconds);
    Cancellation cancel = new Cancellation();
    Thread hook = new Thread(cancel::cancel, "symbolic-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    SymbolicRegressionResult result;
    try {
      result =
          ScaleSr.run(
              request,
              p -> out.printf(Locale.ROOT, "[%3.0f%%] %s%n", 100 * p.fraction(), p.message()),
              cancel);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down already.
      }
    }
    printFront(out, result);
    if (result.best() == null) {
      System.err.println("no expression found");
      return 1;
    }
    out.println(result.bestInfix());
    return 0;
  }

  static void printFront(PrintStream out, SymbolicRegressionResult result) {
    out.println("Pareto front (complexity, NMSE on the data, expression):");
    for (Candidate c : result.front()) {
      out.printf(
          Locale.ROOT,
          "  %3d  %.3e  %s%s%n",
          c.complexity(),
          c.nmse(),
          result.infix(c, 6),
          c == result.best() ? "   <- best" : "");
    }
    out.printf(
        Locale.ROOT,
        "%d expression evaluations in %.1f s%n",
        result.evaluations(),
        result.elapsed().toMillis() / 1000.0);
  }
}
