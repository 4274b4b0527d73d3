package io.delos.bench;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.robot.Pacing;
import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import java.time.Duration;
import java.util.List;

/**
 * How many simulated cart-poles one runtime holds at 50 Hz real time: starts N robots (no
 * controller, resting action), lets them run, and reports the share of ticks that ran more than one
 * control period late or were skipped.
 *
 * <p>Run: {@code java -cp ... io.delos.bench.RealtimeRobots ROBOTS SECONDS}.
 */
public final class RealtimeRobots {
  private RealtimeRobots() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int robots = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    RobotSystem cartpole = Catalogue.system("cartpole");
    try (DelosRuntime runtime = DelosRuntime.start(ConfigFactory.load(), "realtime-bench")) {
      for (int i = 0; i < robots; i++) {
        int seed = i;
        runtime.spawnRobot(
            "cartpole-" + i,
            "cartpole",
            () -> cartpole.environment(cartpole.task("swingup")),
            runtime.robotDefaults().withPacing(Pacing.REAL_TIME).withSeed(seed));
      }
      Thread.sleep(2000); // warm-up: schedules settle, JIT compiles
      List<RobotSystemActor.Status> before =
          runtime.robotStatuses(Duration.ofSeconds(30)).toCompletableFuture().join();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      List<RobotSystemActor.Status> after =
          runtime.robotStatuses(Duration.ofSeconds(30)).toCompletableFuture().join();
      double elapsed = (System.nanoTime() - t0) / 1e9;
      long ticks = 0;
      long late = 0;
      long steps = 0;
      for (int i = 0; i < after.size(); i++) {
        ticks += after.get(i).ticks() - before.get(i).ticks();
        late += after.get(i).lateTicks() - before.get(i).lateTicks();
        steps += after.get(i).steps() - before.get(i).steps();
      }
      System.out.printf(
          "robots %d, %.1f s: %d ticks, %d late (%.3f%%), %.0f steps/s (expected %.0f)%n",
          robots,
          elapsed,
          ticks,
          late,
          100.0 * late / Math.max(1, ticks),
          steps / elapsed,
          robots * 50.0);
    }
  }
}
