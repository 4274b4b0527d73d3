package io.delos.actors.store;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.robot.Pacing;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A runtime that streams four free-running pendulums into a logged store and prints, every few
 * milliseconds, how many rows the store has acknowledged per system, until it is killed. Started as
 * a separate process by {@link StoreCrashIT}.
 */
public final class CrashProbeMain {
  private CrashProbeMain() {}

  /** Runs until killed; args[0] is the store directory. */
  public static void main(String[] args) throws Exception {
    DelosRuntime runtime =
        DelosRuntime.start(
            ConfigFactory.load(),
            "crash-probe",
            new TrajectoryStore.Settings(Path.of(args[0]), 10_000, Duration.ofSeconds(10)));
    for (int i = 0; i < 4; i++) {
      runtime.spawnRobot(
          "pendulum-" + i,
          "pendulum",
          () ->
              new MorphologyEnvironment(
                  ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(200), SimConfig.DEFAULT),
          runtime.robotDefaults().withPacing(Pacing.FREE_RUN).withSeed(i));
    }
    while (true) {
      TrajectoryStore.Stats s = runtime.storeStats();
      StringBuilder line = new StringBuilder("acked");
      s.rowsBySystem().forEach((id, rows) -> line.append(' ').append(id).append('=').append(rows));
      System.out.println(line);
      System.out.flush();
      Thread.sleep(20);
    }
  }
}
