package io.delos.worldmodel.symbolic.eval;

import io.delos.worldmodel.symbolic.VariableRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The benchmark equations, read from {@code benchmarks.tsv} beside this class. */
public final class BenchmarkSuite {
  private BenchmarkSuite() {}

  /** Every equation, in file order. */
  public static List<BenchmarkProblem> load() {
    String text;
    try (InputStream in = BenchmarkSuite.class.getResourceAsStream("benchmarks.tsv")) {
      if (in == null) {
        throw new IllegalStateException("resource benchmarks.tsv is missing beside BenchmarkSuite");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(text);
  }

  /**
   * Parses the tab-separated format: set, name, formula, variables ({@code name:low:high}, comma
   * separated); lines starting with {@code #} are comments.
   *
   * @throws IllegalArgumentException naming the line that is malformed
   */
  public static List<BenchmarkProblem> parse(String text) {
    List<BenchmarkProblem> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 4) {
        throw new IllegalArgumentException(
            "benchmarks line " + (i + 1) + " has " + f.length + " fields: expected 4");
      }
      List<VariableRange> vars = new ArrayList<>();
      for (String v : f[3].split(",")) {
        String[] p = v.split(":");
        if (p.length != 3) {
          throw new IllegalArgumentException(
              "benchmarks line " + (i + 1) + ": variable '" + v + "' is not name:low:high");
        }
        vars.add(new VariableRange(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2])));
      }
      out.add(new BenchmarkProblem(f[0], f[1], f[2], vars));
    }
    return out;
  }
}
