package io.delos.worldmodel.westworld;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import io.delos.worldmodel.sequence.ChannelRanges;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.SystemLayout;
import io.delos.worldmodel.sequence.SystemRegistry;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A trained sequence model seen as the {@link Dynamics} of one system, for planners: every action
 * sequence of a call is rolled out in one batched prediction.
 *
 * <p>Each sequence's window starts with the given steps (the prefix) followed by the actions to
 * evaluate; WestWorld predicts the whole horizon in one forward pass, the autoregressive baselines
 * step by step. The prefix is the start observation alone (a prefix of 1), or, when the caller
 * keeps history with {@link #remember}, the last few observed steps and the actions applied in them
 * before the start, which lets the model identify the system from its recent motion. Horizons
 * longer than the model's window are covered by rolling segments: each new segment takes the last
 * {@code observed} predicted steps as its prefix.
 *
 * <p>Values are converted with the system's registered ranges: observations and actions in their
 * own units in, observations in their own units out. Actions outside the ranges are clipped to them
 * before the model sees them.
 *
 * <p>Threading: not thread-safe; one planner drives one instance (the history belongs to one
 * robot).
 */
public final class WestWorldDynamics implements Dynamics {
  private final SequenceModel model;
  private final SystemLayout layout;
  private final ChannelRanges ranges;
  private final int history;
  private final Deque<double[][]> remembered = new ArrayDeque<>();

  /**
   * Wraps a model for one registered system.
   *
   * @param model the trained model
   * @param registry must hold {@code systemId}
   * @param systemId the system to predict
   * @param history most remembered steps placed before the start, 0 .. observed − 1 of the model
   */
  public WestWorldDynamics(
      SequenceModel model, SystemRegistry registry, String systemId, int history) {
    SystemRegistry.Entry e = registry.get(systemId);
    int most = model.config().observed() - 1;
    if (history < 0 || history > most) {
      throw new IllegalArgumentException(
          "history = " + history + ": allowed 0.." + most + " (the model's observed steps − 1)");
    }
    this.model = model;
    this.layout = e.layout();
    this.ranges = e.ranges();
    this.history = history;
  }

  /** Wraps a model for one registered system, with a prefix of the start observation only. */
  public WestWorldDynamics(SequenceModel model, SystemRegistry registry, String systemId) {
    this(model, registry, systemId, 0);
  }

  /**
   * Records a step the robot took (its observation and the action applied from it); the last {@code
   * history} of them precede the start of every later rollout.
   */
  public void remember(double[] observation, double[] action) {
    if (history == 0) {
      return;
    }
    if (observation.length != observationSize() || action.length != actionSize()) {
      throw new IllegalArgumentException(
          "remember: "
              + observation.length
              + " observations and "
              + action.length
              + " actions, expected "
              + observationSize()
              + " and "
              + actionSize());
    }
    remembered.addLast(new double[][] {observation.clone(), action.clone()});
    while (remembered.size() > history) {
      remembered.removeFirst();
    }
  }

  /** Forgets the remembered steps (at an episode's start). */
  public void forget() {
    remembered.clear();
  }

  /** The wrapped model. */
  public SequenceModel model() {
    return model;
  }

  @Override
  public int observationSize() {
    return layout.observationSize();
  }

  @Override
  public int actionSize() {
    return layout.actionSize();
  }

  @Override
  public double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    int b = starts.size();
    int n = observationSize();
    int m = actionSize();
    List<double[][]> past = new ArrayList<>(remembered);
    int p = past.size() + 1;
    int total = p + horizon;
    // Known normalised observations and all normalised actions, per sequence: [b][total * n].
    float[][] obs = new float[b][total * n];
    float[][] act = new float[b][total * m];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < past.size(); k++) {
        for (int c = 0; c < n; c++) {
          obs[i][k * n + c] = (float) ranges.normaliseObservation(c, past.get(k)[0][c]);
        }
        for (int c = 0; c < m; c++) {
          act[i][k * m + c] = (float) ranges.normaliseAction(c, past.get(k)[1][c]);
        }
      }
      for (int c = 0; c < n; c++) {
        obs[i][(p - 1) * n + c] =
            (float) ranges.normaliseObservation(c, starts.get(i).observation().get(c));
      }
      for (int h = 0; h < horizon; h++) {
        for (int c = 0; c < m; c++) {
          act[i][(p - 1 + h) * m + c] =
              (float) ranges.normaliseAction(c, actions[(i * horizon + h) * m + c]);
        }
      }
      // The last step's action is never used by a causal prediction; repeat the one before.
      System.arraycopy(act[i], (total - 2) * m, act[i], (total - 1) * m, m);
    }
    int window = model.config().window();
    int known = p;
    while (known < total) {
      // The first segment starts at the prefix; later ones take the last observed-many predicted
      // steps as theirs. Every segment has at least two steps, since known < total.
      int prefix = known == p ? p : Math.min(known, model.config().observed());
      int from = known - prefix;
      int steps = Math.min(window, total - from);
      WindowBatch.Builder builder = new WindowBatch.Builder(steps);
      for (int i = 0; i < b; i++) {
        float[] o = new float[steps * n];
        float[] a = new float[steps * m];
        System.arraycopy(obs[i], from * n, o, 0, steps * n);
        System.arraycopy(act[i], from * m, a, 0, steps * m);
        builder.add(layout, o, a, prefix);
      }
      WindowBatch batch = builder.build();
      float[] predicted = model.predict(batch);
      int co = batch.obsChannels();
      int upTo = from + steps;
      for (int i = 0; i < b; i++) {
        for (int k = known; k < upTo; k++) {
          for (int c = 0; c < n; c++) {
            obs[i][k * n + c] = predicted[(i * steps + (k - from)) * co + c];
          }
        }
      }
      known = upTo;
    }
    double[] out = new double[b * horizon * n];
    for (int i = 0; i < b; i++) {
      for (int h = 0; h < horizon; h++) {
        for (int c = 0; c < n; c++) {
          out[(i * horizon + h) * n + c] =
              ranges.denormaliseObservation(c, obs[i][(p + h) * n + c]);
        }
      }
    }
    return out;
  }
}
