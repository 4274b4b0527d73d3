package io.delos.actors.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryStoreTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  static Trajectory chunk(String id, int from, int rows) {
    Trajectory.Builder b = Trajectory.builder(id, 2, 1);
    for (int k = from; k < from + rows; k++) {
      b.add(k * 0.02, new double[] {k, -k}, new double[] {0.5}, 1, k == 0 ? StepFlags.RESET : 0);
    }
    return b.build();
  }

  @Test
  void acknowledgesEachChunkAndKeepsItOnceEvenWhenResent(@TempDir Path dir) throws Exception {
    ActorRef<TrajectoryStore.Command> store =
        KIT.spawn(
            TrajectoryStore.create(
                new TrajectoryStore.Settings(dir, Long.MAX_VALUE, Duration.ofMillis(50))));
    TestProbe<TrajectoryStore.Stored> acks = KIT.createTestProbe();
    store.tell(new TrajectoryStore.Append("a", 7, 0, chunk("a", 0, 10), acks.getRef()));
    store.tell(new TrajectoryStore.Append("a", 7, 1, chunk("a", 10, 10), acks.getRef()));
    store.tell(new TrajectoryStore.Append("a", 7, 1, chunk("a", 10, 10), acks.getRef()));
    assertThat(acks.receiveMessage().sequence()).isZero();
    assertThat(acks.receiveMessage().sequence()).isEqualTo(1);
    assertThat(acks.receiveMessage().sequence()).isEqualTo(1);

    TestProbe<TrajectoryStore.Stats> stats = KIT.createTestProbe();
    store.tell(new TrajectoryStore.GetStats(stats.getRef()));
    TrajectoryStore.Stats s = stats.receiveMessage();
    assertThat(s.rowsBySystem()).containsEntry("a", 20L);
    assertThat(s.duplicates()).isEqualTo(1);

    TestProbe<Trajectory> got = KIT.createTestProbe();
    store.tell(new TrajectoryStore.Get("a", got.getRef()));
    Trajectory all = got.receiveMessage();
    assertThat(all.length()).isEqualTo(20);
    assertThat(all.observation(19, 0)).isEqualTo(19.0);

    ChunkLog.Contents logged = ChunkLog.read(Path.of(s.logFile()));
    assertThat(logged.entries()).hasSize(2);
    assertThat(logged.entries().get(1).chunk()).isEqualTo(chunk("a", 10, 10));
    assertThat(logged.skippedBytes()).isZero();
  }

  @Test
  void aRestartedRobotsNewIncarnationIsNotMistakenForResends() {
    ActorRef<TrajectoryStore.Command> store = KIT.spawn(TrajectoryStore.create());
    TestProbe<TrajectoryStore.Stored> acks = KIT.createTestProbe();
    store.tell(new TrajectoryStore.Append("b", 1, 0, chunk("b", 0, 5), acks.getRef()));
    store.tell(new TrajectoryStore.Append("b", 2, 0, chunk("b", 5, 5), acks.getRef()));
    acks.receiveSeveralMessages(2);
    TestProbe<TrajectoryStore.Stats> stats = KIT.createTestProbe();
    store.tell(new TrajectoryStore.GetStats(stats.getRef()));
    assertThat(stats.receiveMessage().rowsBySystem()).containsEntry("b", 10L);
  }

  @Test
  void memoryHoldsOnlyTheNewestRowsWhileTheLogKeepsAll(@TempDir Path dir) throws Exception {
    ActorRef<TrajectoryStore.Command> store =
        KIT.spawn(
            TrajectoryStore.create(new TrajectoryStore.Settings(dir, 25, Duration.ofSeconds(1))));
    TestProbe<TrajectoryStore.Stored> acks = KIT.createTestProbe();
    for (int c = 0; c < 6; c++) {
      store.tell(new TrajectoryStore.Append("c", 1, c, chunk("c", c * 10, 10), acks.getRef()));
    }
    acks.receiveSeveralMessages(6);
    TestProbe<Trajectory> got = KIT.createTestProbe();
    store.tell(new TrajectoryStore.Get("c", got.getRef()));
    assertThat(got.receiveMessage().length()).isLessThanOrEqualTo(25);
    TestProbe<TrajectoryStore.Stats> stats = KIT.createTestProbe();
    store.tell(new TrajectoryStore.GetStats(stats.getRef()));
    TrajectoryStore.Stats s = stats.receiveMessage();
    assertThat(s.rowsBySystem()).containsEntry("c", 60L);
    assertThat(ChunkLog.read(Path.of(s.logFile())).entries()).hasSize(6);
  }

  @Test
  void aTornTailIsSkippedAndEveryWholeRecordRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.log");
    try (ChunkLog log = ChunkLog.open(file)) {
      for (int c = 0; c < 3; c++) {
        log.append(new ChunkLog.Entry("d", 1, c, chunk("d", c * 4, 4)));
      }
    }
    long whole = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(whole - 9); // a write cut short in the last record
    }
    ChunkLog.Contents c = ChunkLog.read(file);
    assertThat(c.entries()).hasSize(2);
    assertThat(c.skippedBytes()).isPositive();
  }
}
