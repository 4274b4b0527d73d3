package io.delos.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.delos.actors.worldmodel.Machine;
import io.delos.actors.worldmodel.WorldModelData;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.sequence.Checkpoint;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.SystemRegistry;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.westworld.SequenceModels;
import io.delos.worldmodel.westworld.Variant;
import io.delos.worldmodel.westworld.WestWorld;
import io.delos.worldmodel.westworld.WestWorldDynamics;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batched planning rollouts through WestWorld: 256 action sequences of horizon 30 from one start,
 * as MPPI asks for them, timed as predicted steps per second; and DJL's matrix-multiply peak on the
 * same machine, so the rollout's share of it can be stated.
 *
 * <p>The share counts only the forward pass's matrix products ({@link WestWorld#forwardFlops});
 * element-wise work is not counted, so the share understates how busy the cores are.
 *
 * <p>Run: {@code java -cp ... io.delos.bench.WestWorldPlanning [CHECKPOINT] [SYSTEM] [REPEATS]};
 * without a checkpoint a fresh {@code cpu}-configuration model is timed (speed does not depend on
 * the weights). Set {@code OMP_WAIT_POLICY=PASSIVE} on shared machines (see world-model/README.md).
 */
public final class WestWorldPlanning {
  private static final int SEQUENCES = 256;
  private static final int HORIZON = 30;

  private WestWorldPlanning() {}

  /** Entry point. */
  public static void main(String[] args) {
    String checkpoint = args.length > 0 && !args[0].equals("-") ? args[0] : null;
    String system = args.length > 1 ? args[1] : "cartpole";
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.out.println("machine: " + Machine.describe());
    System.out.println(
        "threads: "
            + System.getProperty("ai.djl.pytorch.num_threads", "default")
            + ", OMP_WAIT_POLICY="
            + System.getenv("OMP_WAIT_POLICY"));
    double peak = matmulPeak();
    SequenceModel model;
    SystemRegistry registry;
    if (checkpoint != null) {
      Checkpoint c = Checkpoint.read(Path.of(checkpoint));
      model = SequenceModels.restore(c, Device.cpu());
      registry = c.registry();
    } else {
      model = new WestWorld(WestWorldConfig.builtIn("cpu"), Variant.FULL, Device.cpu(), 1);
      registry = new SystemRegistry();
    }
    if (!registry.contains(system)) {
      registry.fit(WorldModelData.layout(system), List.of(randomEpisode(system)));
    }
    try (model) {
      WestWorldDynamics dynamics = new WestWorldDynamics(model, registry, system);
      int n = dynamics.observationSize();
      int m = dynamics.actionSize();
      List<State> starts = Collections.nCopies(SEQUENCES, State.of(new double[n]));
      double[] actions = new double[SEQUENCES * HORIZON * m];
      SplittableRandom r = new SplittableRandom(1);
      for (int i = 0; i < actions.length; i++) {
        actions[i] = r.nextDouble(-1, 1);
      }
      for (int i = 0; i < 3; i++) {
        dynamics.rollout(starts, HORIZON, actions);
      }
      double best = Double.POSITIVE_INFINITY;
      double total = 0;
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        dynamics.rollout(starts, HORIZON, actions);
        double s = (System.nanoTime() - t0) / 1e9;
        best = Math.min(best, s);
        total += s;
      }
      double median = total / repeats;
      double flops =
          model instanceof WestWorld w ? w.forwardFlops(SEQUENCES, HORIZON + 1, n, m) : Double.NaN;
      System.out.printf(
          "%s (%d obs, %d act): %d sequences x horizon %d: best %.1f ms, mean %.1f ms per call%n",
          system, n, m, SEQUENCES, HORIZON, best * 1e3, median * 1e3);
      System.out.printf(
          "  predicted steps/s: %.0f (best), %.0f (mean); scalar predictions/s: %.0f (best)%n",
          SEQUENCES * HORIZON / best, SEQUENCES * HORIZON / median, SEQUENCES * HORIZON * n / best);
      System.out.printf(
          "  forward matmul work %.2f GFLOP per call -> %.1f GFLOP/s (best), %.1f%% of the %.1f GFLOP/s matmul peak%n",
          flops / 1e9, flops / best / 1e9, 100 * flops / best / 1e9 / peak, peak);
      System.out.println("load after: " + Machine.load());
    }
  }

  /** Best GFLOP/s of square float32 matrix products of sizes 512 to 2048 through DJL. */
  static double matmulPeak() {
    double best = 0;
    try (NDManager m = NDManager.newBaseManager(Engine.getInstance().defaultDevice())) {
      for (int size : new int[] {512, 1024, 2048}) {
        NDArray a = m.randomNormal(new Shape(size, size));
        NDArray b = m.randomNormal(new Shape(size, size));
        a.matMul(b).close();
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          NDArray c = a.matMul(b);
          c.toFloatArray();
          double s = (System.nanoTime() - t0) / 1e9;
          c.close();
          best = Math.max(best, 2.0 * size * size * size / s / 1e9);
        }
        System.out.printf("  matmul %d^3: best so far %.1f GFLOP/s%n", size, best);
      }
    }
    return best;
  }

  private static Trajectory randomEpisode(String id) {
    var sys = io.delos.robots.generator.Systems.get(id);
    var env = sys.environment(sys.defaultTask());
    SplittableRandom r = new SplittableRandom(2);
    var o = env.reset(2);
    Trajectory.Builder b = Trajectory.builder(id, sys.observationSize(), sys.actionSize());
    for (int k = 0; k < 200; k++) {
      double[] a = new double[sys.actionSize()];
      for (int j = 0; j < a.length; j++) {
        a[j] = r.nextDouble(-1, 1);
      }
      var s = env.step(a);
      b.add(k * 0.02, o.toArray(), a, 0, k == 0 ? StepFlags.RESET : 0);
      o = s.observation();
      if (s.done()) {
        break;
      }
    }
    return b.build();
  }
}
