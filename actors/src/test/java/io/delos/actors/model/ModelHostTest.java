package io.delos.actors.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ModelHostTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  /** x⁺ = x + scale·u in one dimension; counts its calls. */
  static class Adder implements Dynamics {
    final double scale;
    final AtomicInteger calls = new AtomicInteger();

    Adder(double scale) {
      this.scale = scale;
    }

    @Override
    public int observationSize() {
      return 1;
    }

    @Override
    public int actionSize() {
      return 1;
    }

    @Override
    public double[] rollout(List<State> starts, int horizon, double[] actions) {
      checkRollout(starts, horizon, actions);
      calls.incrementAndGet();
      double[] out = new double[starts.size() * horizon];
      for (int b = 0; b < starts.size(); b++) {
        double x = starts.get(b).observation().get(0);
        for (int h = 0; h < horizon; h++) {
          x += scale * actions[b * horizon + h];
          out[b * horizon + h] = x;
        }
      }
      return out;
    }
  }

  @Test
  void requestsInOneWindowShareOneRolloutAndGetTheirOwnAnswers() {
    Adder model = new Adder(1);
    ActorRef<ModelHost.Command> host =
        KIT.spawn(
            ModelHost.create(
                () -> model,
                "v1",
                Executors.newSingleThreadExecutor(),
                new ModelHost.Batching(Duration.ofMillis(200), 1000)));
    List<TestProbe<ModelHost.Prediction>> probes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TestProbe<ModelHost.Prediction> p = KIT.createTestProbe();
      probes.add(p);
      host.tell(new ModelHost.Predict(List.of(State.of(i)), 2, new double[] {1, 2}, p.getRef()));
    }
    for (int i = 0; i < 10; i++) {
      ModelHost.Prediction r = probes.get(i).receiveMessage();
      assertThat(r.ok()).isTrue();
      assertThat(r.predicted()).containsExactly(i + 1.0, i + 3.0);
      assertThat(r.version()).isEqualTo("v1");
    }
    assertThat(model.calls.get()).isEqualTo(1);
  }

  @Test
  void aSwapTakesEffectForLaterRequestsWithoutDroppingAny() {
    ActorRef<ModelHost.Command> host =
        KIT.spawn(
            ModelHost.create(
                () -> new Adder(1),
                "v1",
                Executors.newSingleThreadExecutor(),
                ModelHost.Batching.none()));
    TestProbe<ModelHost.Prediction> p = KIT.createTestProbe();
    TestProbe<String> swapped = KIT.createTestProbe();
    host.tell(new ModelHost.Predict(List.of(State.of(0)), 1, new double[] {1}, p.getRef()));
    host.tell(new ModelHost.Swap(new Adder(10), "v2", swapped.getRef()));
    host.tell(new ModelHost.Predict(List.of(State.of(0)), 1, new double[] {1}, p.getRef()));
    ModelHost.Prediction a = p.receiveMessage();
    ModelHost.Prediction b = p.receiveMessage();
    assertThat(swapped.receiveMessage()).isEqualTo("v2");
    assertThat(a.predicted()).containsExactly(1.0);
    assertThat(b.predicted()).containsExactly(10.0);
    assertThat(b.version()).isEqualTo("v2");
  }

  @Test
  void badRequestsAndModelFailuresAreAnsweredNotCrashed() {
    Dynamics failing =
        new Adder(1) {
          @Override
          public double[] rollout(List<State> starts, int horizon, double[] actions) {
            throw new IllegalStateException("out of memory on device");
          }
        };
    ActorRef<ModelHost.Command> host =
        KIT.spawn(
            ModelHost.create(
                () -> failing,
                "bad",
                Executors.newSingleThreadExecutor(),
                ModelHost.Batching.none()));
    TestProbe<ModelHost.Prediction> p = KIT.createTestProbe();
    host.tell(new ModelHost.Predict(List.of(State.of(0)), 2, new double[] {1}, p.getRef()));
    ModelHost.Prediction wrongSize = p.receiveMessage();
    assertThat(wrongSize.ok()).isFalse();
    assertThat(wrongSize.error()).contains("actions has 1 values");
    host.tell(new ModelHost.Predict(List.of(State.of(0)), 1, new double[] {1}, p.getRef()));
    ModelHost.Prediction failed = p.receiveMessage();
    assertThat(failed.ok()).isFalse();
    assertThat(failed.error()).contains("out of memory on device");
    TestProbe<ModelHost.Info> info = KIT.createTestProbe();
    host.tell(new ModelHost.GetInfo(info.getRef()));
    assertThat(info.receiveMessage().version()).isEqualTo("bad");
  }
}
