package io.delos.bench;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.model.HostedDynamics;
import io.delos.actors.model.ModelHost;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.worldmodel.mlp.MlpConfig;
import io.delos.worldmodel.mlp.MlpDynamics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model-host throughput with 64 concurrent controllers, each asking for MPPI-sized rollouts (32
 * sequences, horizon 15) of a small MLP, micro-batched versus one request per forward pass.
 *
 * <p>Run: {@code java -cp ... io.delos.bench.ModelHostBatching CONTROLLERS SECONDS}.
 */
public final class ModelHostBatching {
  private ModelHostBatching() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int controllers = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    MlpDynamics mlp = trainSmallModel();
    for (boolean batched : new boolean[] {false, true}) {
      ModelHost.Batching batching =
          batched ? new ModelHost.Batching(Duration.ofMillis(2), 8192) : ModelHost.Batching.none();
      try (DelosRuntime runtime = DelosRuntime.start(ConfigFactory.load(), "host-bench")) {
        var host = runtime.spawnModelHost("mlp", () -> mlp, "v1", batching);
        HostedDynamics remote =
            new HostedDynamics(host, runtime.system().scheduler(), 5, 1, Duration.ofSeconds(30));
        AtomicLong requests = new AtomicLong();
        CountDownLatch done = new CountDownLatch(controllers);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < controllers; c++) {
          int seed = c;
          Thread t =
              new Thread(
                  () -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    List<State> starts = Collections.nCopies(32, State.of(0, 0, -1, 0, 0));
                    double[] actions = new double[32 * 15];
                    while (System.nanoTime() < end) {
                      for (int i = 0; i < actions.length; i++) {
                        actions[i] = r.nextDouble(-1, 1);
                      }
                      remote.rollout(starts, 15, actions);
                      requests.incrementAndGet();
                    }
                    done.countDown();
                  });
          t.setDaemon(true);
          threads.add(t);
        }
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "%s: %d controllers, %.0f requests/s (%.0f sequences/s)%n",
            batched ? "micro-batched" : "one request per forward pass",
            controllers,
            requests.get() / elapsed,
            requests.get() * 32 / elapsed);
      }
    }
  }

  private static MlpDynamics trainSmallModel() {
    RobotSystem sys = Catalogue.system("cartpole");
    List<Trajectory> data = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int e = 0; e < 20; e++) {
      MorphologyEnvironment env = sys.environment(sys.task("swingup"));
      Vec o = env.reset(e);
      Trajectory.Builder b = Trajectory.builder("cartpole", 5, 1);
      for (int k = 0; k < 100; k++) {
        double[] a = {r.nextDouble(-1, 1)};
        StepResult s = env.step(a);
        b.add(k * 0.02, o.toArray(), a, s.reward(), k == 0 ? StepFlags.RESET : 0);
        o = s.observation();
        if (s.done()) {
          break;
        }
      }
      data.add(b.build());
    }
    return MlpDynamics.train(data, new MlpConfig(List.of(128, 128), 5, 256, 1e-3, 0.1, 3, 1));
  }
}
