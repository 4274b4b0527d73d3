package io.delos.actors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.worldmodel.physsm.Arm;
import io.delos.worldmodel.physsm.ForecasterCheckpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastTrainCommandTest {
  @Test
  void trainForecastSavesALoadableForecasterThatRecordsTheCommand(@TempDir Path dir) {
    Path out = dir.resolve("pendulum-physsm");
    int code =
        new CommandLine(new DelosCommand())
            .execute(
                "train",
                "forecast",
                "--system",
                "pendulum",
                "--iterations",
                "3",
                "--train-windows",
                "6",
                "--test-windows",
                "2",
                "--out",
                out.toString());
    assertThat(code).isZero();
    ForecasterCheckpoint c = ForecasterCheckpoint.read(out);
    try (var f = c.forecaster()) {
      assertThat(f.arm()).isEqualTo(Arm.PHY_SSM);
      assertThat(f.declaration().system()).isEqualTo("pendulum");
      assertThat(f.config().iterations()).isEqualTo(3);
    }
    assertThat(c.notes().get("command")).startsWith("delos train forecast --system pendulum");
    assertThat(c.notes()).containsKeys("testExtrapolationMae", "holdLastExtrapolationMae");
  }

  @Test
  void aSystemWithoutDeclaredPhysicsIsRefusedNamingIt(@TempDir Path dir) {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    int code;
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code =
          new CommandLine(new DelosCommand())
              .execute("train", "forecast", "--system", "walker", "--out", dir.toString());
    } finally {
      System.setErr(err);
    }
    assertThat(code).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("train forecast:")
        .contains("walker");
  }
}
