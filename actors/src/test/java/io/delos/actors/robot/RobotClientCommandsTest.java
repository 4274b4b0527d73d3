package io.delos.actors.robot;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.actors.store.TrajectoryStore;
import io.delos.sim.Environment;
import io.delos.sim.StepFlags;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The commands clients use: reset, step, subscribe, detach. */
class RobotClientCommandsTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  private static Environment pendulum() {
    return new MorphologyEnvironment(
        ExampleRobots.pendulum(1, 0.05, 1), PassiveTask.of(1000), SimConfig.DEFAULT);
  }

  private static ActorRef<RobotSystemActor.Command> robot(
      String id, Pacing pacing, int chunk, long maxSteps, ActorRef<TrajectoryStore.Command> store) {
    return KIT.spawn(
        RobotSystemActor.create(
            id,
            "pendulum",
            RobotClientCommandsTest::pendulum,
            new RobotSettings(pacing, chunk, 64, Duration.ofSeconds(5), 1, maxSteps),
            store));
  }

  @Test
  void resetWithASeedAnswersTheFirstObservationOfANewEpisode() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> r =
        robot("reset", Pacing.REAL_TIME, 1000, 0, store.getRef());
    TestProbe<RobotSystemActor.Observed> reply = KIT.createTestProbe();
    r.tell(new RobotSystemActor.Reset(OptionalLong.of(9), reply.getRef()));
    RobotSystemActor.Observed a = reply.receiveMessage();
    r.tell(new RobotSystemActor.Reset(OptionalLong.of(9), reply.getRef()));
    RobotSystemActor.Observed b = reply.receiveMessage();
    assertThat(a.flags()).isEqualTo(StepFlags.RESET);
    assertThat(a.time()).isZero();
    assertThat(b.episode()).isEqualTo(a.episode() + 1);
    assertThat(b.observation()).isEqualTo(a.observation());
    r.tell(new RobotSystemActor.Reset(OptionalLong.empty(), reply.getRef()));
    assertThat(reply.receiveMessage().episode()).isEqualTo(b.episode() + 1);
  }

  @Test
  void stepAnswersAfterTheRequestedStepsWithTheClippedActionApplied() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> r = robot("step", Pacing.REAL_TIME, 4, 0, store.getRef());
    TestProbe<RobotSystemActor.Observed> reply = KIT.createTestProbe();
    TestProbe<RobotSystemActor.Status> status = KIT.createTestProbe();
    r.tell(new RobotSystemActor.GetStatus(status.getRef()));
    long before = status.receiveMessage().steps();
    r.tell(new RobotSystemActor.Step(Vec.of(50), 4, reply.getRef()));
    RobotSystemActor.Observed o = reply.receiveMessage(Duration.ofSeconds(5));
    assertThat(o.step()).isGreaterThanOrEqualTo(before + 4);
    // The chunk holding the steps after the request shows the action clipped to its bound.
    double last = Double.NaN;
    for (int i = 0; i < 10 && !(last > 0); i++) {
      TrajectoryStore.Append append = store.expectMessageClass(TrajectoryStore.Append.class);
      last = append.chunk().action(append.chunk().length() - 1, 0);
      append.replyTo().tell(new TrajectoryStore.Stored("step", append.sequence()));
    }
    assertThat(last).isEqualTo(1.0);
  }

  @Test
  void aWrongSizedStepIsIgnoredAndAFinishedRobotAnswersAtOnce() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> r = robot("done", Pacing.FREE_RUN, 2, 2, store.getRef());
    TestProbe<RobotSystemActor.Observed> reply = KIT.createTestProbe();
    r.tell(new RobotSystemActor.Step(Vec.of(0, 0), 1, reply.getRef()));
    reply.expectNoMessage(Duration.ofMillis(200));
    r.tell(new RobotSystemActor.Step(Vec.of(0), 100, reply.getRef()));
    assertThat(reply.receiveMessage().step()).isEqualTo(2);
  }

  @Test
  void subscribersGetEveryStepUntilTheyUnsubscribeOrStop() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> r = robot("sub", Pacing.REAL_TIME, 1000, 0, store.getRef());
    TestProbe<RobotSystemActor.Observed> sub = KIT.createTestProbe();
    r.tell(new RobotSystemActor.Subscribe(sub.getRef()));
    RobotSystemActor.Observed first = sub.receiveMessage();
    for (int i = 1; i <= 5; i++) {
      assertThat(sub.receiveMessage().step()).isEqualTo(first.step() + i);
    }
    r.tell(new RobotSystemActor.Unsubscribe(sub.getRef()));
    TestProbe<RobotSystemActor.Status> processed = KIT.createTestProbe();
    r.tell(new RobotSystemActor.GetStatus(processed.getRef()));
    processed.receiveMessage(); // the unsubscription has been handled
    drain(sub);
    sub.expectNoMessage(Duration.ofMillis(200));
    TestProbe<RobotSystemActor.Observed> gone = KIT.createTestProbe();
    r.tell(new RobotSystemActor.Subscribe(gone.getRef()));
    gone.receiveMessage();
    gone.stop();
    // The robot keeps running after its subscriber stopped.
    TestProbe<RobotSystemActor.Status> status = KIT.createTestProbe();
    r.tell(new RobotSystemActor.GetStatus(status.getRef()));
    long steps = status.receiveMessage().steps();
    status.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          r.tell(new RobotSystemActor.GetStatus(status.getRef()));
          assertThat(status.receiveMessage().steps()).isGreaterThan(steps + 5);
          return null;
        });
  }

  /** Takes every message already waiting in the probe. */
  private static void drain(TestProbe<?> probe) {
    while (true) {
      try {
        probe.receiveMessage(Duration.ofMillis(20));
      } catch (AssertionError empty) {
        return;
      }
    }
  }

  @Test
  void aLockStepRobotWithoutAControllerWaitsAndStepRequestsDriveIt() {
    TestProbe<TrajectoryStore.Command> store = KIT.createTestProbe();
    ActorRef<RobotSystemActor.Command> r = robot("det", Pacing.LOCK_STEP, 1000, 0, store.getRef());
    TestProbe<RobotSystemActor.ObservationUpdate> controller = KIT.createTestProbe();
    r.tell(new RobotSystemActor.AttachController(controller.getRef(), false));
    RobotSystemActor.ObservationUpdate u = controller.receiveMessage();
    TestProbe<RobotSystemActor.Status> status = KIT.createTestProbe();
    r.tell(new RobotSystemActor.GetStatus(status.getRef()));
    long waiting = status.receiveMessage().steps();
    assertThat(waiting).isEqualTo(u.step());
    TestProbe<RobotSystemActor.ObservationUpdate> stranger = KIT.createTestProbe();
    r.tell(new RobotSystemActor.DetachController(stranger.getRef()));
    r.tell(new RobotSystemActor.GetStatus(status.getRef()));
    assertThat(status.receiveMessage().steps()).isEqualTo(waiting);
    r.tell(new RobotSystemActor.DetachController(controller.getRef()));
    controller.expectNoMessage(Duration.ofMillis(200));
    r.tell(new RobotSystemActor.GetStatus(status.getRef()));
    assertThat(status.receiveMessage().steps()).isEqualTo(waiting); // waits for a controller

    TestProbe<RobotSystemActor.Observed> stepped = KIT.createTestProbe();
    r.tell(new RobotSystemActor.Step(io.delos.sim.Vec.of(0.5), 7, stepped.getRef()));
    assertThat(stepped.receiveMessage(Duration.ofSeconds(5)).step()).isEqualTo(waiting + 7);
    r.tell(new RobotSystemActor.GetStatus(status.getRef()));
    assertThat(status.receiveMessage().steps()).isEqualTo(waiting + 7);
  }
}
