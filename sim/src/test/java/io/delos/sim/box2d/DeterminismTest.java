package io.delos.sim.box2d;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static List<Vec> episode(long seed, DomainRandomization dr) {
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.biped(), PassiveTask.of(300), SimConfig.DEFAULT, dr);
    List<Vec> out = new ArrayList<>();
    out.add(env.reset(seed));
    SplittableRandom actions = new SplittableRandom(seed * 31 + 7);
    for (int k = 0; k < 300; k++) {
      double[] a = {
        actions.nextDouble(-1, 1),
        actions.nextDouble(-1, 1),
        actions.nextDouble(-1, 1),
        actions.nextDouble(-1, 1)
      };
      StepResult r = env.step(a);
      out.add(r.observation());
      if (r.done()) {
        break;
      }
    }
    return out;
  }

  @Test
  void sameSeedAndActionsGiveBitIdenticalTrajectories() {
    DomainRandomization dr = DomainRandomization.uniform(0.2);
    assertThat(episode(11, dr)).isEqualTo(episode(11, dr));
    assertThat(episode(11, dr)).isNotEqualTo(episode(12, dr));
    assertThat(episode(11, null)).isNotEqualTo(episode(11, dr));
  }

  @Test
  void trajectoriesDoNotDependOnTheThreadThatRunsThem() throws Exception {
    List<List<Vec>> single = new ArrayList<>();
    for (long seed = 0; seed < 6; seed++) {
      single.add(episode(seed, null));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Vec>>> futures = new ArrayList<>();
      for (long seed = 5; seed >= 0; seed--) {
        long s = seed;
        futures.add(pool.submit(() -> episode(s, null)));
      }
      for (int i = 0; i < 6; i++) {
        assertThat(futures.get(i).get()).isEqualTo(single.get(5 - i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
