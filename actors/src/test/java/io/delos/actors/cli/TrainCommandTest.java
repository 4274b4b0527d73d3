package io.delos.actors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.actors.worldmodel.WorldModelData;
import io.delos.robots.dataset.CollectionListener;
import io.delos.worldmodel.sequence.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  static final String TINY =
      """
      {"format": "delos-westworld-config", "version": 1, "name": "tiny",
       "model": {"d": 16, "blocks": 1, "heads": 2, "bins": 16, "ffnHidden": 32, "experts": 2,
                 "expertHidden": 16, "ssmInner": 16, "ssmHeads": 2, "ssmState": 4, "window": 8,
                 "observed": 3, "maxObservations": 16, "maxActions": 4, "maxBodies": 8,
                 "mlpHidden": 16, "ensemble": 2, "tdmContext": 2},
       "training": {"batchSize": 4, "steps": 4, "learningRate": 0.003, "minLearningRate": 0.0003,
                    "warmupSteps": 1, "weightDecay": 0.0, "clipNorm": 1.0, "buckets": 2,
                    "checkpointEvery": 2, "seed": 1}}
      """;

  @Test
  void trainWritesAResumableCheckpointThatRecordsTheCommandAndSeed(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    WorldModelData.collect(
        data, List.of("pendulum", "cartpole"), "coloured", 3, 40, 5, CollectionListener.NONE);
    Path config = dir.resolve("tiny.json");
    Files.writeString(config, TINY);
    Path out = dir.resolve("run.ckpt");
    Path export = dir.resolve("model.ckpt");
    int code =
        new CommandLine(new DelosCommand())
            .execute(
                "train",
                "--data",
                data.toString(),
                "--config",
                config.toString(),
                "--steps",
                "3",
                "--seed",
                "7",
                "--out",
                out.toString(),
                "--export",
                export.toString());
    assertThat(code).isZero();
    Checkpoint run = Checkpoint.read(out);
    assertThat(run.step()).isEqualTo(3);
    assertThat(run.optimizer()).isNotEmpty();
    assertThat(run.notes().get("command")).startsWith("delos train --data");
    assertThat(run.notes()).containsEntry("seed", "7");
    assertThat(run.registry().ids()).containsExactlyInAnyOrder("pendulum", "cartpole");
    Checkpoint shipped = Checkpoint.read(export);
    assertThat(shipped.optimizer()).isEmpty();
    assertThat(Files.size(export)).isLessThan(Files.size(out));

    // The same command with more steps continues from step 3.
    code =
        new CommandLine(new DelosCommand())
            .execute(
                "train",
                "--data",
                data.toString(),
                "--config",
                config.toString(),
                "--steps",
                "5",
                "--seed",
                "7",
                "--out",
                out.toString());
    assertThat(code).isZero();
    assertThat(Checkpoint.read(out).step()).isEqualTo(5);
  }

  @Test
  void aBaselineKindTrainsAndABadKindIsRefused(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    WorldModelData.collect(
        data, List.of("pendulum"), "coloured", 2, 40, 6, CollectionListener.NONE);
    Path config = dir.resolve("tiny.json");
    Files.writeString(config, TINY);
    Path out = dir.resolve("tw.ckpt");
    int code =
        new CommandLine(new DelosCommand())
            .execute(
                "train",
                "--data",
                data.toString(),
                "--config",
                config.toString(),
                "--kind",
                "trajworld",
                "--steps",
                "2",
                "--out",
                out.toString());
    assertThat(code).isZero();
    assertThat(Checkpoint.read(out).kind()).isEqualTo("trajworld");
    code =
        new CommandLine(new DelosCommand())
            .execute(
                "train",
                "--data",
                data.toString(),
                "--config",
                config.toString(),
                "--kind",
                "gpt",
                "--steps",
                "2",
                "--out",
                dir.resolve("x.ckpt").toString());
    assertThat(code).isEqualTo(2);
  }
}
