package io.delos.actors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SensingEvalCommandTest {
  @Test
  void tooFewImpactsOrAnOutOfRangeMaskRatioExitWithCodeTwoAndTheReason() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int fewImpacts;
    int badMask;
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      fewImpacts = new CommandLine(new DelosCommand()).execute("eval", "sensing", "--train", "5");
      badMask =
          new CommandLine(new DelosCommand()).execute("eval", "sensing", "--signal-mask", "0.95");
    } finally {
      System.setErr(saved);
    }
    assertThat(fewImpacts).isEqualTo(2);
    assertThat(badMask).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("eval sensing: trainImpacts = 5, testImpacts = 500: allowed >= 10")
        .contains("eval sensing: signalMaskRatio = 0.95: allowed (0, 0.9]");
  }

  @Test
  void trainSensingRefusesTheSameSettingsWithCodeTwoAndSavesNothing(@TempDir Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    Path out = dir.resolve("floor-field");
    int code;
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new DelosCommand())
              .execute("train", "sensing", "--width", "30", "--out", out.toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("train sensing: width = 30: allowed a multiple of heads = 4");
    assertThat(Files.exists(out)).isFalse();
  }
}
