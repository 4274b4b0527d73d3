package io.delos.actors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import io.delos.actors.worldmodel.WorldModelData;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.generator.Systems;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.worldmodel.sequence.SystemRegistry;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.westworld.Variant;
import io.delos.worldmodel.westworld.WestWorld;
import io.delos.worldmodel.westworld.WestWorldDynamics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HostedWestWorldTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  /** Float32 differences between one batch of ten and ten batches of one, in the channel unit. */
  private static final double SAME = 1e-4;

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  static Trajectory episode(String id, long seed) {
    RobotSystem sys = Systems.get(id);
    MorphologyEnvironment env = sys.environment(sys.defaultTask());
    SplittableRandom r = new SplittableRandom(seed);
    Vec o = env.reset(seed);
    Trajectory.Builder b = Trajectory.builder(id, sys.observationSize(), sys.actionSize());
    for (int k = 0; k < 100; k++) {
      double[] a = {r.nextDouble(-1, 1)};
      var s = env.step(a);
      b.add(k * 0.02, o.toArray(), a, 0, k == 0 ? StepFlags.RESET : 0);
      o = s.observation();
    }
    return b.build();
  }

  @Test
  void aHostMicroBatchesWestWorldRolloutsAndEachCallerGetsItsOwn() {
    WestWorldConfig c =
        new WestWorldConfig(
            "tiny", 16, 1, 2, 16, 32, 2, 16, "dense", 1, 0.01, 16, 2, 4, 2, 4, 12, 3, 8, 4, 8, 32,
            2, 2);
    Trajectory t = episode("pendulum", 3);
    SystemRegistry reg = new SystemRegistry().fit(WorldModelData.layout("pendulum"), List.of(t));
    try (WestWorld model = new WestWorld(c, Variant.FULL, Device.cpu(), 1)) {
      WestWorldDynamics dyn = new WestWorldDynamics(model, reg, "pendulum");
      ActorRef<ModelHost.Command> host =
          KIT.spawn(
              ModelHost.create(
                  () -> dyn,
                  "westworld-test",
                  Executors.newSingleThreadExecutor(),
                  new ModelHost.Batching(Duration.ofMillis(300), 1000)));
      List<TestProbe<ModelHost.Prediction>> probes = new ArrayList<>();
      List<double[]> direct = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        double[] actions = new double[5];
        for (int h = 0; h < 5; h++) {
          actions[h] = t.action(i + h, 0);
        }
        State start = State.of(t.observation(i));
        direct.add(dyn.rollout(List.of(start), 5, actions));
        TestProbe<ModelHost.Prediction> p = KIT.createTestProbe();
        probes.add(p);
        host.tell(new ModelHost.Predict(List.of(start), 5, actions, p.getRef()));
      }
      for (int i = 0; i < 10; i++) {
        ModelHost.Prediction r = probes.get(i).receiveMessage(Duration.ofSeconds(30));
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.version()).isEqualTo("westworld-test");
        assertThat(r.predicted()).hasSize(5 * 3);
        for (int k = 0; k < r.predicted().length; k++) {
          assertThat(r.predicted()[k]).isCloseTo(direct.get(i)[k], offset(SAME));
        }
      }
    }
  }
}
