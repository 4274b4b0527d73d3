package io.delos.worldmodel.symbolic.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks symbolic equivalence up to constants with SymPy, in one {@code python3} process for a
 * whole batch (the script {@code sympy_check.py} beside this class).
 */
public final class SympyCheck {
  /** Outcome of one comparison. */
  public enum Verdict {
    /** Truth minus found, or found over truth, simplified to a constant. */
    EQUAL,
    /** SymPy found no such simplification. */
    DIFFER,
    /** SymPy ran out of time on this pair. */
    TIMEOUT,
    /** SymPy could not read or compare this pair. */
    ERROR
  }

  /**
   * One pair to compare.
   *
   * @param names variable names used in both expressions
   * @param positive per variable, whether it may be assumed positive
   * @param truth the true expression, plain infix
   * @param found the found expression, plain infix
   */
  public record Pair(List<String> names, List<Boolean> positive, String truth, String found) {
    /** Validates the pair. */
    public Pair {
      names = List.copyOf(names);
      positive = List.copyOf(positive);
      if (names.size() != positive.size()) {
        throw new IllegalArgumentException(
            "names has " + names.size() + " entries, positive " + positive.size());
      }
    }
  }

  private static final Pattern LINE =
      Pattern.compile("\\{\"id\": (\\d+), \"verdict\": \"(\\w+)\"\\}");

  private SympyCheck() {}

  /** True when {@code python3} with SymPy can be started here. */
  public static boolean available() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import sympy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Compares every pair.
   *
   * @return one verdict per pair, in order
   * @throws IllegalStateException when {@code python3} fails to run the script
   */
  public static List<Verdict> check(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return List.of();
    }
    try {
      Path script = Files.createTempFile("sympy_check", ".py");
      try (InputStream in = SympyCheck.class.getResourceAsStream("sympy_check.py")) {
        if (in == null) {
          throw new IllegalStateException("resource sympy_check.py is missing beside SympyCheck");
        }
        Files.write(script, in.readAllBytes());
      }
      try {
        return run(script, pairs);
      } finally {
        Files.deleteIfExists(script);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Verdict> run(Path script, List<Pair> pairs) throws IOException {
    Process p =
        new ProcessBuilder("python3", script.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Thread writer =
        new Thread(
            () -> {
              try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (int i = 0; i < pairs.size(); i++) {
                  w.write(json(i, pairs.get(i)));
                  w.write('\n');
                }
              } catch (IOException e) {
                // The reader reports the missing verdicts.
              }
            },
            "sympy-writer");
    writer.start();
    Map<Integer, Verdict> verdicts = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = LINE.matcher(line.strip());
        if (m.matches()) {
          verdicts.put(
              Integer.parseInt(m.group(1)),
              Verdict.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT)));
        }
      }
    }
    try {
      writer.join();
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
    }
    if (verdicts.isEmpty() && p.exitValue() != 0) {
      throw new IllegalStateException(
          "python3 sympy_check.py exited with " + p.exitValue() + " and no verdicts");
    }
    List<Verdict> out = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      out.add(verdicts.getOrDefault(i, Verdict.ERROR));
    }
    return out;
  }

  private static String json(int id, Pair p) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"id\": ").append(id).append(", \"names\": [");
    for (int i = 0; i < p.names().size(); i++) {
      sb.append(i > 0 ? ", " : "").append(quote(p.names().get(i)));
    }
    sb.append("], \"positive\": [");
    for (int i = 0; i < p.positive().size(); i++) {
      sb.append(i > 0 ? ", " : "").append(p.positive().get(i));
    }
    sb.append("], \"truth\": ")
        .append(quote(p.truth()))
        .append(", \"found\": ")
        .append(quote(p.found()))
        .append('}');
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
