package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.json.Json;
import org.junit.jupiter.api.Test;

class ForecastConfigTest {
  @Test
  void defaultsLoadFromTheResourceAndOverridesReplaceSingleFields() {
    ForecastConfig d = ForecastConfig.defaults();
    assertThat(d.lambda()).isPositive();
    assertThat(d.iterations()).isPositive();
    ForecastConfig o = ForecastConfig.read(Json.parse("{\"lambda\": 0, \"width\": 8}", "t"), d);
    assertThat(o.lambda()).isZero();
    assertThat(o.width()).isEqualTo(8);
    assertThat(o.batchSize()).isEqualTo(d.batchSize());
    assertThat(d.withSeed(9).seed()).isEqualTo(9);
    assertThat(d.withIterations(3).iterations()).isEqualTo(3);
  }

  @Test
  void badValuesAreRefusedNamingFieldValueAndRange() {
    ForecastConfig d = ForecastConfig.defaults();
    assertThatThrownBy(() -> ForecastConfig.read(Json.parse("{\"rateMin\": -1}", "t"), d))
        .hasMessageContaining("rateMin = -1.0 1/s")
        .hasMessageContaining("> 0");
    assertThatThrownBy(() -> ForecastConfig.read(Json.parse("{\"curriculum\": 2}", "t"), d))
        .hasMessageContaining("curriculum = 2.0: allowed [0, 1]");
    assertThatThrownBy(() -> ForecastConfig.read(Json.parse("{\"widht\": 2}", "t"), d))
        .hasMessageContaining("widht");
  }
}
