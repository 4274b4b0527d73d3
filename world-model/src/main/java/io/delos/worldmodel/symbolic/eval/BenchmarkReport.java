package io.delos.worldmodel.symbolic.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Writes benchmark records as a Markdown report with tables. */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  /**
   * The report.
   *
   * @param records every regression's outcome
   * @param settings what was run
   * @param header lines placed under the title (command, machine, date, timing)
   * @param sympyUsed whether SymPy confirmed solutions
   */
  public static String markdown(
      List<RunRecord> records, BenchmarkSettings settings, List<String> header, boolean sympyUsed) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ScaleSR benchmark\n\n");
    for (String h : header) {
      sb.append(h).append("  \n");
    }
    sb.append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "Protocol: %d points per equation drawn uniformly from its box, %.0f%% for training;"
                + " Gaussian noise of standard deviation level × RMS(y) added to training targets;"
                + " R² on the noise-free held-out points; seeds %s; budget %d s per regression"
                + " (Feynman) and %d s (Nguyen, Jin); %d regressions at a time.%n%n",
            settings.points(),
            100 * settings.trainFraction(),
            settings.seeds(),
            settings.feynmanBudget().toSeconds(),
            settings.smallBudget().toSeconds(),
            settings.workers()));
    sb.append(
        sympyUsed
            ? "Solution: the found expression, its constants refitted on noise-free points, is"
                + " equal to the truth up to constants by SymPy (truth − found or found / truth"
                + " simplifies to a constant, after floats within 1e-6 of simple numbers are made"
                + " exact); where SymPy timed out, the numerical check decides (refitted NMSE ≤"
                + " 1e-14).\n\n"
            : "Solution: the numerical check (the found expression's constants refitted on"
                + " noise-free points reproduce the truth with NMSE ≤ 1e-14); SymPy was not"
                + " available.\n\n");
    List<Double> noises = settings.noiseLevels();
    List<BenchmarkSettings.Arm> arms = settings.arms();
    Map<String, Predicate<RunRecord>> groups = new LinkedHashMap<>();
    groups.put("Nguyen", r -> r.set().equals("nguyen"));
    groups.put("Jin", r -> r.set().equals("jin"));
    groups.put("Feynman, 3 vars", r -> r.set().equals("feynman") && r.variables() == 3);
    groups.put("Feynman, 4 vars", r -> r.set().equals("feynman") && r.variables() == 4);
    groups.put("Feynman, 5+ vars", r -> r.set().equals("feynman") && r.variables() >= 5);
    groups.put("All, 4+ vars", r -> r.variables() >= 4);

    sb.append("## Symbolic solution rate\n\n");
    table(sb, records, groups, noises, arms, RunRecord::solved);
    sb.append("## Rate of R² > 0.999 on held-out points\n\n");
    table(sb, records, groups, noises, arms, r -> r.testR2() > 0.999);
    if (sympyUsed) {
      sb.append("## Numerical solution check alone (refitted NMSE ≤ 1e-14)\n\n");
      table(sb, records, groups, noises, arms, RunRecord::numericSolution);
    }

    sb.append("## Per equation (noise-free, solved seeds / seeds)\n\n");
    sb.append("| set | equation | vars |");
    for (BenchmarkSettings.Arm a : arms) {
      sb.append(' ').append(a).append(" |");
    }
    for (BenchmarkSettings.Arm a : arms) {
      sb.append(' ').append(a).append(" expression (first seed) |");
    }
    sb.append('\n').append("| --- | --- | --- |");
    for (int i = 0; i < 2 * arms.size(); i++) {
      sb.append(" --- |");
    }
    sb.append('\n');
    List<String> seen = new ArrayList<>();
    for (RunRecord r : records) {
      String key = r.set() + "/" + r.problem();
      if (seen.contains(key)) {
        continue;
      }
      seen.add(key);
      sb.append("| ").append(r.set()).append(" | ").append(r.problem()).append(" | ");
      sb.append(r.variables()).append(" |");
      for (BenchmarkSettings.Arm a : arms) {
        List<RunRecord> rs =
            records.stream()
                .filter(x -> x.problem().equals(r.problem()) && x.arm() == a && x.noise() == 0)
                .toList();
        long solved = rs.stream().filter(RunRecord::solved).count();
        sb.append(' ').append(solved).append('/').append(rs.size()).append(" |");
      }
      for (BenchmarkSettings.Arm a : arms) {
        String expr =
            records.stream()
                .filter(x -> x.problem().equals(r.problem()) && x.arm() == a && x.noise() == 0)
                .map(RunRecord::found)
                .findFirst()
                .orElse("");
        sb.append(" `").append(expr.replace("|", "\\|")).append("` |");
      }
      sb.append('\n');
    }
    sb.append('\n');
    return sb.toString();
  }

  private static void table(
      StringBuilder sb,
      List<RunRecord> records,
      Map<String, Predicate<RunRecord>> groups,
      List<Double> noises,
      List<BenchmarkSettings.Arm> arms,
      Predicate<RunRecord> success) {
    sb.append("| group | arm |");
    for (double n : noises) {
      sb.append(" noise ").append(n).append(" |");
    }
    sb.append('\n').append("| --- | --- |");
    for (int i = 0; i < noises.size(); i++) {
      sb.append(" --- |");
    }
    sb.append('\n');
    for (Map.Entry<String, Predicate<RunRecord>> g : groups.entrySet()) {
      if (records.stream().noneMatch(g.getValue())) {
        continue;
      }
      for (BenchmarkSettings.Arm a : arms) {
        sb.append("| ").append(g.getKey()).append(" | ").append(a).append(" |");
        for (double n : noises) {
          List<RunRecord> rs =
              records.stream()
                  .filter(g.getValue())
                  .filter(r -> r.arm() == a && r.noise() == n)
                  .toList();
          long ok = rs.stream().filter(success).count();
          sb.append(
              rs.isEmpty()
                  ? " – |"
                  : String.format(
                      Locale.ROOT, " %.0f%% (%d/%d) |", 100.0 * ok / rs.size(), ok, rs.size()));
        }
        sb.append('\n');
      }
    }
    sb.append('\n');
  }

  /**
   * Reads records written by {@link #tsv(List)}.
   *
   * @throws IllegalArgumentException naming a malformed line
   */
  public static List<RunRecord> parseTsv(String text) {
    List<RunRecord> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].split("\t", -1);
      if (f.length != 13) {
        throw new IllegalArgumentException(
            "records line " + (i + 1) + " has " + f.length + " fields: expected 13");
      }
      out.add(
          new RunRecord(
              f[0],
              f[1],
              Integer.parseInt(f[2]),
              BenchmarkSettings.Arm.valueOf(f[3]),
              Double.parseDouble(f[4]),
              Long.parseLong(f[5]),
              f[11],
              Integer.parseInt(f[10]),
              Double.parseDouble(f[7]),
              Boolean.parseBoolean(f[8]),
              f[12],
              f[9].equals("null") ? null : SympyCheck.Verdict.valueOf(f[9]),
              Double.parseDouble(f[6])));
    }
    return out;
  }

  /** The records as tab-separated values with a header row. */
  public static String tsv(List<RunRecord> records) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "set\tproblem\tvariables\tarm\tnoise\tseed\tseconds\ttest_r2\tnumeric\tsympy\tcomplexity"
            + "\tfound\trefitted\n");
    for (RunRecord r : records) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%s\t%s\t%d\t%s\t%s\t%d\t%.1f\t%.6f\t%s\t%s\t%d\t%s\t%s%n",
              r.set(),
              r.problem(),
              r.variables(),
              r.arm(),
              r.noise(),
              r.seed(),
              r.seconds(),
              r.testR2(),
              r.numericSolution(),
              r.sympy(),
              r.complexity(),
              r.found(),
              r.refitted()));
    }
    return sb.toString();
  }
}
