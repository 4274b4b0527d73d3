package io.delos.worldmodel.westworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import io.delos.sim.State;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.sequence.ChannelRanges;
import io.delos.worldmodel.sequence.SystemRegistry;
import io.delos.worldmodel.sequence.Tiny;
import io.delos.worldmodel.sequence.TrainingTest;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WestWorldDynamicsTest {
  /** Float32 normalisation and back, in the channel's unit for ranges of a few units. */
  private static final double ROUND_TRIP = 1e-5;

  @Test
  void aRolloutMatchesTheModelsPredictionOfTheSameWindow() {
    Map<String, List<Trajectory>> data = TrainingTest.tinyData();
    SystemRegistry reg = TrainingTest.registry(data);
    Trajectory t = data.get("big").get(0);
    try (WestWorld w = new WestWorld(Tiny.config(), Variant.FULL, Device.cpu(), 4)) {
      WestWorldDynamics dyn = new WestWorldDynamics(w, reg, "big");
      int horizon = 7;
      List<State> starts = new ArrayList<>();
      double[] actions = new double[2 * horizon * 2];
      for (int i = 0; i < 2; i++) {
        starts.add(State.of(t.observation(i)));
        for (int h = 0; h < horizon; h++) {
          System.arraycopy(t.action(i + h), 0, actions, (i * horizon + h) * 2, 2);
        }
      }
      double[] out = dyn.rollout(starts, horizon, actions);
      assertThat(out).hasSize(2 * horizon * 5);

      // The same window through predict() with a prefix of 1.
      ChannelRanges r = reg.get("big").ranges();
      WindowBatch.Builder b = new WindowBatch.Builder(horizon + 1);
      float[] o = new float[(horizon + 1) * 5];
      float[] a = new float[(horizon + 1) * 2];
      for (int k = 0; k <= horizon; k++) {
        for (int c = 0; c < 5; c++) {
          o[k * 5 + c] = (float) r.normaliseObservation(c, t.observation(k, c));
        }
        int from = Math.min(k, horizon - 1);
        for (int c = 0; c < 2; c++) {
          a[k * 2 + c] = (float) r.normaliseAction(c, t.action(from, c));
        }
      }
      b.add(reg.get("big").layout(), o, a, 1);
      float[] p = w.predict(b.build());
      for (int h = 0; h < horizon; h++) {
        for (int c = 0; c < 5; c++) {
          double expected = r.denormaliseObservation(c, p[(h + 1) * 5 + c]);
          assertThat(out[h * 5 + c]).isCloseTo(expected, offset(ROUND_TRIP));
        }
      }
    }
  }

  @Test
  void horizonsLongerThanTheWindowRollInSegmentsAndHistoryIsUsed() {
    Map<String, List<Trajectory>> data = TrainingTest.tinyData();
    SystemRegistry reg = TrainingTest.registry(data);
    Trajectory t = data.get("small").get(1);
    try (WestWorld w = new WestWorld(Tiny.config(), Variant.FULL, Device.cpu(), 4)) {
      WestWorldDynamics plain = new WestWorldDynamics(w, reg, "small");
      WestWorldDynamics remembering = new WestWorldDynamics(w, reg, "small", 2);
      int horizon = 20;
      double[] actions = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        actions[h] = t.action(2 + h, 0);
      }
      double[] out = plain.rollout(List.of(State.of(t.observation(2))), horizon, actions);
      assertThat(out).hasSize(horizon * 3);
      for (double v : out) {
        assertThat(Double.isFinite(v)).isTrue();
      }
      remembering.remember(t.observation(0), t.action(0));
      remembering.remember(t.observation(1), t.action(1));
      double[] withHistory =
          remembering.rollout(List.of(State.of(t.observation(2))), horizon, actions);
      assertThat(withHistory).isNotEqualTo(out);
      remembering.forget();
      assertThat(remembering.rollout(List.of(State.of(t.observation(2))), horizon, actions))
          .containsExactly(out);
      assertThatThrownBy(() -> new WestWorldDynamics(w, reg, "small", 3))
          .hasMessageContaining("history = 3: allowed 0..2");
      assertThatThrownBy(() -> new WestWorldDynamics(w, reg, "nobody"))
          .hasMessageContaining("'nobody' is not registered");
    }
  }
}
