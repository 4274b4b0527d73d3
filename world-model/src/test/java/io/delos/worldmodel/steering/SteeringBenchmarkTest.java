package io.delos.worldmodel.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.worldmodel.steering.SteeringBenchmark.Report;
import io.delos.worldmodel.steering.SteeringBenchmark.Row;
import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteeringBenchmarkTest {
  /** Mean displacement every method is calibrated to, activation units. */
  private static final double MOVEMENT = 1.5;

  /** Calibration tolerance of the benchmark, relative, with room for the average. */
  private static final double CALIBRATED = 1e-3;

  private static final Report REPORT =
      SteeringBenchmark.run(
          new SteeringBenchmark.Settings(
              200,
              100,
              4,
              MOVEMENT,
              10,
              BarrierConfig.defaults(3)
                  .withFeatures(BarrierFeatures.POLYNOMIAL_SKETCH, 256)
                  .withNormalisation(Normalisation.STANDARDISE),
              7,
              "test"),
          line -> {});

  @Test
  void everyMethodMovesTheNegativesByTheSameMeanDistance() {
    List<String> methods = new ArrayList<>();
    for (Row r : REPORT.rows()) {
      assertThat(r.movement()).isCloseTo(MOVEMENT, within(CALIBRATED * MOVEMENT));
      methods.add(r.method());
    }
    assertThat(methods).contains(SteeringBenchmark.CAA, SteeringBenchmark.ITI);
  }

  @Test
  void odeSteerRaisesTheTrueLogRatioOnXorMoreThanCaaAndIti() {
    Row ode = REPORT.row(Layout.XOR, SteeringBenchmark.ODESTEER);
    Row caa = REPORT.row(Layout.XOR, SteeringBenchmark.CAA);
    Row iti = REPORT.row(Layout.XOR, SteeringBenchmark.ITI);

    assertThat(ode.gain()).isGreaterThan(2 * Math.max(caa.gain(), iti.gain()));
    assertThat(ode.positiveShare()).isGreaterThan(0.7);
    assertThat(ode.positiveShare())
        .isGreaterThan(Math.max(caa.positiveShare(), iti.positiveShare()) + 0.4);
  }

  @Test
  void odeSteerMatchesCaaOnLinearData() {
    Row ode = REPORT.row(Layout.LINEAR, SteeringBenchmark.ODESTEER);
    Row caa = REPORT.row(Layout.LINEAR, SteeringBenchmark.CAA);

    assertThat(ode.gain()).isGreaterThan(0.9 * caa.gain());
  }

  @Test
  void markdownStatesTheVerdictOfEveryLayout() {
    assertThat(REPORT.markdown())
        .contains("**xor**", "**shells**", "**linear**")
        .contains("ODESteer beats CAA and ITI on gain and on share moved to the positive region");
  }
}
