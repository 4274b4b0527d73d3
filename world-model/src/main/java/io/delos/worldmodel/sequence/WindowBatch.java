package io.delos.worldmodel.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of trajectory windows from possibly different systems, normalised to [0, 1] and padded to
 * the largest channel counts in the batch.
 *
 * <p>Row-major host arrays: observations {@code [batch, time, obsChannels]}, actions {@code [batch,
 * time, actChannels]}, channel validity {@code [batch, obsChannels]} and {@code [batch,
 * actChannels]} (1 real, 0 padding), the observed-step mask {@code [batch, time]} (1 where the
 * model is given the observation, 0 where it must predict it) and each channel's body ranks {@code
 * [batch, channels, 4]} (object id, pre-, in-, post-order). Padded entries hold 0 everywhere.
 */
public final class WindowBatch {
  private final int batch;
  private final int time;
  private final int obsChannels;
  private final int actChannels;
  private final float[] obs;
  private final float[] act;
  private final float[] obsValid;
  private final float[] actValid;
  private final float[] observed;
  private final long[] obsBody;
  private final long[] actBody;
  private final List<String> systems;

  private WindowBatch(
      int batch,
      int time,
      int obsChannels,
      int actChannels,
      float[] obs,
      float[] act,
      float[] obsValid,
      float[] actValid,
      float[] observed,
      long[] obsBody,
      long[] actBody,
      List<String> systems) {
    this.batch = batch;
    this.time = time;
    this.obsChannels = obsChannels;
    this.actChannels = actChannels;
    this.obs = obs;
    this.act = act;
    this.obsValid = obsValid;
    this.actValid = actValid;
    this.observed = observed;
    this.obsBody = obsBody;
    this.actBody = actBody;
    this.systems = List.copyOf(systems);
  }

  /** The batch's tensors on one manager. */
  public record Tensors(
      NDArray obs,
      NDArray act,
      NDArray obsValid,
      NDArray actValid,
      NDArray observed,
      NDArray obsBody,
      NDArray actBody) {}

  /** Copies the batch to {@code manager}'s device. */
  public Tensors tensors(NDManager manager) {
    return new Tensors(
        manager.create(obs, new Shape(batch, time, obsChannels)),
        manager.create(act, new Shape(batch, time, actChannels)),
        manager.create(obsValid, new Shape(batch, obsChannels)),
        manager.create(actValid, new Shape(batch, actChannels)),
        manager.create(observed, new Shape(batch, time)),
        manager.create(obsBody, new Shape(batch, obsChannels, 4)),
        manager.create(actBody, new Shape(batch, actChannels, 4)));
  }

  /** Number of windows. */
  public int batch() {
    return batch;
  }

  /** Steps per window. */
  public int time() {
    return time;
  }

  /** Observation channels after padding. */
  public int obsChannels() {
    return obsChannels;
  }

  /** Action channels after padding. */
  public int actChannels() {
    return actChannels;
  }

  /** The system of each window. */
  public List<String> systems() {
    return systems;
  }

  /** Normalised observation of window b, step t, channel c (0 for padding). */
  public float obs(int b, int t, int c) {
    return obs[(b * time + t) * obsChannels + c];
  }

  /** Normalised action of window b, step t, channel c (0 for padding). */
  public float act(int b, int t, int c) {
    return act[(b * time + t) * actChannels + c];
  }

  /** True when window b's step t is given to the model. */
  public boolean observed(int b, int t) {
    return observed[b * time + t] > 0;
  }

  /** True when observation channel c of window b is real (not padding). */
  public boolean obsValid(int b, int c) {
    return obsValid[b * obsChannels + c] > 0;
  }

  /** True when action channel c of window b is real (not padding). */
  public boolean actValid(int b, int c) {
    return actValid[b * actChannels + c] > 0;
  }

  /** Number of real observation channels of window b. */
  public int obsCount(int b) {
    int n = 0;
    for (int c = 0; c < obsChannels; c++) {
      n += obsValid(b, c) ? 1 : 0;
    }
    return n;
  }

  /** Number of real action channels of window b. */
  public int actCount(int b) {
    int n = 0;
    for (int c = 0; c < actChannels; c++) {
      n += actValid(b, c) ? 1 : 0;
    }
    return n;
  }

  /** The largest body object id or rank of any channel. */
  public long maxRank() {
    long m = 0;
    for (long r : obsBody) {
      m = Math.max(m, r);
    }
    for (long r : actBody) {
      m = Math.max(m, r);
    }
    return m;
  }

  /** This batch with observation values replaced, {@code [batch, time, obsChannels]}. */
  public WindowBatch withObservations(float[] newObs) {
    if (newObs.length != obs.length) {
      throw new IllegalArgumentException(
          "observations: " + newObs.length + " values, expected " + obs.length);
    }
    return new WindowBatch(
        batch,
        time,
        obsChannels,
        actChannels,
        newObs.clone(),
        act,
        obsValid,
        actValid,
        observed,
        obsBody,
        actBody,
        systems);
  }

  /** A copy of the observation values, {@code [batch, time, obsChannels]}. */
  public float[] observations() {
    return obs.clone();
  }

  /** A copy of the observed mask, {@code [batch, time]}. */
  public float[] observedMask() {
    return observed.clone();
  }

  /** This batch with every window given its first {@code steps} steps and asked for the rest. */
  public WindowBatch withPrefix(int steps) {
    if (steps < 1 || steps > time) {
      throw new IllegalArgumentException("prefix = " + steps + ": allowed 1.." + time);
    }
    float[] o = new float[batch * time];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        o[b * time + t] = 1;
      }
    }
    return new WindowBatch(
        batch,
        time,
        obsChannels,
        actChannels,
        obs,
        act,
        obsValid,
        actValid,
        o,
        obsBody,
        actBody,
        systems);
  }

  /** Collects windows and pads them into a batch. */
  public static final class Builder {
    private final int time;
    private final List<float[]> obsRows = new ArrayList<>();
    private final List<float[]> actRows = new ArrayList<>();
    private final List<SystemLayout> layouts = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    /** A builder for windows of {@code time} steps. */
    public Builder(int time) {
      if (time < 2) {
        throw new IllegalArgumentException("time = " + time + ": windows need >= 2 steps");
      }
      this.time = time;
    }

    /** Number of windows added so far. */
    public int size() {
      return layouts.size();
    }

    /**
     * Adds one window.
     *
     * @param layout the window's system
     * @param obs normalised observations {@code [time, layout.observationSize()]}
     * @param act normalised actions {@code [time, layout.actionSize()]}
     * @param prefix steps given to the model, 1..time
     */
    public Builder add(SystemLayout layout, float[] obs, float[] act, int prefix) {
      if (obs.length != time * layout.observationSize()
          || act.length != time * layout.actionSize()) {
        throw new IllegalArgumentException(
            "window of '"
                + layout.id()
                + "': "
                + obs.length
                + " observation and "
                + act.length
                + " action values, expected "
                + time
                + " steps x "
                + layout.observationSize()
                + " and x "
                + layout.actionSize());
      }
      if (prefix < 1 || prefix > time) {
        throw new IllegalArgumentException("prefix = " + prefix + ": allowed 1.." + time);
      }
      obsRows.add(obs);
      actRows.add(act);
      layouts.add(layout);
      prefixes.add(prefix);
      return this;
    }

    /** Pads the windows into a batch. */
    public WindowBatch build() {
      int b = layouts.size();
      if (b == 0) {
        throw new IllegalStateException("no windows added");
      }
      int co = 0;
      int ca = 1;
      for (SystemLayout l : layouts) {
        co = Math.max(co, l.observationSize());
        ca = Math.max(ca, l.actionSize());
      }
      float[] obs = new float[b * time * co];
      float[] act = new float[b * time * ca];
      float[] ov = new float[b * co];
      float[] av = new float[b * ca];
      float[] observed = new float[b * time];
      long[] ob = new long[b * co * 4];
      long[] ab = new long[b * ca * 4];
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < b; i++) {
        SystemLayout l = layouts.get(i);
        int n = l.observationSize();
        int m = l.actionSize();
        ids.add(l.id());
        for (int t = 0; t < time; t++) {
          System.arraycopy(obsRows.get(i), t * n, obs, (i * time + t) * co, n);
          System.arraycopy(actRows.get(i), t * m, act, (i * time + t) * ca, m);
          observed[i * time + t] = t < prefixes.get(i) ? 1 : 0;
        }
        for (int c = 0; c < n; c++) {
          ov[i * co + c] = 1;
          putRanks(ob, (i * co + c) * 4, l.observations().get(c).ranks());
        }
        for (int c = 0; c < m; c++) {
          av[i * ca + c] = 1;
          putRanks(ab, (i * ca + c) * 4, l.actions().get(c).ranks());
        }
      }
      return new WindowBatch(b, time, co, ca, obs, act, ov, av, observed, ob, ab, ids);
    }

    private static void putRanks(long[] out, int at, SystemLayout.BodyRanks r) {
      out[at] = r.objectId();
      out[at + 1] = r.preOrder();
      out[at + 2] = r.inOrder();
      out[at + 3] = r.postOrder();
    }
  }
}
