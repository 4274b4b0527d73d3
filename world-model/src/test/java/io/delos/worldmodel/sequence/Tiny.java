package io.delos.worldmodel.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny sizes and synthetic systems that keep the unit tests fast. */
public final class Tiny {
  private Tiny() {}

  /** d 16, 1 block, 2 heads, 16 bins, 2 experts, windows of 3 + 5 steps. */
  public static WestWorldConfig config() {
    return config("dense", 1);
  }

  public static WestWorldConfig config(String router, int topK) {
    return config(16, router, topK);
  }

  /** Width {@code d}, otherwise as {@link #config()}. */
  public static WestWorldConfig config(int d, String router, int topK) {
    return new WestWorldConfig(
        "tiny", d, 1, 2, 16, 2 * d, 2, d, router, topK, 0.01, d, 2, 4, 2, 4, 8, 3, 8, 4, 8, 32, 2,
        2);
  }

  /** Training settings for a few steps. */
  public static TrainingSettings training(int steps, int batch, long seed) {
    return training(steps, batch, seed, 0.5);
  }

  /** Training settings with a given share of windows given the full prefix. */
  public static TrainingSettings training(int steps, int batch, long seed, double fullShare) {
    return new TrainingSettings(
        batch, steps, 3e-3, 3e-4, 5, 0, 0.9, 0.999, 1e-8, 1.0, fullShare, 2, 1000, seed);
  }

  /** A synthetic system whose channels sit on a chain of bodies. */
  public static SystemLayout layout(String id, int n, int m) {
    List<SystemLayout.ChannelInfo> obs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int body = i % 3;
      obs.add(
          new SystemLayout.ChannelInfo(
              "o" + i, "b" + body, new SystemLayout.BodyRanks(body, body, 2 - body, 2 - body)));
    }
    List<SystemLayout.ChannelInfo> act = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      act.add(new SystemLayout.ChannelInfo("a" + i, "b1", new SystemLayout.BodyRanks(1, 1, 1, 1)));
    }
    return new SystemLayout(id, obs, act);
  }

  /** A batch of random windows of two systems of different sizes (so padding is exercised). */
  public static WindowBatch mixedBatch(int time, int prefix, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    WindowBatch.Builder b = new WindowBatch.Builder(time);
    SystemLayout big = layout("big", 5, 2);
    SystemLayout small = layout("small", 3, 1);
    for (int i = 0; i < 4; i++) {
      SystemLayout l = i % 2 == 0 ? big : small;
      float[] o = new float[time * l.observationSize()];
      float[] a = new float[time * l.actionSize()];
      for (int k = 0; k < o.length; k++) {
        o[k] = (float) r.nextDouble();
      }
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) r.nextDouble();
      }
      b.add(l, o, a, prefix);
    }
    return b.build();
  }
}
