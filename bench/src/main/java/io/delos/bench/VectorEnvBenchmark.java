package io.delos.bench;

import io.delos.sim.VectorEnvironment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Environment control steps per second of a vector environment of 32 robots, on 1 and 2 threads.
 * The speed-up is the ratio of the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VectorEnvBenchmark {
  static final int ENVIRONMENTS = 32;

  @Param({"chain6", "biped"})
  public String scene;

  @Param({"1", "2"})
  public int threads;

  private VectorEnvironment vector;
  private double[] actions;

  /** Builds the vector environment and one action batch. */
  @Setup
  public void setUp() {
    vector =
        new VectorEnvironment(
            ENVIRONMENTS,
            i -> Scenes.environment(scene),
            threads,
            VectorEnvironment.Autoreset.NEXT_STEP);
    vector.reset(3);
    int n = vector.environment(0).actionSpace().size();
    SplittableRandom r = new SplittableRandom(5);
    actions = new double[ENVIRONMENTS * n];
    for (int i = 0; i < actions.length; i++) {
      actions[i] = r.nextDouble(-0.3, 0.3);
    }
  }

  /** One step of all 32 environments; the score counts environment steps. */
  @Benchmark
  @OperationsPerInvocation(ENVIRONMENTS)
  public VectorEnvironment.Step step() {
    return vector.step(actions);
  }

  /** Stops the worker threads. */
  @TearDown
  public void tearDown() {
    vector.close();
  }
}
