package io.delos.worldmodel.sequence;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Normalised episodes of many systems, cut into fixed-length windows for training and evaluation.
 *
 * <p>Trajectories are split into episodes at reset and episode-end flags; a window never crosses an
 * episode boundary, and episodes shorter than a window are skipped. Training batches mix systems:
 * each batch draws its windows from one size bucket (systems sorted by channel count and cut into
 * {@code buckets} groups of about equal size, a bucket picked with probability proportional to its
 * number of systems, then systems uniformly within it), so that padding wastes little compute while
 * every batch still holds several systems.
 *
 * <p>Threading: immutable after construction; sampling uses the caller's generator.
 */
public final class TrajectoryWindows {
  private final SystemRegistry registry;
  private final Map<String, List<Episode>> episodes = new LinkedHashMap<>();
  private final List<List<String>> buckets = new ArrayList<>();

  /**
   * One normalised episode.
   *
   * @param system system id
   * @param length rows
   * @param obs {@code [length, observationSize]} in [0, 1]
   * @param act {@code [length, actionSize]} in [0, 1]
   */
  record Episode(String system, int length, float[] obs, float[] act) {}

  /**
   * Normalises every system's trajectories with the registry's ranges.
   *
   * @param registry must hold every system in {@code data}
   * @param data trajectories by system id
   * @param buckets number of size buckets for training batches, >= 1
   */
  public TrajectoryWindows(
      SystemRegistry registry, Map<String, List<Trajectory>> data, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets = " + buckets + ": must be >= 1");
    }
    this.registry = registry;
    for (Map.Entry<String, List<Trajectory>> e : data.entrySet()) {
      SystemRegistry.Entry entry = registry.get(e.getKey());
      List<Episode> list = new ArrayList<>();
      for (Trajectory t : e.getValue()) {
        split(e.getKey(), t, entry.ranges(), list);
      }
      if (!list.isEmpty()) {
        episodes.put(e.getKey(), list);
      }
    }
    if (episodes.isEmpty()) {
      throw new IllegalArgumentException("no episodes in the data");
    }
    List<String> bySize = new ArrayList<>(episodes.keySet());
    bySize.sort(Comparator.comparingInt(this::channels).thenComparing(s -> s));
    int k = Math.min(buckets, bySize.size());
    for (int i = 0; i < k; i++) {
      int from = i * bySize.size() / k;
      int to = (i + 1) * bySize.size() / k;
      this.buckets.add(List.copyOf(bySize.subList(from, to)));
    }
  }

  private int channels(String system) {
    SystemLayout l = registry.get(system).layout();
    return l.observationSize() + l.actionSize();
  }

  private static void split(String id, Trajectory t, ChannelRanges r, List<Episode> out) {
    int start = 0;
    for (int k = 0; k < t.length(); k++) {
      boolean last =
          k + 1 == t.length()
              || StepFlags.endsEpisode(t.flags(k))
              || StepFlags.has(t.flags(k + 1), StepFlags.RESET);
      if (last) {
        out.add(normalise(id, t, start, k + 1, r));
        start = k + 1;
      }
    }
  }

  private static Episode normalise(String id, Trajectory t, int from, int to, ChannelRanges r) {
    int n = t.observationSize();
    int m = t.actionSize();
    int len = to - from;
    float[] o = new float[len * n];
    float[] a = new float[len * m];
    for (int k = 0; k < len; k++) {
      for (int c = 0; c < n; c++) {
        o[k * n + c] = (float) r.normaliseObservation(c, t.observation(from + k, c));
      }
      for (int c = 0; c < m; c++) {
        a[k * m + c] = (float) r.normaliseAction(c, t.action(from + k, c));
      }
    }
    return new Episode(id, len, o, a);
  }

  /** The systems with at least one episode, in data order. */
  public List<String> systems() {
    return List.copyOf(episodes.keySet());
  }

  /** The registry the windows are normalised with. */
  public SystemRegistry registry() {
    return registry;
  }

  /** Number of episodes of {@code system}. */
  public int episodeCount(String system) {
    return episodes.getOrDefault(system, List.of()).size();
  }

  /**
   * A training batch of random windows.
   *
   * @param random the generator
   * @param batch windows per batch
   * @param time steps per window
   * @param observed the largest prefix; each window gets {@code observed} steps with probability
   *     {@code fullShare}, otherwise a prefix drawn uniformly from 1..observed
   * @param fullShare in [0, 1]
   * @return the batch
   * @throws IllegalStateException when no episode of the chosen bucket is long enough
   */
  public WindowBatch sample(
      SplittableRandom random, int batch, int time, int observed, double fullShare) {
    int total = 0;
    for (List<String> b : buckets) {
      total += b.size();
    }
    int pick = random.nextInt(total);
    List<String> bucket = buckets.get(0);
    for (List<String> b : buckets) {
      if (pick < b.size()) {
        bucket = b;
        break;
      }
      pick -= b.size();
    }
    WindowBatch.Builder builder = new WindowBatch.Builder(time);
    int attempts = 0;
    while (builder.size() < batch) {
      if (++attempts > 100 * batch) {
        throw new IllegalStateException(
            "no episode of at least " + time + " steps among systems " + bucket);
      }
      String system = bucket.get(random.nextInt(bucket.size()));
      List<Episode> list = episodes.get(system);
      Episode e = list.get(random.nextInt(list.size()));
      if (e.length() < time) {
        continue;
      }
      int start = random.nextInt(e.length() - time + 1);
      int prefix = random.nextDouble() < fullShare ? observed : 1 + random.nextInt(observed);
      addWindow(builder, e, start, time, prefix);
    }
    return builder.build();
  }

  private void addWindow(WindowBatch.Builder b, Episode e, int start, int time, int prefix) {
    SystemLayout l = registry.get(e.system()).layout();
    int n = l.observationSize();
    int m = l.actionSize();
    float[] o = new float[time * n];
    float[] a = new float[time * m];
    System.arraycopy(e.obs(), start * n, o, 0, time * n);
    System.arraycopy(e.act(), start * m, a, 0, time * m);
    b.add(l, o, a, prefix);
  }

  /**
   * Evaluation batches: for each system, windows starting every {@code stride} steps within each
   * episode, at most {@code perSystem} of them (spread evenly over all candidates), each given its
   * first {@code observed} steps; batches hold windows of systems of similar size.
   *
   * @param time steps per window
   * @param observed steps given
   * @param stride steps between window starts
   * @param perSystem most windows per system
   * @param batchSize most windows per batch
   */
  public List<WindowBatch> evaluation(
      int time, int observed, int stride, int perSystem, int batchSize) {
    List<String> bySize = new ArrayList<>(episodes.keySet());
    bySize.sort(Comparator.comparingInt(this::channels).thenComparing(s -> s));
    List<WindowBatch> out = new ArrayList<>();
    WindowBatch.Builder builder = new WindowBatch.Builder(time);
    for (String system : bySize) {
      List<int[]> candidates = new ArrayList<>();
      List<Episode> list = episodes.get(system);
      for (int e = 0; e < list.size(); e++) {
        for (int s = 0; s + time <= list.get(e).length(); s += stride) {
          candidates.add(new int[] {e, s});
        }
      }
      int take = Math.min(perSystem, candidates.size());
      for (int i = 0; i < take; i++) {
        int[] c = candidates.get((int) ((long) i * candidates.size() / take));
        addWindow(builder, list.get(c[0]), c[1], time, observed);
        if (builder.size() == batchSize) {
          out.add(builder.build());
          builder = new WindowBatch.Builder(time);
        }
      }
    }
    if (builder.size() > 0) {
      out.add(builder.build());
    }
    return out;
  }
}
