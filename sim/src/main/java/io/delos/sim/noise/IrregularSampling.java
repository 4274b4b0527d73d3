package io.delos.sim.noise;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.util.SplittableRandom;

/**
 * Drops rows of a trajectory at random, keeping the true timestamps of the rows that remain: the
 * irregularly sampled data Phy-SSM and other continuous-time models learn from.
 *
 * <p>The first row of every episode is kept, so episodes stay delimited; flags that end an episode
 * move to the last kept row before them. A dropped row takes its action and reward with it.
 */
public final class IrregularSampling {
  private IrregularSampling() {}

  /**
   * Drops each row with probability {@code dropProbability}.
   *
   * @param t the regularly (or already irregularly) sampled trajectory
   * @param dropProbability in [0, 1)
   * @param seed seeds the choice of rows
   * @return a new trajectory with the kept rows, times unchanged
   */
  public static Trajectory drop(Trajectory t, double dropProbability, long seed) {
    if (!(dropProbability >= 0 && dropProbability < 1)) {
      throw new IllegalArgumentException(
          "dropProbability = " + dropProbability + ": allowed [0, 1)");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Trajectory.Builder b = Trajectory.builder(t.systemId(), t.observationSize(), t.actionSize());
    for (int k = 0; k < t.length(); k++) {
      int flags = t.flags(k);
      boolean first = StepFlags.has(flags, StepFlags.RESET) || k == 0;
      boolean keep = first || random.nextDouble() >= dropProbability;
      if (keep) {
        b.add(t.time(k), t.observation(k), t.action(k), t.reward(k), flags);
      } else if (StepFlags.endsEpisode(flags) && b.rows() > 0) {
        b.markLast(flags & (StepFlags.TERMINATED | StepFlags.TRUNCATED | StepFlags.FAILED));
      }
    }
    return b.build();
  }
}
