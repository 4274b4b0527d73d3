package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.Trajectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading forecasters, and the posterior spread of a forecast. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecasterCheckpointTest {
  private static final int LENGTH = 30;
  private static final int OBSERVED = 20;
  private static final double PERIOD = 0.05;
  private static final int DRAWS = 8;

  private List<ForecastWindow> windows;
  private Forecaster trained;

  @BeforeAll
  void trainOnce() {
    windows = PendulumWindows.generate(16, LENGTH, OBSERVED, PERIOD, 0.02, 0.15, 5);
    trained =
        Forecaster.train(
            windows,
            KnownPhysics.forFamily("pendulum"),
            Arm.PHY_SSM,
            ForecasterTest.small(10),
            TrainingListener.NONE);
  }

  @AfterAll
  void close() {
    trained.close();
  }

  private Trajectory observed(ForecastWindow w) {
    Trajectory.Builder b = Trajectory.builder("pendulum", 3, 1);
    for (int k = 0; k < w.observedSteps(); k++) {
      if (w.kept(k)) {
        b.add(
            w.time(k),
            new double[] {w.measured(k, 0), w.measured(k, 1), w.measured(k, 2)},
            new double[] {w.action(k, 0)},
            0,
            0);
      }
    }
    return b.build();
  }

  private static double[] queries(ForecastWindow w) {
    return new double[] {w.time(3), w.time(OBSERVED + 2), w.time(LENGTH - 1) + 0.37};
  }

  @Test
  void aLoadedForecasterForecastsBitForBitLikeTheOneSaved(@TempDir Path dir) {
    Path folder = dir.resolve("pendulum-physsm");
    trained.save(folder, Map.of("command", "test"));
    ForecasterCheckpoint loaded = ForecasterCheckpoint.read(folder);
    try (Forecaster f = loaded.forecaster()) {
      assertThat(loaded.notes()).containsEntry("command", "test");
      assertThat(f.fingerprint()).isEqualTo(trained.fingerprint());
      assertThat(f.arm()).isEqualTo(trained.arm());
      assertThat(f.config()).isEqualTo(trained.config());
      assertThat(f.controlPeriod()).isEqualTo(trained.controlPeriod());
      assertThat(f.normalizer().mean()).containsExactly(trained.normalizer().mean());
      assertThat(f.normalizer().std()).containsExactly(trained.normalizer().std());
      assertThat(f.validationError()).isEqualTo(trained.validationError());
      for (ForecastWindow w : windows.subList(0, 3)) {
        Forecast a = trained.forecast(observed(w), null, queries(w), DRAWS, 3);
        Forecast b = f.forecast(observed(w), null, queries(w), DRAWS, 3);
        for (int i = 0; i < a.count(); i++) {
          for (int c = 0; c < 3; c++) {
            assertThat(b.observation(i, c)).isEqualTo(a.observation(i, c));
            assertThat(b.std(i, c)).isEqualTo(a.std(i, c));
          }
        }
      }
    }
  }

  @Test
  void theSpreadIsNonNegativeReproducibleAndPositiveBeyondTheWindow() {
    ForecastWindow w = windows.get(0);
    double[] q = queries(w);
    Forecast a = trained.forecast(observed(w), null, q, DRAWS, 11);
    Forecast b = trained.forecast(observed(w), null, q, DRAWS, 11);
    Forecast plain = trained.forecast(observed(w), null, q);
    assertThat(plain.hasSpread()).isFalse();
    assertThat(a.draws()).isEqualTo(DRAWS);
    double beyond = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < q.length; i++) {
        assertThat(a.std(i, c)).isGreaterThanOrEqualTo(0).isEqualTo(b.std(i, c));
        assertThat(a.observation(i, c)).isEqualTo(plain.observation(i, c));
      }
      beyond += a.std(2, c);
    }
    assertThat(beyond).isPositive();
    assertThatThrownBy(() -> trained.forecast(observed(w), null, q, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("draws = 1");
  }

  @Test
  void aDamagedCutOrForeignCheckpointIsRefusedSayingWhy(@TempDir Path dir) throws IOException {
    Path folder = dir.resolve("f");
    trained.save(folder, Map.of());
    Path params = folder.resolve(ForecasterCheckpoint.PARAMETERS);
    Path meta = folder.resolve(ForecasterCheckpoint.METADATA);
    byte[] good = Files.readAllBytes(params);
    String json = Files.readString(meta, StandardCharsets.UTF_8);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(params, flipped);
    assertThatThrownBy(() -> Forecaster.load(folder))
        .isInstanceOf(ForecasterCheckpointException.class)
        .hasMessageContaining("CRC-32")
        .hasMessageContaining("damaged");

    Files.write(params, java.util.Arrays.copyOf(good, good.length - 8));
    assertThatThrownBy(() -> Forecaster.load(folder))
        .isInstanceOf(ForecasterCheckpointException.class)
        .hasMessageContaining((good.length - 8) + " bytes")
        .hasMessageContaining("cut short");
    Files.write(params, good);

    Files.writeString(meta, json.replace("\"version\": 1", "\"version\": 7"));
    assertThatThrownBy(() -> Forecaster.load(folder))
        .isInstanceOf(ForecasterCheckpointException.class)
        .hasMessageContaining("version 7")
        .hasMessageContaining("version 1 only");

    Files.writeString(meta, json.replace("(scale 2.0)", "(scale 3.0)"));
    assertThatThrownBy(() -> Forecaster.load(folder))
        .isInstanceOf(ForecasterCheckpointException.class)
        .hasMessageContaining("differs from this build's");

    Files.writeString(meta, json.replace("\"system\": \"pendulum\"", "\"system\": \"blimp\""));
    assertThatThrownBy(() -> Forecaster.load(folder))
        .isInstanceOf(ForecasterCheckpointException.class)
        .hasMessageContaining("no physics declaration for family 'blimp'");

    Files.writeString(meta, json);
    try (Forecaster f = Forecaster.load(folder)) {
      assertThat(f.fingerprint()).isEqualTo(trained.fingerprint());
    }
    try (Forecaster other =
        Forecaster.train(
            windows.subList(0, 8),
            KnownPhysics.pendulum(9.81, 1),
            Arm.PHY_SSM,
            ForecasterTest.small(1),
            TrainingListener.NONE)) {
      assertThatThrownBy(() -> other.save(dir.resolve("g"), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not KnownPhysics.forFamily(\"pendulum\")");
    }
    assertThatThrownBy(() -> Forecaster.load(dir.resolve("missing")))
        .isInstanceOf(ForecasterCheckpointException.class)
        .hasMessageContaining("holds no saved forecaster");
  }
}
