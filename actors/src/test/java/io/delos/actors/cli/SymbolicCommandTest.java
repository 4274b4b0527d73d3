package io.delos.actors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.worldmodel.symbolic.ExprParser;
import io.delos.worldmodel.symbolic.Simplifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SymbolicCommandTest {
  @Test
  void printsTheFrontAndTheBestExpressionOnTheLastLine(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("speed,drag\n");
    for (int i = 0; i < 60; i++) {
      double v = 0.5 + i * 0.05;
      csv.append(String.format(Locale.ROOT, "%.6f,%.12f%n", v, 0.3 * v * v + 1));
    }
    Path file = dir.resolve("drag.csv");
    Files.writeString(file, csv);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new DelosCommand())
              .execute(
                  "symbolic",
                  "--csv",
                  file.toString(),
                  "--target",
                  "drag",
                  "--budget-seconds",
                  "20");
    } finally {
      System.setOut(saved);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(code).as(String.join("\n", lines)).isZero();
    assertThat(lines).anyMatch(l -> l.startsWith("Pareto front"));
    String last = lines.get(lines.size() - 1);
    assertThat(
            Simplifier.provablyEqual(
                ExprParser.parse(last, List.of("speed")),
                ExprParser.parse("0.3*speed**2 + 1", List.of("speed"))))
        .as("last line %s", last)
        .isTrue();
  }
}
