package io.delos.actors.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.json.Json;
import io.delos.worldmodel.physsm.Arm;
import io.delos.worldmodel.physsm.ForecastConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastBenchmarkTest {
  @Test
  void aTinyRunScoresEveryArmAndWritesTheTables() {
    ForecastEvalSettings s = ForecastEvalSettings.defaults();
    ForecastEvalSettings tiny =
        new ForecastEvalSettings(
            s.controlFrequency(),
            15,
            10,
            2,
            s.noiseFraction(),
            s.dropMin(),
            s.dropMax(),
            6,
            2,
            s.systems(),
            s.config());
    ForecastConfig config =
        ForecastConfig.read(
            Json.parse(
                "{\"width\": 8, \"encoderState\": 4, \"decoderHidden\": 8, \"cellWidth\": 8,"
                    + " \"cellState\": 4, \"odeHidden\": 8, \"batchSize\": 4, \"iterations\": 2}",
                "test"),
            ForecastConfig.defaults());
    List<Arm> arms = List.of(Arm.values());
    List<ForecastBenchmark.Result> results =
        ForecastBenchmark.run(
            tiny,
            List.of("car"),
            arms,
            List.of(0L),
            0,
            config,
            new ForecastBenchmark.Listener() {});
    assertThat(results).hasSize(arms.size());
    for (ForecastBenchmark.Result r : results) {
      assertThat(r.metrics().extrapolationMae()).as(r.arm().name()).isFinite();
      assertThat(r.metrics().ade()).isFinite();
    }
    String md = ForecastReport.markdown(results, List.of("car"), arms);
    assertThat(md)
        .contains("#### car")
        .contains("| Phy-SSM |")
        .contains("ADE (m)")
        .contains("#### Targets")
        .contains("Phy-SSM / S5");
    assertThat(ForecastReport.perSeed(results)).contains("| car | Phy-SSM | 0 |");
  }
}
