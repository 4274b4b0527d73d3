package io.delos.worldmodel.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.westworld.Variant;
import io.delos.worldmodel.westworld.WestWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TrainingTest {
  /** Two smooth synthetic systems with few episodes: a tiny dataset to overfit. */
  public static Map<String, List<Trajectory>> tinyData() {
    return Map.of("big", sines("big", 5, 2, 2, 0.3), "small", sines("small", 3, 1, 2, 0.7));
  }

  /** Episodes of oscillators driven by their actions, one channel per oscillator phase. */
  public static List<Trajectory> sines(String id, int n, int m, int episodes, double rate) {
    List<Trajectory> out = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      Trajectory.Builder b = Trajectory.builder(id, n, m);
      double phase = e * 0.9;
      for (int k = 0; k < 24; k++) {
        double[] o = new double[n];
        for (int c = 0; c < n; c++) {
          o[c] = Math.sin(phase + c);
        }
        double[] a = new double[m];
        for (int c = 0; c < m; c++) {
          a[c] = Math.cos(0.4 * k + c + e);
        }
        phase += rate * (1 + 0.5 * a[0]);
        b.add(k * 0.02, o, a, 0, k == 0 ? StepFlags.RESET : 0);
      }
      out.add(b.build());
    }
    return out;
  }

  public static SystemRegistry registry(Map<String, List<Trajectory>> data) {
    SystemRegistry r = new SystemRegistry();
    r.fit(Tiny.layout("big", 5, 2), data.get("big"));
    r.fit(Tiny.layout("small", 3, 1), data.get("small"));
    return r;
  }

  @Test
  void aTinyModelOverfitsATinyDataset() {
    Map<String, List<Trajectory>> data = tinyData();
    SystemRegistry reg = registry(data);
    TrajectoryWindows windows = new TrajectoryWindows(reg, data, 1);
    WestWorldConfig c = Tiny.config(32, "dense", 1);
    List<WindowBatch> eval = windows.evaluation(c.window(), c.observed(), 4, 100, 64);
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 3)) {
      double before = PredictionError.of(w, eval).mae();
      new SequenceTrainer(w, reg, Tiny.training(400, 16, 4, 1.0))
          .train(windows, TrainingListener.NONE);
      double after = PredictionError.of(w, eval).mae();
      // Normalised units: a quarter of the range at the start, about 1 % after memorising the 20
      // windows (the bound leaves room for run-to-run float noise on two threads).
      assertThat(before).isGreaterThan(0.15);
      assertThat(after).isLessThan(0.03);
    }
  }

  @Test
  void aResumedRunEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path dir) {
    Map<String, List<Trajectory>> data = tinyData();
    SystemRegistry reg = registry(data);
    TrajectoryWindows windows = new TrajectoryWindows(reg, data, 2);
    WestWorldConfig c = Tiny.config();
    TrainingSettings six = Tiny.training(6, 4, 9);
    Map<String, float[]> straight;
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 3)) {
      new SequenceTrainer(w, reg, six).train(windows, TrainingListener.NONE);
      straight = w.params().snapshot();
    }
    Path file = dir.resolve("run.ckpt");
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 3)) {
      SequenceTrainer t =
          new SequenceTrainer(w, reg, six.withSteps(3, six.warmupSteps())).checkpointTo(file);
      t.train(windows, TrainingListener.NONE);
    }
    Map<String, float[]> resumed;
    try (WestWorld w = new WestWorld(c, Variant.FULL, Device.cpu(), 77)) {
      SequenceTrainer t = new SequenceTrainer(w, reg, six).checkpointTo(file);
      assertThat(t.step()).isEqualTo(3);
      t.train(windows, TrainingListener.NONE);
      resumed = w.params().snapshot();
    }
    assertThat(resumed.keySet()).containsExactlyElementsOf(straight.keySet());
    for (String name : straight.keySet()) {
      assertThat(resumed.get(name)).as(name).containsExactly(straight.get(name));
    }
  }

  @Test
  void theScheduleWarmsUpThenDecaysToTheMinimum() {
    TrainingSettings s = Tiny.training(105, 4, 1);
    assertThat(s.learningRate(0)).isEqualTo(3e-3 / 5);
    assertThat(s.learningRate(4)).isEqualTo(3e-3);
    assertThat(s.learningRate(55)).isBetween(3e-4, 3e-3);
    assertThat(s.learningRate(104)).isCloseTo(3e-4, org.assertj.core.data.Offset.offset(1e-5));
  }
}
