package io.delos.actors.cli;

import io.delos.worldmodel.symbolic.ScaleSrConfig;
import io.delos.worldmodel.symbolic.eval.BenchmarkReport;
import io.delos.worldmodel.symbolic.eval.BenchmarkSettings;
import io.delos.worldmodel.symbolic.eval.RunRecord;
import io.delos.worldmodel.symbolic.eval.SymbolicBenchmark;
import io.delos.worldmodel.symbolic.eval.SympyCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos eval symbolic}: the ScaleSR benchmark against plain GP, with a Markdown report. */
@Command(
    name = "symbolic",
    mixinStandardHelpOptions = true,
    description =
        "Run the symbolic regression benchmark (Nguyen, Jin and AI Feynman equations, SRBench"
            + " noise levels and seeds) for ScaleSR and plain GP with the same budget, and write a"
            + " Markdown report with solution rates and R² > 0.999 rates by number of variables.")
final class EvalSymbolicCommand implements Callable<Integer> {
  @Option(
      names = "--budget-seconds",
      defaultValue = "30",
      description = "CPU seconds per regression on Feynman equations (default: ${DEFAULT-VALUE}).")
  long budgetSeconds;

  @Option(
      names = "--small-budget-seconds",
      defaultValue = "8",
      description = "CPU seconds per regression on Nguyen and Jin (default: ${DEFAULT-VALUE}).")
  long smallBudgetSeconds;

  @Option(
      names = "--sets",
      split = ",",
      defaultValue = "nguyen,jin,feynman",
      description = "Benchmark sets (default: ${DEFAULT-VALUE}).")
  List<String> sets;

  @Option(
      names = "--equations",
      split = ",",
      description = "Only these equations, by name (default: all in the sets).")
  List<String> equations = List.of();

  @Option(
      names = "--noise",
      split = ",",
      defaultValue = "0,0.001,0.01,0.1",
      description = "Noise levels (default: ${DEFAULT-VALUE}).")
  List<Double> noise;

  @Option(
      names = "--seeds",
      split = ",",
      defaultValue = "1,2,3",
      description = "Seeds (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Regressions run at once (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--points",
      defaultValue = "2000",
      description = "Points per equation, 75% for training (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--out",
      defaultValue = "scalesr-report.md",
      description = "Markdown report to write; raw records go beside it as .tsv.")
  Path out;

  @Option(names = "--no-sympy", description = "Skip the SymPy equivalence check.")
  boolean noSympy;

  @Option(
      names = "--report-from",
      split = ",",
      description =
          "Run nothing: merge these record files (.tsv, from earlier runs) into one report.")
  List<Path> reportFrom = List.of();

  @Option(
      names = "--header",
      description = "A line for the report's header (repeatable), for example the commands run.")
  List<String> extraHeader = List.of();

  @Override
  public Integer call() throws IOException {
    // Budgets are thread CPU time: keep PyTorch's work on the calling thread.
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    PrintStream console = System.out;
    if (!reportFrom.isEmpty()) {
      return merge(console);
    }
    BenchmarkSettings settings;
    try {
      settings =
          new BenchmarkSettings(
              sets,
              equations,
              noise,
              seeds,
              Duration.ofSeconds(budgetSeconds),
              Duration.ofSeconds(smallBudgetSeconds),
              points,
              0.75,
              workers,
              List.of(BenchmarkSettings.Arm.SCALESR, BenchmarkSettings.Arm.PLAIN_GP),
              ScaleSrConfig.defaults());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    boolean sympy = !noSympy && SympyCheck.available();
    if (!noSympy && !sympy) {
      console.println("python3 with SymPy is not available: the numerical check alone decides");
    }
    int total =
        SymbolicBenchmark.problems(settings).size()
            * noise.size()
            * seeds.size()
            * settings.arms().size();
    console.printf(
        Locale.ROOT,
        "%d regressions, %d at a time, %d/%d CPU s each (Feynman/others)%n",
        total,
        workers,
        budgetSeconds,
        smallBudgetSeconds);
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    // Records are also appended as they finish, so a long run that stops early keeps them.
    Path partial =
        out.resolveSibling(out.getFileName().toString().replaceAll("\\.md$", "") + ".partial.tsv");
    Files.writeString(partial, BenchmarkReport.tsv(List.of()), StandardCharsets.UTF_8);
    List<RunRecord> records =
        SymbolicBenchmark.run(
            settings,
            sympy,
            r -> {
              try {
                Files.writeString(
                    partial,
                    BenchmarkReport.tsv(List.of(r)).lines().skip(1).findFirst().orElse("") + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              console.printf(
                  Locale.ROOT,
                  "[%d/%d] %-10s %-8s noise %-5s seed %d: %5.1f s  R2 %.6f  exact %s  %s%n",
                  done.incrementAndGet(),
                  total,
                  r.problem(),
                  r.arm(),
                  r.noise(),
                  r.seed(),
                  r.seconds(),
                  r.testR2(),
                  r.numericSolution() ? "yes" : "no",
                  r.found());
            });
    double minutes = (System.nanoTime() - start) / 60e9;
    List<String> header = new ArrayList<>();
    header.add(
        String.format(
            Locale.ROOT,
            "Command: `./delos eval symbolic --budget-seconds %d --small-budget-seconds %d"
                + " --workers %d --seeds %s --noise %s --sets %s`",
            budgetSeconds,
            smallBudgetSeconds,
            workers,
            join(seeds),
            join(noise),
            String.join(",", sets)));
    header.add(
        String.format(
            Locale.ROOT,
            "Machine: %d available processors, %s %s; date %s",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            LocalDate.now()));
    header.add(
        String.format(Locale.ROOT, "Wall-clock time of the whole run: %.1f minutes", minutes));
    String report = BenchmarkReport.markdown(records, settings, header, sympy);
    Files.writeString(out, report, StandardCharsets.UTF_8);
    Path tsv = out.resolveSibling(out.getFileName().toString().replaceAll("\\.md$", "") + ".tsv");
    Files.writeString(tsv, BenchmarkReport.tsv(records), StandardCharsets.UTF_8);
    console.printf(
        Locale.ROOT, "report written to %s, records to %s (%.1f min)%n", out, tsv, minutes);
    return 0;
  }

  /** Writes one report from earlier record files. */
  private int merge(PrintStream console) throws IOException {
    List<RunRecord> records = new ArrayList<>();
    for (Path p : reportFrom) {
      records.addAll(BenchmarkReport.parseTsv(Files.readString(p, StandardCharsets.UTF_8)));
    }
    if (records.isEmpty()) {
      System.err.println("--report-from: the files hold no records");
      return 2;
    }
    List<Double> noises = records.stream().map(RunRecord::noise).distinct().sorted().toList();
    List<Long> seedList = records.stream().map(RunRecord::seed).distinct().sorted().toList();
    List<String> setList = records.stream().map(RunRecord::set).distinct().toList();
    BenchmarkSettings settings =
        new BenchmarkSettings(
            setList,
            List.of(),
            noises,
            seedList,
            Duration.ofSeconds(budgetSeconds),
            Duration.ofSeconds(smallBudgetSeconds),
            points,
            0.75,
            workers,
            List.of(BenchmarkSettings.Arm.SCALESR, BenchmarkSettings.Arm.PLAIN_GP),
            ScaleSrConfig.defaults());
    boolean sympy = records.stream().anyMatch(r -> r.sympy() != null);
    List<String> header = new ArrayList<>(extraHeader);
    header.add(String.format(Locale.ROOT, "Merged from %s; date %s", reportFrom, LocalDate.now()));
    Files.writeString(
        out, BenchmarkReport.markdown(records, settings, header, sympy), StandardCharsets.UTF_8);
    console.printf(Locale.ROOT, "report of %d records written to %s%n", records.size(), out);
    return 0;
  }

  private static String join(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      sb.append(sb.length() > 0 ? "," : "").append(v);
    }
    return sb.toString();
  }
}
