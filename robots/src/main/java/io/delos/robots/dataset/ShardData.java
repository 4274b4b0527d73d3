package io.delos.robots.dataset;

import io.delos.sim.Trajectory;
import java.util.ArrayList;
import java.util.List;

/**
 * The contents of one shard, read back and checked.
 *
 * <p>Arrays are row-major: {@code observations [rows, observationSize]}, {@code actions [rows,
 * actionSize]}, {@code rewards, times, flags, episodeIds [rows]}, {@code lastObservations
 * [episodes, observationSize]}. Float32 shards come back widened to double.
 */
public final class ShardData {
  private final Manifest.Shard entry;
  private final int observationSize;
  private final int actionSize;
  private final double[] observations;
  private final double[] actions;
  private final double[] rewards;
  private final double[] times;
  private final long[] flags;
  private final long[] episodeIds;
  private final double[] lastObservations;

  ShardData(
      Manifest.Shard entry,
      int observationSize,
      int actionSize,
      double[] observations,
      double[] actions,
      double[] rewards,
      double[] times,
      long[] flags,
      long[] episodeIds,
      double[] lastObservations) {
    this.entry = entry;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.observations = observations;
    this.actions = actions;
    this.rewards = rewards;
    this.times = times;
    this.flags = flags;
    this.episodeIds = episodeIds;
    this.lastObservations = lastObservations;
  }

  /** The manifest entry of this shard. */
  public Manifest.Shard entry() {
    return entry;
  }

  /** Number of rows. */
  public int rows() {
    return times.length;
  }

  /** A copy of the observations, {@code [rows, observationSize]}. */
  public double[] observations() {
    return observations.clone();
  }

  /** A copy of the actions, {@code [rows, actionSize]}. */
  public double[] actions() {
    return actions.clone();
  }

  /** A copy of the episode id of each row, {@code [rows]}. */
  public long[] episodeIds() {
    return episodeIds.clone();
  }

  /**
   * A copy of the observation after each episode's last row, {@code [episodes, observationSize]}.
   */
  public double[] lastObservations() {
    return lastObservations.clone();
  }

  /** The shard's episodes as trajectories, in order. */
  public List<Trajectory> episodes() {
    List<Trajectory> out = new ArrayList<>();
    int start = 0;
    for (int r = 1; r <= rows(); r++) {
      if (r == rows() || episodeIds[r] != episodeIds[start]) {
        Trajectory.Builder b = Trajectory.builder(entry.system(), observationSize, actionSize);
        for (int k = start; k < r; k++) {
          double[] o = new double[observationSize];
          System.arraycopy(observations, k * observationSize, o, 0, observationSize);
          double[] a = new double[actionSize];
          System.arraycopy(actions, k * actionSize, a, 0, actionSize);
          b.add(times[k], o, a, rewards[k], (int) flags[k]);
        }
        out.add(b.build());
        start = r;
      }
    }
    return out;
  }
}
