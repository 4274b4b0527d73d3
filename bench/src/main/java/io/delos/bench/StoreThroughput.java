package io.delos.bench;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.robot.Pacing;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.store.TrajectoryStore;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Transitions per second from free-running robots into the trajectory store (each chunk written to
 * the chunk log before it is acknowledged).
 *
 * <p>Run: {@code java -cp ... io.delos.bench.StoreThroughput ROBOTS SECONDS CHUNK [memory|log]}.
 */
public final class StoreThroughput {
  private StoreThroughput() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int robots = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    boolean logged = args.length <= 3 || args[3].equals("log");
    Path dir = Files.createTempDirectory("delos-store-bench");
    TrajectoryStore.Settings store =
        new TrajectoryStore.Settings(logged ? dir : null, 10_000, Duration.ofSeconds(1));
    var config =
        ConfigFactory.parseString("delos.robots.chunk-size = " + chunk)
            .withFallback(ConfigFactory.load());
    try (DelosRuntime runtime = DelosRuntime.start(config, "store-bench", store)) {
      for (int i = 0; i < robots; i++) {
        runtime.spawnRobot(
            "pendulum-" + i,
            "pendulum",
            () ->
                new MorphologyEnvironment(
                    ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(1000), SimConfig.DEFAULT),
            runtime.robotDefaults().withPacing(Pacing.FREE_RUN).withSeed(i));
      }
      Thread.sleep(3000);
      long before = runtime.storeStats().totalRows();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long after = runtime.storeStats().totalRows();
      double elapsed = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%d robots, chunk %d, %s: %.0f transitions/s into the store%n",
          robots, chunk, logged ? "logged to disk" : "memory only", (after - before) / elapsed);
    }
  }
}
