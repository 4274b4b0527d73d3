package io.delos.actors.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.worldmodel.physsm.ForecastWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastDataTest {
  private static ForecastEvalSettings few(int train, int test) {
    ForecastEvalSettings s = ForecastEvalSettings.defaults();
    return new ForecastEvalSettings(
        s.controlFrequency(),
        s.windowSteps(),
        s.observedSteps(),
        s.warmupSteps(),
        s.noiseFraction(),
        s.dropMin(),
        s.dropMax(),
        train,
        test,
        s.systems(),
        s.config());
  }

  @Test
  void shippedSettingsCoverTheFourSystemsOfTheIssue() {
    ForecastEvalSettings s = ForecastEvalSettings.defaults();
    assertThat(s.systems()).containsKeys("pendulum", "cartpole", "quadrotor", "car");
    assertThat(s.observedSteps() * 3).isEqualTo(s.windowSteps() * 2);
    assertThat(s.dropMin()).isEqualTo(0.1);
    assertThat(s.dropMax()).isEqualTo(0.2);
    assertThat(s.system("car").positions()).containsExactly("chassis.x", "chassis.y");
    assertThatThrownBy(() -> s.system("walker")).hasMessageContaining("configured:");
  }

  @Test
  void windowsAreNoisyIrregularAndSplitTwoThirdsToOneThird() {
    ForecastEvalSettings s = few(6, 2);
    for (String family : List.of("pendulum", "cartpole", "quadrotor", "car")) {
      ForecastData.SystemData d = ForecastData.generate(s, family, 5);
      assertThat(d.train()).hasSize(6);
      assertThat(d.test()).hasSize(2);
      double dropped = 0;
      double noise = 0;
      int values = 0;
      for (ForecastWindow w : d.train()) {
        assertThat(w.length()).isEqualTo(s.windowSteps());
        assertThat(w.observedSteps()).isEqualTo(s.observedSteps());
        assertThat(w.kept(0)).isTrue();
        assertThat(w.hasTruth()).isTrue();
        assertThat(w.time(1) - w.time(0))
            .isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-9));
        dropped += w.droppedFraction();
        for (int k = 0; k < w.length(); k++) {
          if (w.kept(k)) {
            noise += Math.abs(w.measured(k, 0) - w.truth(k, 0));
            values++;
          }
        }
      }
      assertThat(dropped / d.train().size()).as(family).isBetween(0.03, 0.3);
      assertThat(noise / values).as(family + " noise").isPositive();
    }
  }

  @Test
  void theSameSeedGivesTheSameWindowsAndSystemsGetTheirOwnNoise() {
    ForecastEvalSettings s = few(4, 1);
    ForecastWindow a = ForecastData.generate(s, "pendulum", 3).train().get(0);
    ForecastWindow b = ForecastData.generate(s, "pendulum", 3).train().get(0);
    for (int k = 0; k < a.length(); k++) {
      assertThat(a.kept(k)).isEqualTo(b.kept(k));
      for (int c = 0; c < a.observationSize(); c++) {
        assertThat(a.measured(k, c)).isEqualTo(b.measured(k, c));
      }
    }
  }

  @Test
  void quadrotorDataStayAirborneUnderTheHoverController() {
    ForecastData.SystemData d = ForecastData.generate(few(8, 1), "quadrotor", 1);
    for (ForecastWindow w : d.train()) {
      for (int k = 0; k < w.length(); k++) {
        assertThat(w.truth(k, 1)).as("altitude, m").isGreaterThan(0.3);
        assertThat(Math.abs(w.truth(k, 4))).as("vx, m/s").isLessThan(4);
      }
    }
  }
}
