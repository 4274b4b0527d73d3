package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.sim.noise.IrregularSampling;
import io.delos.worldmodel.data.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastWindowTest {
  private static Trajectory ramp(int rows, double offset) {
    Trajectory.Builder b = Trajectory.builder("ramp", 1, 1);
    for (int k = 0; k < rows; k++) {
      b.add(k * 0.1, new double[] {k + offset}, new double[] {0}, 0, k == 0 ? StepFlags.RESET : 0);
    }
    return b.build();
  }

  @Test
  void buildsFromTrajectoriesMatchingKeptRowsByTheirTimes() {
    Trajectory measured = ramp(20, 0.1);
    Trajectory truth = ramp(20, 0);
    Trajectory kept = IrregularSampling.drop(measured, 0.3, 4);
    ForecastWindow w = ForecastWindow.of(measured, truth, kept, 12);
    assertThat(w.length()).isEqualTo(20);
    assertThat(w.observedSteps()).isEqualTo(12);
    int count = 0;
    for (int k = 0; k < 20; k++) {
      if (w.kept(k)) {
        count++;
      }
      assertThat(w.truth(k, 0)).isEqualTo(k);
      assertThat(w.measured(k, 0)).isCloseTo(k + 0.1, within(1e-12));
    }
    assertThat(count).isEqualTo(kept.length());
    assertThat(w.droppedFraction()).isCloseTo(1 - kept.length() / 20.0, within(1e-12));
  }

  @Test
  void refusesBadShapesAndSplitsNamingTheValue() {
    double[] t = {0, 0.1, 0.2};
    double[] y = {1, 2, 3};
    double[] a = {0, 0, 0};
    assertThatThrownBy(
            () -> ForecastWindow.of(t, y, null, new boolean[] {true, true, true}, a, 3, 1))
        .hasMessageContaining("observedSteps = 3: allowed [1, 2]");
    assertThatThrownBy(
            () -> ForecastWindow.of(t, y, null, new boolean[] {false, true, true}, a, 2, 1))
        .hasMessageContaining("drops the first point");
    assertThatThrownBy(
            () ->
                ForecastWindow.of(
                    new double[] {0, 0.2, 0.1}, y, null, new boolean[] {true, true, true}, a, 2, 1))
        .hasMessageContaining("times[2] = 0.1 s");
  }

  @Test
  void metricsSplitInterpolationFromExtrapolationAndMeasureDisplacement() {
    // Two channels (x, y in m); the truth is 0, predictions are off by (3, 4) m after the split.
    double[] t = {0, 0.1, 0.2, 0.3};
    double[] zero = new double[8];
    ForecastWindow w =
        ForecastWindow.of(
            t, zero, zero, new boolean[] {true, true, true, true}, new double[4], 2, 2);
    double[] p = {0, 0, 0, 0, 3, 4, 3, 4};
    Normalizer unit = new Normalizer(new double[] {0, 0}, new double[] {1, 1});
    ForecastMetrics m = ForecastMetrics.measure(List.of(p), List.of(w), unit, new int[] {0, 1});
    assertThat(m.interpolationMae()).isZero();
    assertThat(m.extrapolationMae()).isCloseTo(3.5, within(1e-12));
    assertThat(m.extrapolationMse()).isCloseTo(12.5, within(1e-12));
    assertThat(m.ade()).isCloseTo(5, within(1e-12));
    assertThat(m.fde()).isCloseTo(5, within(1e-12));
  }
}
