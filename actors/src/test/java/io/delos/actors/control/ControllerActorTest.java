package io.delos.actors.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.controllers.Policy;
import io.delos.sim.Vec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ControllerActorTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  private static RobotSystemActor.ObservationUpdate update(
      long step, ActorRef<RobotSystemActor.Command> robot) {
    return new RobotSystemActor.ObservationUpdate("r", step, step * 0.02, Vec.of(1.0), null, robot);
  }

  @Test
  void aTimelyPlanIsSentAndALatePlanIsReplacedByTheFallback() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Policy policy =
        state -> {
          if (state.observation().get(0) > 5) {
            try {
              release.await(); // a plan that overruns its deadline
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return new double[] {0.5};
        };
    TestProbe<RobotSystemActor.Command> robot = KIT.createTestProbe();
    ActorRef<ControllerActor.Command> controller =
        KIT.spawn(
            ControllerActor.create(
                policy,
                new double[] {0},
                new ControllerActor.Settings(
                    Duration.ofMillis(200),
                    new ControllerActor.Fallback.Fixed(Vec.of(-1.0)),
                    false),
                Executors.newFixedThreadPool(2),
                robot.getRef()));
    robot.expectMessageClass(RobotSystemActor.AttachController.class);

    controller.tell(new ControllerActor.Observe(update(0, robot.getRef())));
    RobotSystemActor.ApplyAction a = robot.expectMessageClass(RobotSystemActor.ApplyAction.class);
    assertThat(a.action().get(0)).isEqualTo(0.5);

    controller.tell(
        new ControllerActor.Observe(
            new RobotSystemActor.ObservationUpdate(
                "r", 1, 0.02, Vec.of(9.0), null, robot.getRef())));
    RobotSystemActor.ApplyAction late =
        robot.expectMessageClass(RobotSystemActor.ApplyAction.class);
    assertThat(late.step()).isEqualTo(1);
    assertThat(late.action().get(0)).isEqualTo(-1.0);
    release.countDown();

    TestProbe<ControllerActor.Stats> stats = KIT.createTestProbe();
    controller.tell(new ControllerActor.GetStats(stats.getRef()));
    ControllerActor.Stats s = stats.receiveMessage();
    assertThat(s.actions()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(1);
    robot.expectNoMessage(Duration.ofMillis(100)); // the late plan is not sent
  }

  @Test
  void aThrowingPolicyIsAnsweredWithTheFallbackAndCounted() {
    Policy broken =
        state -> {
          throw new IllegalStateException("solver diverged");
        };
    TestProbe<RobotSystemActor.Command> robot = KIT.createTestProbe();
    ActorRef<ControllerActor.Command> controller =
        KIT.spawn(
            ControllerActor.create(
                broken,
                new double[] {0.1},
                new ControllerActor.Settings(
                    Duration.ofSeconds(1), new ControllerActor.Fallback.Hold(), false),
                Executors.newSingleThreadExecutor(),
                robot.getRef()));
    robot.expectMessageClass(RobotSystemActor.AttachController.class);
    controller.tell(new ControllerActor.Observe(update(0, robot.getRef())));
    assertThat(robot.expectMessageClass(RobotSystemActor.ApplyAction.class).action().get(0))
        .isEqualTo(0.1);
    TestProbe<ControllerActor.Stats> stats = KIT.createTestProbe();
    controller.tell(new ControllerActor.GetStats(stats.getRef()));
    assertThat(stats.receiveMessage().failures()).isEqualTo(1);
  }
}
