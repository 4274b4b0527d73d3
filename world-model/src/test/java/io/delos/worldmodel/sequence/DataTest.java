package io.delos.worldmodel.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.sim.morphology.BodyTree;
import io.delos.sim.morphology.Morphology;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataTest {
  @Test
  void aLayoutGivesEachChannelItsBodysRanks() {
    Morphology m = Catalogue.system("cheetah").morphology();
    SystemLayout l = SystemLayout.of("cheetah", m);
    BodyTree tree = m.bodyTree();
    assertThat(l.observationSize()).isEqualTo(m.observationChannels().size());
    assertThat(l.actionSize()).isEqualTo(m.actuators().size());
    for (int i = 0; i < l.observationSize(); i++) {
      SystemLayout.ChannelInfo c = l.observations().get(i);
      int id = tree.objectId(m.observationChannels().get(i).body());
      assertThat(c.ranks())
          .isEqualTo(
              new SystemLayout.BodyRanks(
                  id, tree.preOrder(id), tree.inOrder(id), tree.postOrder(id)));
    }
    assertThat(l.actions().get(0).body()).isEqualTo(m.actionBodies().get(0));
    assertThat(
            SystemLayout.fromJson(
                io.delos.sim.json.Json.parse(io.delos.sim.json.Json.write(l.toJson()), "test")))
        .isEqualTo(l);
  }

  @Test
  void rangesMapTheBulkOfEachChannelIntoTheUnitIntervalAndClipTheRest() {
    Trajectory.Builder b = Trajectory.builder("s", 2, 1);
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < 1000; k++) {
      b.add(k, new double[] {r.nextDouble(-2, 2), 3.0}, new double[] {r.nextDouble(-1, 1)}, 0, 0);
    }
    ChannelRanges c = ChannelRanges.fit(List.of(b.build()));
    assertThat(c.normaliseObservation(0, 0)).isBetween(0.45, 0.55);
    assertThat(c.normaliseObservation(0, 100)).isEqualTo(1.0);
    assertThat(c.normaliseObservation(0, -100)).isEqualTo(0.0);
    assertThat(c.normaliseObservation(1, 3.0)).isEqualTo(0.5);
    assertThat(c.denormaliseObservation(0, c.normaliseObservation(0, 1.234)))
        .isCloseTo(1.234, org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(
            () ->
                new ChannelRanges(new double[] {1}, new double[] {1}, new double[0], new double[0]))
        .hasMessageContaining("observation channel 0 range [1.0, 1.0]");
  }

  @Test
  void windowsNeverCrossAnEpisodeBoundary() {
    // One trajectory of two episodes: values 0..9 then 100..109 in a single row list.
    Trajectory.Builder b = Trajectory.builder("s", 1, 1);
    for (int e = 0; e < 2; e++) {
      for (int k = 0; k < 10; k++) {
        int flags = k == 0 ? StepFlags.RESET : (k == 9 ? StepFlags.TRUNCATED : 0);
        b.add(k, new double[] {e * 100 + k}, new double[] {0}, 0, flags);
      }
    }
    Trajectory t = b.build();
    SystemRegistry reg = new SystemRegistry().fit(Tiny.layout("s", 1, 1), List.of(t));
    TrajectoryWindows w = new TrajectoryWindows(reg, Map.of("s", List.of(t)), 1);
    assertThat(w.episodeCount("s")).isEqualTo(2);
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      WindowBatch batch = w.sample(r, 4, 6, 2, 0.5);
      for (int j = 0; j < 4; j++) {
        boolean low = batch.obs(j, 0, 0) < 0.5f;
        for (int k = 0; k < 6; k++) {
          assertThat(batch.obs(j, k, 0) < 0.5f).isEqualTo(low);
        }
      }
    }
    assertThat(w.evaluation(6, 2, 2, 100, 8).stream().mapToInt(WindowBatch::batch).sum())
        .isEqualTo(2 * 3);
  }
}
