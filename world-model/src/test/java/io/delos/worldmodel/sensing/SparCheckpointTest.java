package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparCheckpointTest {
  private static final List<String> MOUNTINGS = List.of("floor", "wall");
  private static final List<String> MODALITIES = List.of("geophone", "accelerometer");

  private static List<SensorScene> scenes;
  private static SparModel model;
  private static SparProbe locator;

  @BeforeAll
  static void fit() {
    scenes = SparModelTest.pulses(24, 5, 11);
    model =
        SparModel.pretrain(
            scenes,
            new SparConfig(16, 4, 2, 16, 2, 1, 8, 1.0, true, true, 0.25, 0.25, 1, 1, 2, 8, 1e-2, 3),
            SparModel.Listener.NONE);
    double[][] xy = new double[scenes.size()][];
    for (int i = 0; i < xy.length; i++) {
      xy[i] = new double[] {i % 3, -i % 5};
    }
    locator =
        SparProbe.regression(
            model.nodeRepresentations(scenes), xy, new SparProbe.Settings(8, 2, 8, 1e-2, 1));
  }

  @AfterAll
  static void free() {
    locator.close();
    model.close();
  }

  @Test
  void aSavedModelAndHeadAnswerBitForBitAsBeforeSaving(@TempDir Path dir) {
    Path folder = dir.resolve("field");
    String version =
        SparCheckpoint.write(
            folder, model, locator, MOUNTINGS, MODALITIES, 500, 0.42, Map.of("data", "pulses"));
    assertThat(SparCheckpoint.isCheckpoint(folder)).isTrue();
    try (SparCheckpoint c = SparCheckpoint.read(folder)) {
      assertThat(c.version()).isEqualTo(version).hasSize(8);
      assertThat(c.roles())
          .containsExactly(
              "floor/geophone", "floor/accelerometer", "wall/geophone", "wall/accelerometer");
      assertThat(c.sampleRate()).isEqualTo(500);
      assertThat(c.uncertainty()).isEqualTo(0.42);
      assertThat(c.notes()).containsEntry("data", "pulses");
      assertThat(c.model().config()).isEqualTo(model.config());
      assertThat(c.model().scaling()).isEqualTo(model.scaling());
      SensorScene one = scenes.get(3).without(Set.of(0));
      assertThat(c.model().nodeRepresentations(one, Set.of()))
          .isDeepEqualTo(model.nodeRepresentations(one, Set.of()));
      assertThat(c.model().representation(List.of(one)))
          .isDeepEqualTo(model.representation(List.of(one)));
      List<double[][]> features = model.nodeRepresentations(List.of(one));
      assertThat(c.locator().predict(features)).isDeepEqualTo(locator.predict(features));
    }
  }

  @Test
  void aDamagedOrForeignFolderIsRefusedNamingWhatWasFound(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> SparCheckpoint.read(dir.resolve("none")))
        .isInstanceOf(SparCheckpointException.class)
        .hasMessageContaining("holds no saved SPAR model");

    Path folder = dir.resolve("field");
    SparCheckpoint.write(folder, model, locator, MOUNTINGS, MODALITIES, 500, 0.1, Map.of());
    byte[] raw = Files.readAllBytes(folder.resolve(SparCheckpoint.PARAMETERS));
    raw[raw.length / 2] ^= 0x40;
    Files.write(folder.resolve(SparCheckpoint.PARAMETERS), raw);
    assertThatThrownBy(() -> SparCheckpoint.read(folder))
        .isInstanceOf(SparCheckpointException.class)
        .hasMessageContaining("CRC-32")
        .hasMessageContaining("damaged");

    Files.write(
        folder.resolve(SparCheckpoint.PARAMETERS), java.util.Arrays.copyOf(raw, raw.length - 8));
    assertThatThrownBy(() -> SparCheckpoint.read(folder))
        .isInstanceOf(SparCheckpointException.class)
        .hasMessageContaining("cut short");

    String meta = Files.readString(folder.resolve(SparCheckpoint.METADATA));
    Files.writeString(
        folder.resolve(SparCheckpoint.METADATA),
        meta.replace("\"delos-spar\"", "\"delos-forecaster\""),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SparCheckpoint.read(folder))
        .isInstanceOf(SparCheckpointException.class)
        .hasMessageContaining("found format 'delos-forecaster' version 1");
  }

  @Test
  void partsThatDoNotFitTogetherAreNotSaved(@TempDir Path dir) {
    Path folder = dir.resolve("field");
    assertThatThrownBy(
            () ->
                SparCheckpoint.write(
                    folder, model, locator, MOUNTINGS, List.of("geophone"), 500, 0.1, Map.of()))
        .hasMessageContaining("modalities has 1 names: allowed the model's modality count, 2");
    assertThatThrownBy(
            () ->
                SparCheckpoint.write(
                    folder, model, locator, MOUNTINGS, MODALITIES, Double.NaN, 0.1, Map.of()))
        .hasMessageContaining("sampleRate = NaN Hz");
    assertThatThrownBy(
            () ->
                SparCheckpoint.write(
                    folder,
                    model,
                    locator,
                    List.of("floor", "floor/left"),
                    MODALITIES,
                    500,
                    0.1,
                    Map.of()))
        .hasMessageContaining("mountings[1] = 'floor/left'");
    assertThat(SparCheckpoint.isCheckpoint(folder)).isFalse();
  }
}
