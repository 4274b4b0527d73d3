package io.delos.sim.box2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.Snapshot;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static double[][] randomActions(int n, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] a = new double[n][size];
    for (double[] row : a) {
      for (int i = 0; i < size; i++) {
        row[i] = r.nextDouble(-1, 1);
      }
    }
    return a;
  }

  private static List<Vec> run(MorphologyEnvironment env, double[][] actions) {
    List<Vec> out = new ArrayList<>();
    for (double[] a : actions) {
      StepResult r = env.step(a);
      out.add(r.observation());
      if (r.done()) {
        break;
      }
    }
    return out;
  }

  @Test
  void restoreThenStepEqualsTheOriginalBitForBitWithContacts() {
    MorphologyEnvironment env =
        new MorphologyEnvironment(ExampleRobots.biped(), PassiveTask.of(1000), SimConfig.DEFAULT);
    env.reset(3);
    double[][] warmup = randomActions(80, 4, 1);
    run(env, warmup);
    assertThat(env.world().engine().getContactCount()).isPositive();
    Snapshot snap = env.snapshot();
    double[][] future = randomActions(120, 4, 2);
    List<Vec> original = run(env, future);

    // Something else happens in between, then the snapshot comes back.
    env.restore(snap);
    run(env, randomActions(30, 4, 99));
    env.restore(snap);
    List<Vec> replay = run(env, future);
    assertThat(replay).isEqualTo(original);
    assertThat(original).hasSize(120);
  }

  @Test
  void snapshotRestoresIntoAFreshEnvironment() {
    MorphologyEnvironment a =
        new MorphologyEnvironment(ExampleRobots.biped(), PassiveTask.of(1000), SimConfig.DEFAULT);
    a.reset(5);
    run(a, randomActions(70, 4, 7));
    Snapshot snap = a.snapshot();
    double[][] future = randomActions(60, 4, 8);
    List<Vec> original = run(a, future);

    MorphologyEnvironment b =
        new MorphologyEnvironment(ExampleRobots.biped(), PassiveTask.of(1000), SimConfig.DEFAULT);
    b.reset(123);
    run(b, randomActions(20, 4, 9));
    b.restore(snap);
    assertThat(b.time()).isEqualTo(snap.time());
    assertThat(run(b, future)).isEqualTo(original);
  }

  @Test
  void snapshotOfAnotherRobotIsRefused() {
    MorphologyEnvironment biped =
        new MorphologyEnvironment(ExampleRobots.biped(), PassiveTask.of(10), SimConfig.DEFAULT);
    MorphologyEnvironment pendulum =
        new MorphologyEnvironment(
            ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(10), SimConfig.DEFAULT);
    biped.reset(1);
    pendulum.reset(1);
    Snapshot snap = biped.snapshot();
    assertThatThrownBy(() -> pendulum.restore(snap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("biped")
        .hasMessageContaining("pendulum");
  }

  @Test
  void restoredEpisodeKeepsItsStepCountAndEndsOnTime() {
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(10), SimConfig.DEFAULT);
    env.reset(1);
    run(env, randomActions(6, 1, 1));
    Snapshot snap = env.snapshot();
    run(env, randomActions(4, 1, 2));
    assertThat(env.isDone()).isTrue();
    env.restore(snap);
    assertThat(env.isDone()).isFalse();
    assertThat(env.steps()).isEqualTo(6);
    assertThat(run(env, randomActions(10, 1, 3))).hasSize(4);
  }
}
