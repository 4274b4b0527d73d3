package io.delos.worldmodel.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.SystemLayout;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;
import io.delos.worldmodel.westworld.SequenceModels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  /** Float32 noise of one computation done twice, in nats or normalised units. */
  private static final double SAME = 1e-5;

  static WestWorldConfig config() {
    return new WestWorldConfig(
        "tiny", 16, 1, 2, 16, 32, 2, 16, "dense", 1, 0.01, 16, 2, 4, 2, 4, 8, 3, 8, 4, 8, 32, 2, 3);
  }

  static SystemLayout layout(String id, int n, int m) {
    List<SystemLayout.ChannelInfo> obs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      obs.add(new SystemLayout.ChannelInfo("o" + i, "b", new SystemLayout.BodyRanks(0, 0, 0, 0)));
    }
    List<SystemLayout.ChannelInfo> act = new java.util.ArrayList<>();
    for (int i = 0; i < m; i++) {
      act.add(new SystemLayout.ChannelInfo("a" + i, "b", new SystemLayout.BodyRanks(0, 0, 0, 0)));
    }
    return new SystemLayout(id, obs, act);
  }

  static WindowBatch batch(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    WindowBatch.Builder b = new WindowBatch.Builder(8);
    for (int i = 0; i < 4; i++) {
      SystemLayout l = i % 2 == 0 ? layout("big", 5, 2) : layout("small", 3, 1);
      float[] o = new float[8 * l.observationSize()];
      float[] a = new float[8 * l.actionSize()];
      for (int k = 0; k < o.length; k++) {
        o[k] = (float) r.nextDouble();
      }
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) r.nextDouble();
      }
      b.add(l, o, a, 3);
    }
    return b.build();
  }

  @Test
  void transformerBaselinesGiveKLogitsPerObservationTokenAndTrain() {
    WindowBatch batch = batch(1);
    try (TrajWorldModel tw = new TrajWorldModel(config(), Device.cpu(), 1);
        FlatTransformer tdm = new FlatTransformer(config(), Device.cpu(), 1);
        NDManager m = tw.params().manager().newSubManager()) {
      WindowBatch.Tensors x = batch.tensors(m);
      assertThat(tw.logits(x).getShape()).isEqualTo(new Shape(4, 8, 5, 16));
      assertThat(tdm.logits(x).getShape()).isEqualTo(new Shape(4, 8, 5, 16));
    }
    for (String kind : List.of("trajworld", "tdm", "mlp-ensemble")) {
      try (SequenceModel model = SequenceModels.create(kind, config(), Device.cpu(), 2);
          NDManager m = model.params().manager().newSubManager()) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray loss = model.loss(batch, batch.tensors(m));
          assertThat(Double.isFinite(loss.getFloat())).as(kind).isTrue();
          gc.backward(loss);
        }
      }
    }
  }

  @Test
  void causalBaselinesIgnoreTheFutureAndPadding() {
    WindowBatch batch = batch(2);
    // Later steps and padded channels get other values; earlier predictions must not change.
    float[] changed = batch.observations();
    int t = batch.time();
    int co = batch.obsChannels();
    for (int i = 0; i < batch.batch(); i++) {
      for (int k = 0; k < t; k++) {
        for (int c = 0; c < co; c++) {
          if (k >= 5 || !batch.obsValid(i, c)) {
            changed[(i * t + k) * co + c] = 0.42f;
          }
        }
      }
    }
    WindowBatch other = batch.withObservations(changed);
    try (TrajWorldModel tw = new TrajWorldModel(config(), Device.cpu(), 3);
        FlatTransformer tdm = new FlatTransformer(config(), Device.cpu(), 3);
        NDManager m = tw.params().manager().newSubManager()) {
      for (var f :
          List.<java.util.function.Function<WindowBatch.Tensors, NDArray>>of(
              tw::logits, tdm::logits)) {
        float[] a = f.apply(batch.tensors(m)).toFloatArray();
        float[] b = f.apply(other.tensors(m)).toFloatArray();
        for (int i = 0; i < batch.batch(); i++) {
          for (int k = 0; k < 5; k++) {
            for (int c = 0; c < co; c++) {
              if (!batch.obsValid(i, c)) {
                continue;
              }
              for (int bin = 0; bin < 16; bin++) {
                int at = ((i * t + k) * co + c) * 16 + bin;
                assertThat((double) b[at]).isCloseTo(a[at], offset(SAME));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void rolloutsFillOnlyUnobservedStepsOfRealChannels() {
    WindowBatch batch = batch(4);
    for (String kind : List.of("trajworld", "tdm", "mlp-ensemble")) {
      try (SequenceModel model = SequenceModels.create(kind, config(), Device.cpu(), 5)) {
        float[] p = model.predict(batch);
        for (int i = 0; i < batch.batch(); i++) {
          for (int k = 0; k < batch.time(); k++) {
            for (int c = 0; c < batch.obsChannels(); c++) {
              float v = p[(i * batch.time() + k) * batch.obsChannels() + c];
              if (!batch.obsValid(i, c)) {
                assertThat(v).as(kind).isEqualTo(0f);
              } else if (batch.observed(i, k)) {
                assertThat(v).as(kind).isEqualTo(batch.obs(i, k, c));
              } else {
                assertThat(v).as(kind).isBetween(0f, 1f);
              }
            }
          }
        }
      }
    }
  }
}
