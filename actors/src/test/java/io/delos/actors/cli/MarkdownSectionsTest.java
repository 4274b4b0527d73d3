package io.delos.actors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSectionsTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

  private int publish(Path out, Supplier<String> evaluation) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
      return MarkdownSections.publish("eval test", out, evaluation);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  @Test
  void aSectionIsPrintedAndWrittenToOut() throws Exception {
    Path out = dir.resolve("section.md");
    assertThat(publish(out, () -> "## Section\n")).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("## Section\n");
    assertThat(Files.readString(out)).isEqualTo("## Section\n");
  }

  @Test
  void refusedSettingsExitWithTwoAndTheReasonAndPrintNoSection() {
    int code =
        publish(
            dir.resolve("never.md"),
            () -> {
              throw new IllegalArgumentException("seeds = 0: allowed >= 1");
            });
    assertThat(code).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains("eval test: seeds = 0: allowed >= 1");
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir.resolve("never.md")).doesNotExist();
  }

  @Test
  void anOutThatCannotBeWrittenExitsWithOneAfterPrinting() {
    assertThat(publish(dir, () -> "## Section\n")).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("## Section\n");
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("eval test: cannot write " + dir);
  }
}
