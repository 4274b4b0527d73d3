package io.delos.bench;

import io.delos.sim.StepResult;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.RawJbox2dLoop;
import io.delos.sim.box2d.RobotWorld;
import io.delos.sim.box2d.SimConfig;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Control steps per second (5 physics substeps each at the defaults) of one robot: through Delos's
 * environment ({@code delos}) and as a raw JBox2D loop on the same scene ({@code raw}). Delos's
 * overhead is raw / delos − 1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimStepBenchmark {
  @Param({"cartpole", "chain6", "biped"})
  public String scene;

  private MorphologyEnvironment env;
  private RawJbox2dLoop raw;
  private double[][] actions;
  private int k;

  /** Builds both loops and a fixed table of random actions. */
  @Setup
  public void setUp() {
    env = Scenes.environment(scene);
    env.reset(1);
    raw = new RawJbox2dLoop(new RobotWorld(Scenes.morphology(scene), SimConfig.DEFAULT));
    int n = env.actionSpace().size();
    SplittableRandom r = new SplittableRandom(7);
    actions = new double[1024][n];
    for (double[] a : actions) {
      for (int i = 0; i < n; i++) {
        a[i] = r.nextDouble(-0.3, 0.3);
      }
    }
  }

  /** One control step through Delos's environment. */
  @Benchmark
  public StepResult delos() {
    StepResult r = env.step(actions[k++ & 1023]);
    if (r.done()) {
      env.reset(k);
    }
    return r;
  }

  /** One control step as direct JBox2D calls. */
  @Benchmark
  public double raw() {
    raw.controlStep(actions[k++ & 1023]);
    return raw.firstBodyAngle();
  }
}
