package io.delos.bench;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.mppi.Mppi;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.noise.ActionNoise;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import io.delos.worldmodel.mlp.MlpConfig;
import io.delos.worldmodel.mlp.MlpDynamics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MPPI plans per second on 2 cores: 256 samples over a 30-step horizon on the cart-pole, through
 * the simulator oracle (rollouts split across 2 threads) and through a small MLP in DJL; and 500
 * samples over 15 steps on the pendulum, the base case of common Python MPPI libraries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PlanningBenchmark {
  @Param({"cartpole-oracle-256x30", "cartpole-mlp-256x30", "pendulum-oracle-500x15"})
  public String setup;

  private Mppi mppi;
  private io.delos.sim.State start;
  private ExecutorService pool;
  private MlpDynamics mlp;

  /** Builds the planner and its model. */
  @Setup(Level.Trial)
  public void setUp() {
    String family = setup.startsWith("cartpole") ? "cartpole" : "pendulum";
    int samples = setup.endsWith("256x30") ? 256 : 500;
    int horizon = setup.endsWith("256x30") ? 30 : 15;
    RobotSystem system = Catalogue.system(family);
    TaskSpec task = system.task("swingup");
    MorphologyEnvironment env = system.environment(task);
    Vec o = env.reset(1);
    start = new io.delos.sim.State(o, env.snapshot());
    Dynamics model;
    if (setup.contains("mlp")) {
      mlp =
          MlpDynamics.train(
              data(system, task), new MlpConfig(List.of(128, 128), 3, 256, 1e-3, 0.1, 2, 1));
      model = mlp;
      start = new io.delos.sim.State(o, null);
    } else {
      pool = Executors.newFixedThreadPool(2);
      model = new SimulatorDynamics(system.morphology(), SimConfig.DEFAULT, pool, 2);
    }
    MppiSettings settings =
        new MppiSettings(
            samples,
            horizon,
            0.05,
            0.6,
            new ActionNoise("ar1", 0.8, 0, 0, 0),
            1,
            3,
            true,
            0,
            1e-3,
            1,
            List.of());
    mppi =
        new Mppi(
            model,
            new CostFunction(
                task, system.morphology().observationSpace(), system.morphology().actionSpace(), 0),
            system.morphology().actionSpace(),
            settings,
            System::nanoTime);
  }

  private static List<Trajectory> data(RobotSystem system, TaskSpec task) {
    List<Trajectory> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    for (int e = 0; e < 10; e++) {
      MorphologyEnvironment env = system.environment(task);
      Vec o = env.reset(e);
      Trajectory.Builder b =
          Trajectory.builder(system.id(), system.observationSize(), system.actionSize());
      for (int k = 0; k < 100; k++) {
        double[] a = new double[system.actionSize()];
        for (int j = 0; j < a.length; j++) {
          a[j] = r.nextDouble(-1, 1);
        }
        StepResult s = env.step(a);
        b.add(k * 0.02, o.toArray(), a, s.reward(), k == 0 ? StepFlags.RESET : 0);
        o = s.observation();
        if (s.done()) {
          break;
        }
      }
      out.add(b.build());
    }
    return out;
  }

  /** One planning call. */
  @Benchmark
  public double plan() {
    return mppi.plan(start, Duration.ofSeconds(10)).cost();
  }

  /** Releases threads and native memory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (mlp != null) {
      mlp.close();
    }
  }
}
