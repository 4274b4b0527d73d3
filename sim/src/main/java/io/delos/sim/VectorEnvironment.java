package io.delos.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * N environments stepped together across threads, with Gymnasium's autoreset modes.
 *
 * <p>Environment {@code i} runs episode {@code k} with seed {@link #episodeSeed}(seed, i, k), so
 * results depend only on the seed, the actions and the environments, never on the number of threads
 * or which thread ran which environment. Environments are split into contiguous slices, one per
 * thread; the calling thread steps the first slice itself.
 *
 * <p>Shapes (row-major): observations {@code [n, observationSize]}, actions {@code [n,
 * actionSize]}.
 *
 * <p>Threading: confined to one caller thread; it uses its own worker threads internally.
 */
public final class VectorEnvironment implements AutoCloseable {
  /** What happens when an environment's episode ends. */
  public enum Autoreset {
    /**
     * The step that ends an episode returns its last observation; the next {@link #step} resets
     * that environment instead of stepping it (its action is ignored, reward 0, flags false).
     */
    NEXT_STEP,
    /**
     * The step that ends an episode resets at once and returns the new episode's first observation;
     * the last observation of the ended episode is in {@link Step#finalObservations}.
     */
    SAME_STEP,
    /** No reset: the caller resets ended environments with {@link #reset(long, boolean[])}. */
    DISABLED
  }

  /**
   * The result of a vector step.
   *
   * @param observations {@code [n, observationSize]}
   * @param rewards {@code [n]}
   * @param terminated {@code [n]}
   * @param truncated {@code [n]}
   * @param finalObservations in {@link Autoreset#SAME_STEP} mode, row i holds the ended episode's
   *     last observation where {@code terminated[i] || truncated[i]}; otherwise empty
   */
  public record Step(
      double[] observations,
      double[] rewards,
      boolean[] terminated,
      boolean[] truncated,
      double[] finalObservations) {}

  private final List<Environment> envs;
  private final Autoreset mode;
  private final int threads;
  private final ExecutorService pool;
  private final int obsSize;
  private final int actSize;
  private final boolean[] needsReset;
  private final boolean[] ended;
  private final long[] episodes;
  private final Vec[] current;
  private long seed;

  /**
   * Creates the vector environment.
   *
   * @param count number of environments, >= 1
   * @param factory creates environment {@code i}; all must share observation and action sizes
   * @param threads worker threads including the caller, in [1, count]
   * @param mode autoreset mode
   */
  public VectorEnvironment(
      int count, IntFunction<Environment> factory, int threads, Autoreset mode) {
    if (count < 1) {
      throw new IllegalArgumentException("count = " + count + ": must be >= 1");
    }
    if (threads < 1 || threads > count) {
      throw new IllegalArgumentException(
          "threads = " + threads + ": allowed 1 to the number of environments, " + count);
    }
    this.mode = Objects.requireNonNull(mode, "mode");
    this.envs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      envs.add(factory.apply(i));
    }
    this.obsSize = envs.get(0).observationSpace().size();
    this.actSize = envs.get(0).actionSpace().size();
    for (int i = 1; i < count; i++) {
      Environment e = envs.get(i);
      if (e.observationSpace().size() != obsSize || e.actionSpace().size() != actSize) {
        throw new IllegalArgumentException(
            "environment "
                + i
                + " is "
                + e.observationSpace().size()
                + "x"
                + e.actionSpace().size()
                + ", environment 0 is "
                + obsSize
                + "x"
                + actSize);
      }
    }
    this.threads = threads;
    this.pool =
        threads > 1
            ? Executors.newFixedThreadPool(
                threads - 1,
                r -> {
                  Thread t = new Thread(r, "delos-vector-env");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    this.needsReset = new boolean[count];
    this.ended = new boolean[count];
    this.episodes = new long[count];
    this.current = new Vec[count];
  }

  /** Number of environments. */
  public int size() {
    return envs.size();
  }

  /** Environment {@code i}, for inspection and rendering. */
  public Environment environment(int i) {
    return envs.get(i);
  }

  /**
   * The seed of environment {@code i}'s episode {@code k} under base seed {@code seed}: a
   * SplitMix64 mix, so nearby seeds give unrelated episodes.
   */
  public static long episodeSeed(long seed, int i, long k) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1) + 0xBF58476D1CE4E5B9L * k;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Resets every environment; returns the first observations {@code [n, observationSize]}. */
  public double[] reset(long newSeed) {
    this.seed = newSeed;
    Arrays.fill(episodes, 0);
    boolean[] all = new boolean[envs.size()];
    Arrays.fill(all, true);
    return reset(newSeed, all);
  }

  /**
   * Resets the environments where {@code mask} is true (their next episode under the current base
   * seed); returns every environment's current observation.
   */
  public double[] reset(long baseSeed, boolean[] mask) {
    this.seed = baseSeed;
    if (mask.length != envs.size()) {
      throw new IllegalArgumentException(
          "mask has " + mask.length + " entries: expected " + envs.size());
    }
    double[] obs = new double[envs.size() * obsSize];
    run(
        (from, to) -> {
          for (int i = from; i < to; i++) {
            if (mask[i]) {
              resetOne(i, obs);
            } else if (current[i] == null) {
              throw new IllegalStateException(
                  "environment " + i + " was never reset: include it in the mask");
            } else {
              current[i].copyTo(obs, i * obsSize);
            }
          }
        });
    return obs;
  }

  private void resetOne(int i, double[] obs) {
    Vec o = envs.get(i).reset(episodeSeed(seed, i, episodes[i]++));
    current[i] = o;
    needsReset[i] = false;
    ended[i] = false;
    o.copyTo(obs, i * obsSize);
  }

  /**
   * Steps every environment with its row of {@code actions}.
   *
   * @param actions {@code [n, actionSize]}
   * @throws IllegalArgumentException for a wrong length or a non-finite value (naming the
   *     environment and channel)
   * @throws IllegalStateException in {@link Autoreset#DISABLED} mode when an ended environment is
   *     stepped without a reset
   */
  public Step step(double[] actions) {
    if (actions.length != envs.size() * actSize) {
      throw new IllegalArgumentException(
          "actions has " + actions.length + " values: expected " + envs.size() + " x " + actSize);
    }
    for (Vec c : current) {
      if (c == null) {
        throw new IllegalStateException("step before reset: call reset(seed) first");
      }
    }
    int n = envs.size();
    double[] obs = new double[n * obsSize];
    double[] rewards = new double[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    double[] finals = mode == Autoreset.SAME_STEP ? new double[n * obsSize] : new double[0];
    for (int i = 0; i < n; i++) {
      if (mode == Autoreset.DISABLED && ended[i]) {
        throw new IllegalStateException(
            "environment " + i + " ended its episode: reset it with reset(seed, mask) first");
      }
    }
    run(
        (from, to) -> {
          double[] a = new double[actSize];
          for (int i = from; i < to; i++) {
            if (needsReset[i]) {
              resetOne(i, obs);
              continue;
            }
            System.arraycopy(actions, i * actSize, a, 0, actSize);
            Environment env = envs.get(i);
            StepResult r;
            try {
              r = env.step(a);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("environment " + i + ": " + e.getMessage(), e);
            }
            rewards[i] = r.reward();
            terminated[i] = r.terminated();
            truncated[i] = r.truncated();
            current[i] = r.observation();
            if (r.done()) {
              ended[i] = true;
              switch (mode) {
                case NEXT_STEP -> {
                  needsReset[i] = true;
                  r.observation().copyTo(obs, i * obsSize);
                }
                case SAME_STEP -> {
                  r.observation().copyTo(finals, i * obsSize);
                  resetOne(i, obs);
                }
                case DISABLED -> r.observation().copyTo(obs, i * obsSize);
              }
            } else {
              r.observation().copyTo(obs, i * obsSize);
            }
          }
        });
    return new Step(obs, rewards, terminated, truncated, finals);
  }

  private interface Slice {
    void run(int from, int to);
  }

  private void run(Slice slice) {
    int n = envs.size();
    if (pool == null) {
      slice.run(0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(threads - 1);
    for (int t = 1; t < threads; t++) {
      int from = n * t / threads;
      int to = n * (t + 1) / threads;
      Callable<Void> task =
          () -> {
            slice.run(from, to);
            return null;
          };
      futures.add(pool.submit(task));
    }
    RuntimeException first = null;
    try {
      slice.run(0, n / threads);
    } catch (RuntimeException e) {
      first = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stepping", e);
      } catch (ExecutionException e) {
        if (first == null) {
          first =
              e.getCause() instanceof RuntimeException re
                  ? re
                  : new IllegalStateException(e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    for (Environment e : envs) {
      e.close();
    }
  }
}
