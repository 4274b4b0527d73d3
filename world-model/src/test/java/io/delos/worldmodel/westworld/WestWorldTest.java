package io.delos.worldmodel.westworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.sequence.Tiny;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class WestWorldTest {
  /** Float32 noise of the same computation run twice on the same batch, in nats or logits. */
  private static final double SAME = 1e-5;

  @Test
  void forwardGivesKLogitsPerObservationToken() {
    WestWorldConfig c = Tiny.config();
    WindowBatch batch = Tiny.mixedBatch(8, 3, 1);
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 1);
        NDManager m = w.params().manager().newSubManager()) {
      WestWorld.Forward f = w.forward(batch.tensors(m));
      assertThat(f.logits().getShape()).isEqualTo(new Shape(4, 8, 5, 16));
      assertThat(f.balance().getShape()).isEqualTo(new Shape());
    }
  }

  @Test
  void everyVariantAndRouterTrainsAStepWithFiniteLoss() {
    WindowBatch batch = Tiny.mixedBatch(8, 3, 2);
    for (WestWorldConfig c : List.of(Tiny.config(), Tiny.config("topk", 1))) {
      for (Variant v : Variant.values()) {
        try (WestWorld w = new WestWorld(c, v, Device.cpu(), 1);
            NDManager m = w.params().manager().newSubManager()) {
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = w.loss(batch, batch.tensors(m));
            assertThat(loss.getShape()).isEqualTo(new Shape());
            assertThat(Double.isFinite(loss.getFloat())).as(v + " " + c.router()).isTrue();
            gc.backward(loss);
          }
          NDArray g = w.params().get("head.out.w").getGradient();
          assertThat(g.abs().sum().getFloat()).isGreaterThan(0f);
        }
      }
    }
  }

  @Test
  void topKRoutingKeepsKExpertsPerSequenceAndDenseKeepsAll() {
    WindowBatch batch = Tiny.mixedBatch(8, 3, 3);
    try (WestWorld topk = new WestWorld(Tiny.config("topk", 1), Variant.FULL, Device.cpu(), 1);
        WestWorld dense = new WestWorld(Tiny.config(), Variant.FULL, Device.cpu(), 1)) {
      float[] r = topk.routing(batch).get(0);
      float[] s = dense.routing(batch).get(0);
      assertThat(r).hasSize(4 * 5 * 2);
      for (int row = 0; row < r.length / 2; row++) {
        int nonZero = (r[2 * row] > 0 ? 1 : 0) + (r[2 * row + 1] > 0 ? 1 : 0);
        assertThat(nonZero).isEqualTo(1);
        assertThat((double) s[2 * row] + s[2 * row + 1]).isCloseTo(1.0, offset(SAME));
        assertThat(s[2 * row]).isGreaterThan(0f);
      }
    }
    try (WestWorld ablation = new WestWorld(Tiny.config(), Variant.DENSE, Device.cpu(), 1)) {
      assertThat(ablation.routing(batch)).isEmpty();
    }
  }

  @Test
  void masksHideFutureObservationsAndPadding() {
    WestWorldConfig c = Tiny.config();
    WindowBatch batch = Tiny.mixedBatch(8, 3, 4);
    // The same windows with other values at every masked step and in every padded channel.
    float[] changed = batch.observations();
    for (int i = 0; i < batch.batch(); i++) {
      for (int t = 0; t < batch.time(); t++) {
        for (int ch = 0; ch < batch.obsChannels(); ch++) {
          boolean padded = !batch.obsValid(i, ch);
          if (padded || !batch.observed(i, t)) {
            changed[(i * batch.time() + t) * batch.obsChannels() + ch] = 0.987f;
          }
        }
      }
    }
    WindowBatch other = batch.withObservations(changed);
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 5);
        NDManager m = w.params().manager().newSubManager()) {
      WindowBatch.Tensors x = batch.tensors(m);
      WindowBatch.Tensors y = other.tensors(m);
      float[] a = w.forward(x).logits().toFloatArray();
      float[] b = w.forward(y).logits().toFloatArray();
      int co = batch.obsChannels();
      int k = c.bins();
      for (int i = 0; i < batch.batch(); i++) {
        for (int t = 0; t < batch.time(); t++) {
          for (int ch = 0; ch < co; ch++) {
            if (!batch.obsValid(i, ch)) {
              continue;
            }
            for (int bin = 0; bin < k; bin++) {
              int at = ((i * batch.time() + t) * co + ch) * k + bin;
              assertThat((double) b[at]).as("logit of a real token").isCloseTo(a[at], offset(SAME));
            }
          }
        }
      }
    }
  }

  @Test
  void theLossIsTheMeanCrossEntropyOverPredictedRealTokensOnly() {
    WestWorldConfig c = Tiny.config();
    WindowBatch batch = Tiny.mixedBatch(8, 3, 6);
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 7);
        NDManager m = w.params().manager().newSubManager()) {
      WindowBatch.Tensors x = batch.tensors(m);
      double loss = w.loss(batch, x).getFloat();
      NDArray ce =
          new io.delos.worldmodel.nn.SoftHistogram(c.bins())
              .crossEntropy(w.forward(x).logits(), x.obs());
      float[] v = ce.toFloatArray();
      double sum = 0;
      int count = 0;
      for (int i = 0; i < batch.batch(); i++) {
        for (int t = 0; t < batch.time(); t++) {
          for (int ch = 0; ch < batch.obsChannels(); ch++) {
            if (!batch.observed(i, t) && batch.obsValid(i, ch)) {
              sum += v[(i * batch.time() + t) * batch.obsChannels() + ch];
              count++;
            }
          }
        }
      }
      assertThat(count).isEqualTo(2 * 5 * 5 + 2 * 5 * 3);
      assertThat(loss).isCloseTo(sum / count, offset(SAME));

      // Gradients reach no padded channel's value embedding path: changing padding leaves the loss.
      float[] changed = batch.observations();
      for (int i = 1; i < batch.batch(); i += 2) {
        for (int t = 0; t < batch.time(); t++) {
          for (int ch = 3; ch < 5; ch++) {
            changed[(i * batch.time() + t) * batch.obsChannels() + ch] = 0.5f;
          }
        }
      }
      WindowBatch other = batch.withObservations(changed);
      assertThat((double) w.loss(other, other.tensors(m)).getFloat()).isCloseTo(loss, offset(SAME));
    }
  }

  @Test
  void predictionsKeepGivenStepsAndStayInTheUnitInterval() {
    WindowBatch batch = Tiny.mixedBatch(8, 3, 8);
    try (WestWorld w = new WestWorld(Tiny.config(), Variant.FULL, Device.cpu(), 9)) {
      float[] p = w.predict(batch);
      for (int i = 0; i < batch.batch(); i++) {
        for (int t = 0; t < batch.time(); t++) {
          for (int ch = 0; ch < batch.obsChannels(); ch++) {
            float v = p[(i * batch.time() + t) * batch.obsChannels() + ch];
            if (!batch.obsValid(i, ch)) {
              assertThat(v).isEqualTo(0f);
            } else if (batch.observed(i, t)) {
              assertThat(v).isEqualTo(batch.obs(i, t, ch));
            } else {
              assertThat(v).isBetween(0f, 1f);
            }
          }
        }
      }
    }
  }

  @Test
  void batchesBeyondTheTablesAreRejectedNamingTheConfigField() {
    try (WestWorld w = new WestWorld(Tiny.config(), Variant.FULL, Device.cpu(), 1)) {
      assertThatThrownBy(() -> w.predict(Tiny.mixedBatch(9, 3, 1)))
          .hasMessageContaining("window of 9 steps")
          .hasMessageContaining("config field window");
      WindowBatch wide =
          new WindowBatch.Builder(4)
              .add(Tiny.layout("wide", 9, 1), new float[36], new float[4], 1)
              .build();
      assertThatThrownBy(() -> w.predict(wide))
          .hasMessageContaining("9 observation channels")
          .hasMessageContaining("maxObservations");
    }
  }

  @Test
  void sysMoeRejectsAnInputOfTheWrongWidthNamingTheAxes() {
    try (Params p = new Params(Device.cpu(), 1);
        NDManager m = p.manager().newSubManager()) {
      SysMoe moe = new SysMoe(p, "moe", Tiny.config(), true, 1);
      assertThatThrownBy(() -> moe.forward(m.ones(new Shape(3, 5, 12)), m.ones(new Shape(3))))
          .hasMessageContaining("moe.input")
          .hasMessageContaining("[sequences, time, d]")
          .hasMessageContaining("got [3, 5, 12]");
      SysMoe.Output out = moe.forward(m.ones(new Shape(3, 5, 16)), m.ones(new Shape(3)));
      assertThat(out.out().getShape()).isEqualTo(new Shape(3, 5, 16));
      assertThat(out.routing().getShape()).isEqualTo(new Shape(3, 2));
      StructuralEmbedding s = new StructuralEmbedding(p, "s", 8, 16);
      NDArray ranks = m.create(new long[] {0, 1, 2, 3, 1, 1, 1, 1}, new Shape(1, 2, 4));
      assertThat(s.forward(ranks).getShape()).isEqualTo(new Shape(1, 2, 16));
      assertThat(s.forward(ranks).get(new NDIndex("0, 0, :4")).getShape()).isEqualTo(new Shape(4));
      assertThatThrownBy(() -> s.forward(m.zeros(new Shape(2, 3))))
          .hasMessageContaining("[batch, channel, 4]");
    }
  }
}
