package io.delos.actors.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.robot.Pacing;
import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
  @Test
  void closingTheRuntimeFlushesPartialChunksSoTheLogHoldsEveryStep(@TempDir Path dir)
      throws Exception {
    DelosRuntime runtime =
        DelosRuntime.start(
            ConfigFactory.load(),
            "graceful",
            new TrajectoryStore.Settings(dir, 1000, Duration.ofSeconds(30)));
    for (int i = 0; i < 3; i++) {
      runtime.spawnRobot(
          "p" + i,
          "pendulum",
          () ->
              new MorphologyEnvironment(
                  ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(77), SimConfig.DEFAULT),
          runtime.robotDefaults().withPacing(Pacing.FREE_RUN));
    }
    Thread.sleep(300);
    List<RobotSystemActor.Status> before =
        runtime.robotStatuses(Duration.ofSeconds(5)).toCompletableFuture().join();
    assertThat(before).allMatch(s -> s.steps() > 0);
    runtime.close();

    Path log;
    try (Stream<Path> files = Files.list(dir)) {
      log = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    ChunkLog.Contents contents = ChunkLog.read(log);
    assertThat(contents.skippedBytes()).isZero();
    long rows = contents.entries().stream().mapToLong(e -> e.chunk().length()).sum();
    long minimum = before.stream().mapToLong(RobotSystemActor.Status::steps).sum();
    assertThat(rows).isGreaterThanOrEqualTo(minimum);
    // Partial chunks arrived: at least one system's rows are not a multiple of the chunk size.
    assertThat(
            contents.entries().stream()
                .anyMatch(e -> e.chunk().length() < runtime.robotDefaults().chunkSize()))
        .isTrue();
  }
}
