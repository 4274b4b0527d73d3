package io.delos.worldmodel.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.delos.worldmodel.westworld.SequenceModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @Test
  void everyKindRoundTripsBitForBit(@TempDir Path dir) throws Exception {
    SystemRegistry reg = TrainingTest.registry(TrainingTest.tinyData());
    WindowBatch batch = Tiny.mixedBatch(8, 3, 5);
    for (String kind : SequenceModels.KINDS) {
      Path file = dir.resolve(kind + ".ckpt");
      float[] before;
      Map<String, float[]> saved;
      try (SequenceModel m = SequenceModels.create(kind, Tiny.config(), Device.cpu(), 11)) {
        before = m.predict(batch);
        saved = m.params().snapshot();
        Checkpoint.of(m, reg, Map.of("command", "test", "seed", "11")).write(file);
      }
      Checkpoint c = Checkpoint.read(file);
      assertThat(c.kind()).isEqualTo(kind);
      assertThat(c.config()).isEqualTo(Tiny.config());
      assertThat(c.notes()).containsEntry("command", "test");
      assertThat(c.registry().ids()).containsExactly("big", "small");
      assertThat(c.registry().get("big").ranges()).isEqualTo(reg.get("big").ranges());
      assertThat(c.registry().get("big").layout()).isEqualTo(reg.get("big").layout());
      try (SequenceModel back = SequenceModels.restore(c, Device.cpu())) {
        Map<String, float[]> loaded = back.params().snapshot();
        for (String name : saved.keySet()) {
          float[] a = saved.get(name);
          float[] b = loaded.get(name);
          assertThat(b).as(name).hasSameSizeAs(a);
          for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToRawIntBits(b[i])).isEqualTo(Float.floatToRawIntBits(a[i]));
          }
        }
        assertThat(back.predict(batch)).as(kind).containsExactly(before);
      }
      // Writing the loaded checkpoint again gives the same bytes.
      Path again = dir.resolve(kind + "-again.ckpt");
      c.write(again);
      assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void anUnknownVersionFailsNamingWhatWasFoundAndWhatIsRead(@TempDir Path dir) throws Exception {
    SystemRegistry reg = TrainingTest.registry(TrainingTest.tinyData());
    Path file = dir.resolve("m.ckpt");
    try (SequenceModel m = SequenceModels.create("westworld", Tiny.config(), Device.cpu(), 1)) {
      Checkpoint.of(m, reg, Map.of()).write(file);
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(8);
      f.writeInt(7);
    }
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("version 7")
        .hasMessageContaining("reads version 1");
    Files.writeString(file, "not a model");
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("not a WestWorld checkpoint");
  }

  @Test
  void aCheckpointOfAnotherKindCannotBeResumed(@TempDir Path dir) {
    SystemRegistry reg = TrainingTest.registry(TrainingTest.tinyData());
    Path file = dir.resolve("m.ckpt");
    try (SequenceModel m = SequenceModels.create("trajworld", Tiny.config(), Device.cpu(), 1)) {
      Checkpoint.of(m, reg, Map.of()).write(file);
    }
    try (SequenceModel m = SequenceModels.create("westworld", Tiny.config(), Device.cpu(), 1)) {
      assertThatThrownBy(
              () -> new SequenceTrainer(m, reg, Tiny.training(2, 2, 1)).checkpointTo(file))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining("'trajworld'");
    }
  }
}
