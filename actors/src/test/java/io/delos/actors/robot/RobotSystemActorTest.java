package io.delos.actors.robot;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.actors.store.TrajectoryStore;
import io.delos.sim.Environment;
import io.delos.sim.Snapshot;
import io.delos.sim.Space;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RobotSystemActorTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  private static Environment pendulum() {
    return new MorphologyEnvironment(
        ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(1000), SimConfig.DEFAULT);
  }

  private static RobotSettings settings(Pacing pacing, int chunk, int inFlight, long max) {
    return new RobotSettings(pacing, chunk, inFlight, Duration.ofSeconds(5), 1, max);
  }

  @Test
  void lockStepSendsEachObservationAndAppliesTheControllersAnswer() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> robot =
        KIT.spawn(
            RobotSystemActor.create(
                "p",
                "pendulum",
                RobotSystemActorTest::pendulum,
                settings(Pacing.LOCK_STEP, 3, 4, 3),
                store.getRef()));
    TestProbe<RobotSystemActor.ObservationUpdate> controller = KIT.createTestProbe();
    robot.tell(new RobotSystemActor.AttachController(controller.getRef(), true));
    for (int k = 0; k < 3; k++) {
      RobotSystemActor.ObservationUpdate u = controller.receiveMessage();
      assertThat(u.step()).isEqualTo(k);
      assertThat(u.snapshot()).isNotNull();
      u.replyTo().tell(new RobotSystemActor.ApplyAction(k, Vec.of(0.25 * (k + 1))));
    }
    TrajectoryStore.Append append = store.expectMessageClass(TrajectoryStore.Append.class);
    assertThat(append.chunk().length()).isEqualTo(3);
    assertThat(append.chunk().action(2, 0)).isEqualTo(0.75);
    assertThat(StepFlags.has(append.chunk().flags(0), StepFlags.RESET)).isTrue();
  }

  @Test
  void pausesWhenTheStoreStopsAcknowledgingAndResumesAfterwards() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> robot =
        KIT.spawn(
            RobotSystemActor.create(
                "q",
                "pendulum",
                RobotSystemActorTest::pendulum,
                settings(Pacing.FREE_RUN, 10, 2, 0),
                store.getRef()));
    TrajectoryStore.Append first = store.expectMessageClass(TrajectoryStore.Append.class);
    TrajectoryStore.Append second = store.expectMessageClass(TrajectoryStore.Append.class);
    store.expectNoMessage(Duration.ofMillis(300)); // paused: two chunks in flight
    TestProbe<RobotSystemActor.Status> status = KIT.createTestProbe();
    robot.tell(new RobotSystemActor.GetStatus(status.getRef()));
    assertThat(status.receiveMessage().steps()).isEqualTo(20);

    first.replyTo().tell(new TrajectoryStore.Stored("q", first.sequence()));
    TrajectoryStore.Append third = store.expectMessageClass(TrajectoryStore.Append.class);
    assertThat(third.sequence()).isEqualTo(2);
    second.replyTo().tell(new TrajectoryStore.Stored("q", second.sequence()));
    third.replyTo().tell(new TrajectoryStore.Stored("q", third.sequence()));
  }

  /** Fails on its fifth step of every episode. */
  private static final class Faulty implements Environment {
    private final Environment inner = pendulum();
    private int steps;

    @Override
    public Space observationSpace() {
      return inner.observationSpace();
    }

    @Override
    public Space actionSpace() {
      return inner.actionSpace();
    }

    @Override
    public double controlPeriod() {
      return inner.controlPeriod();
    }

    @Override
    public Vec reset(long seed) {
      steps = 0;
      return inner.reset(seed);
    }

    @Override
    public StepResult step(double[] action) {
      if (++steps == 5) {
        throw new IllegalStateException("simulated solver failure");
      }
      return inner.step(action);
    }

    @Override
    public double time() {
      return inner.time();
    }

    @Override
    public Snapshot snapshot() {
      return inner.snapshot();
    }

    @Override
    public void restore(Snapshot snapshot) {
      inner.restore(snapshot);
    }
  }

  @Test
  void aFailingSimulationIsRecordedAndANewEpisodeStarts() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> robot =
        KIT.spawn(
            RobotSystemActor.create(
                "f",
                "pendulum",
                Faulty::new,
                settings(Pacing.FREE_RUN, 12, 8, 12),
                store.getRef()));
    TrajectoryStore.Append append = store.expectMessageClass(TrajectoryStore.Append.class);
    int[] flags = append.chunk().flags();
    assertThat(StepFlags.has(flags[4], StepFlags.FAILED)).isTrue();
    assertThat(StepFlags.has(flags[5], StepFlags.RESET)).isTrue();
    assertThat(StepFlags.has(flags[9], StepFlags.FAILED)).isTrue();
    TestProbe<RobotSystemActor.Status> status = KIT.createTestProbe();
    robot.tell(new RobotSystemActor.GetStatus(status.getRef()));
    RobotSystemActor.Status s = status.receiveMessage();
    assertThat(s.failures()).isEqualTo(2);
    assertThat(s.episodes()).isEqualTo(3);
  }
}
