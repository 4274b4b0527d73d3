package io.delos.robots.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorTest {
  @TempDir Path tmp;

  private static CollectionSettings settings(String policy, int episodes, int perShard) {
    return new CollectionSettings(
        List.of(Catalogue.system("pendulum"), Catalogue.system("cartpole")),
        PolicySpec.of(policy),
        episodes,
        40,
        7,
        perShard,
        false);
  }

  @Test
  void aCollectionReadsBackAsEpisodesOfTheAskedLength() {
    Manifest m = new Collector(settings("uniform", 3, 2)).collect(tmp, 2, CollectionListener.NONE);
    assertThat(m.shards()).hasSize(4);
    Dataset d = Dataset.open(tmp);
    int episodes = 0;
    for (Manifest.Shard s : d.shards()) {
      ShardData data = d.read(s);
      for (Trajectory t : data.episodes()) {
        episodes++;
        assertThat(t.length()).isEqualTo(40);
        assertThat(StepFlags.has(t.flags(0), StepFlags.RESET)).isTrue();
        assertThat(StepFlags.has(t.flags(39), StepFlags.TRUNCATED)).isTrue();
        assertThat(t.systemId()).isEqualTo(s.system());
      }
      assertThat(data.lastObservations())
          .hasSize(s.episodes() * data.observations().length / data.rows());
    }
    assertThat(episodes).isEqualTo(6);
    assertThat(d.manifest().system("pendulum").observationNames())
        .containsExactly("hinge.sin", "hinge.cos", "hinge_vel");
  }

  @Test
  void theDatasetIsTheSameBitForBitWhateverTheThreadCount() throws IOException {
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("two");
    new Collector(settings("coloured", 3, 1)).collect(one, 1, CollectionListener.NONE);
    new Collector(settings("coloured", 3, 1)).collect(two, 2, CollectionListener.NONE);
    assertThat(Files.readString(one.resolve(Manifest.FILE)))
        .isEqualTo(Files.readString(two.resolve(Manifest.FILE)));
    for (Manifest.Shard s : Dataset.open(one).shards()) {
      assertThat(Files.readAllBytes(one.resolve(s.file())))
          .isEqualTo(Files.readAllBytes(two.resolve(s.file())));
    }
  }

  @Test
  void aKilledCollectionKeepsEveryFinishedShardAndResumesToTheSameDataset() throws IOException {
    Path whole = tmp.resolve("whole");
    Path killed = tmp.resolve("killed");
    Manifest complete =
        new Collector(settings("pd", 4, 1)).collect(whole, 1, CollectionListener.NONE);
    AtomicInteger written = new AtomicInteger();
    CollectionListener killer =
        new CollectionListener() {
          @Override
          public void shardWritten(Manifest.Shard shard) {
            if (written.incrementAndGet() == 3) {
              throw new IllegalStateException("killed");
            }
          }
        };
    assertThatThrownBy(() -> new Collector(settings("pd", 4, 1)).collect(killed, 1, killer))
        .hasMessageContaining("killed");
    // What a process killed during its next write leaves behind: a half-written temporary file.
    Files.write(killed.resolve("shards/cartpole-00003.npz.tmp"), new byte[] {1, 2, 3});
    Files.write(killed.resolve(Manifest.FILE + ".tmp"), new byte[] {'{'});

    Dataset partial = Dataset.open(killed);
    assertThat(partial.shards()).hasSizeGreaterThanOrEqualTo(3);
    for (Manifest.Shard s : partial.shards()) {
      assertThat(partial.read(s).rows()).isEqualTo(s.rows());
      assertThat(complete.shards()).contains(s);
    }

    Manifest resumed =
        new Collector(settings("pd", 4, 1)).collect(killed, 2, CollectionListener.NONE);
    assertThat(resumed).isEqualTo(complete);
    assertThat(Files.exists(killed.resolve("shards/cartpole-00003.npz.tmp"))).isFalse();
  }

  @Test
  void collectingIntoAFolderWithOtherSettingsIsRefused() {
    new Collector(settings("zero", 1, 1)).collect(tmp, 1, CollectionListener.NONE);
    assertThatThrownBy(
            () -> new Collector(settings("uniform", 1, 1)).collect(tmp, 1, CollectionListener.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("other settings");
  }

  @Test
  void aTamperedShardFailsItsChecksum() throws IOException {
    new Collector(settings("uniform", 1, 1)).collect(tmp, 1, CollectionListener.NONE);
    Dataset d = Dataset.open(tmp);
    Manifest.Shard s = d.shards().get(0);
    byte[] bytes = Files.readAllBytes(tmp.resolve(s.file()));
    bytes[bytes.length / 2] ^= 1;
    Files.write(tmp.resolve(s.file()), bytes);
    assertThatThrownBy(() -> d.read(s))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(s.file())
        .hasMessageContaining("checksum");
  }

  @Test
  void anUnknownFormatVersionIsRefusedNamingFoundAndSupported() throws IOException {
    new Collector(settings("zero", 1, 1)).collect(tmp, 1, CollectionListener.NONE);
    Path file = tmp.resolve(Manifest.FILE);
    Files.writeString(file, Files.readString(file).replace("\"version\": 1,", "\"version\": 2,"));
    assertThatThrownBy(() -> Dataset.open(tmp))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("version 2 is not supported")
        .hasMessageContaining("delos-dataset version 1");
  }

  @Test
  void progressCountsEveryEpisodeAndShard() {
    AtomicInteger episodes = new AtomicInteger();
    AtomicInteger shards = new AtomicInteger();
    long[] planned = new long[1];
    new Collector(settings("zero", 3, 2))
        .collect(
            tmp,
            2,
            new CollectionListener() {
              @Override
              public void started(long e, long rows) {
                planned[0] = e;
              }

              @Override
              public void episodeFinished(String system, int rows) {
                episodes.incrementAndGet();
              }

              @Override
              public void shardWritten(Manifest.Shard shard) {
                shards.incrementAndGet();
              }
            });
    assertThat(planned[0]).isEqualTo(6);
    assertThat(episodes.get()).isEqualTo(6);
    assertThat(shards.get()).isEqualTo(4);
  }
}
