package io.delos.sim.noise;

import io.delos.sim.Environment;
import io.delos.sim.Snapshot;
import io.delos.sim.Space;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Adds zero-mean Gaussian noise to an environment's observations, per channel.
 *
 * <p>The noise of step {@code k} is drawn from a generator seeded by (episode seed, k), so it is
 * reproducible and survives snapshot and restore without carrying generator state. Rewards and
 * termination are computed by the inner environment on the noise-free state.
 */
public final class NoisyEnvironment implements Environment {
  private final Environment inner;
  private final double[] std;
  private long episodeSeed;
  private long step;

  /** What a snapshot of this wrapper holds. */
  private record NoisySnapshot(Snapshot inner, long episodeSeed, long step) implements Snapshot {
    @Override
    public double time() {
      return inner.time();
    }
  }

  /**
   * Wraps {@code inner}.
   *
   * @param inner the environment
   * @param std noise standard deviation per observation channel, in the channel's unit, >= 0
   */
  public NoisyEnvironment(Environment inner, Vec std) {
    this.inner = Objects.requireNonNull(inner, "inner");
    Space obs = inner.observationSpace();
    if (std.size() != obs.size()) {
      throw new IllegalArgumentException(
          "std has " + std.size() + " values: expected one per observation channel, " + obs.size());
    }
    this.std = std.toArray();
    for (int i = 0; i < this.std.length; i++) {
      if (!(this.std[i] >= 0) || !Double.isFinite(this.std[i])) {
        throw new IllegalArgumentException(
            "std["
                + i
                + "] ("
                + obs.channel(i).name()
                + ") = "
                + this.std[i]
                + ": must be a finite number >= 0");
      }
    }
  }

  /** The wrapped environment. */
  public Environment inner() {
    return inner;
  }

  @Override
  public Space observationSpace() {
    return inner.observationSpace();
  }

  @Override
  public Space actionSpace() {
    return inner.actionSpace();
  }

  @Override
  public double controlPeriod() {
    return inner.controlPeriod();
  }

  @Override
  public double time() {
    return inner.time();
  }

  @Override
  public Vec reset(long seed) {
    episodeSeed = seed;
    step = 0;
    return noisy(inner.reset(seed));
  }

  @Override
  public StepResult step(double[] action) {
    StepResult r = inner.step(action);
    step++;
    return new StepResult(
        noisy(r.observation()), r.reward(), r.terminated(), r.truncated(), r.info());
  }

  private Vec noisy(Vec clean) {
    SplittableRandom random = new SplittableRandom(episodeSeed * 0x9E3779B97F4A7C15L + step);
    double[] v = clean.toArray();
    for (int i = 0; i < v.length; i++) {
      if (std[i] > 0) {
        v[i] += std[i] * gaussian(random);
      }
    }
    return Vec.of(v);
  }

  // Box-Muller from two uniforms; SplittableRandom has no Gaussian of its own in Java 17.
  private static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public Snapshot snapshot() {
    return new NoisySnapshot(inner.snapshot(), episodeSeed, step);
  }

  @Override
  public void restore(Snapshot snapshot) {
    if (!(snapshot instanceof NoisySnapshot s)) {
      throw new IllegalArgumentException(
          "snapshot " + snapshot + " was not made by a NoisyEnvironment");
    }
    inner.restore(s.inner());
    episodeSeed = s.episodeSeed();
    step = s.step();
  }

  @Override
  public void close() {
    inner.close();
  }
}
