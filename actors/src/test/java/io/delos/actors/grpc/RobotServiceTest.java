package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.ControlAction;
import io.delos.proto.v1.ControlRequest;
import io.delos.proto.v1.ControlStart;
import io.delos.proto.v1.DescribeSystemRequest;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.Observation;
import io.delos.proto.v1.ResetRequest;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.StepRequest;
import io.delos.proto.v1.StreamObservationsRequest;
import io.delos.proto.v1.SystemDescription;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RobotServiceTest {
  /** Float32 round trip of an observation, in the channel's unit. */
  private static final double FLOAT_TOLERANCE = 1e-6;

  private static InProcessDelos delos;
  private static RobotServiceGrpc.RobotServiceBlockingStub robots;

  @BeforeAll
  static void start() {
    delos = new InProcessDelos("delos.grpc.limits { max-streams = 3, max-steps-per-call = 50 }");
    robots =
        RobotServiceGrpc.newBlockingStub(delos.channel)
            .withDeadlineAfter(InProcessDelos.deadlineSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  @Test
  void listSystemsNamesTheRunningRobotWithItsSizes() {
    var systems = robots.listSystems(ListSystemsRequest.getDefaultInstance()).getSystemsList();
    assertThat(systems).hasSize(1);
    assertThat(systems.get(0).getSystemId()).isEqualTo(InProcessDelos.ROBOT);
    assertThat(systems.get(0).getFamily()).isEqualTo("cartpole");
    assertThat(systems.get(0).getObservationSize()).isEqualTo(5);
    assertThat(systems.get(0).getActionSize()).isEqualTo(1);
    assertThat(systems.get(0).getControlPeriod()).isEqualTo(0.02);
    assertThat(systems.get(0).getEpisodes()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void describeSystemGivesChannelsWithUnitsTheMorphologyAndTheTasks() {
    SystemDescription d =
        robots.describeSystem(
            DescribeSystemRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).build());
    assertThat(d.getObservationChannelsList())
        .extracting(c -> c.getName())
        .containsExactly("cart_x", "pole.sin", "pole.cos", "cart_v", "pole_rate");
    assertThat(d.getObservationChannels(0).getUnit()).isEqualTo("m");
    assertThat(d.getActionChannelsList()).extracting(c -> c.getName()).containsExactly("force");
    assertThat(d.getActionChannels(0).getLow()).isEqualTo(-1);
    assertThat(d.getActionChannels(0).getHigh()).isEqualTo(1);
    assertThat(d.getMorphology().getBodiesList())
        .extracting(b -> b.getName())
        .containsExactly("cart", "pole");
    assertThat(d.getMorphology().getBodies(1).getParent()).isEqualTo(0);
    assertThat(d.getMorphology().getMorphologyJson()).contains("delos-morphology");
    assertThat(d.getTasksList()).containsExactly("balance", "swingup");
  }

  @Test
  void resetWithASeedStartsAnEpisodeAtTheSameObservationEachTime() {
    ResetRequest r =
        ResetRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).setSeed(42).build();
    Observation a = robots.reset(r);
    Observation b = robots.reset(r);
    assertThat(a.getFlags() & StepFlags.RESET).isEqualTo(StepFlags.RESET);
    assertThat(b.getEpisode()).isEqualTo(a.getEpisode() + 1);
    assertThat(a.getTime()).isZero();
    assertThat(Rpc.values(b.getObservation())).containsExactly(Rpc.values(a.getObservation()));
    assertThat(a.getObservation().getShapeList()).containsExactly(5L);
  }

  @Test
  void stepHoldsTheActionAndAnswersAfterTheRequestedSteps() {
    StepRequest push =
        StepRequest.newBuilder()
            .setSystemId(InProcessDelos.ROBOT)
            .setAction(tensor(new double[] {0.3}, 1))
            .setSteps(1)
            .build();
    robots.step(push); // from now on the robot holds the push, through the reset below
    Observation before =
        robots.reset(
            ResetRequest.newBuilder().setSystemId(InProcessDelos.ROBOT).setSeed(1).build());
    Observation after =
        robots.step(
            StepRequest.newBuilder()
                .setSystemId(InProcessDelos.ROBOT)
                .setAction(tensor(new double[] {0.3}, 1))
                .setSteps(5)
                .build());
    assertThat(after.getStep()).isGreaterThanOrEqualTo(before.getStep() + 5);
    assertThat(after.getEpisode()).isEqualTo(before.getEpisode());
    // 3 N for at least 5 steps of 20 ms accelerates the 1.1 kg cart-pole to the right (~0.27 m/s).
    assertThat(after.getObservation().getData(3)).isGreaterThan(0.1f);
  }

  @Test
  void streamObservationsSendsConsecutiveStepsUpToTheLimit() {
    Iterator<Observation> it =
        robots.streamObservations(
            StreamObservationsRequest.newBuilder()
                .setSystemId(InProcessDelos.ROBOT)
                .setMaxMessages(6)
                .build());
    List<Observation> seen = new ArrayList<>();
    it.forEachRemaining(seen::add);
    assertThat(seen).hasSize(6);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).getStep()).isEqualTo(seen.get(i - 1).getStep() + 1);
      assertThat(seen.get(i).getDropped()).isZero();
    }
    assertThat(seen.get(0).getSystemId()).isEqualTo(InProcessDelos.ROBOT);
  }

  @Test
  void controlStreamAppliesTheClientsActionsToTheRobot() throws Exception {
    List<Observation> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    CountDownLatch answered = new CountDownLatch(8);
    StreamObserver<ControlRequest>[] requests = new StreamObserver[1];
    requests[0] =
        RobotServiceGrpc.newStub(delos.channel)
            .control(
                new StreamObserver<>() {
                  @Override
                  public void onNext(Observation o) {
                    seen.add(o);
                    synchronized (requests) {
                      requests[0].onNext(
                          ControlRequest.newBuilder()
                              .setAction(
                                  ControlAction.newBuilder()
                                      .setStep(o.getStep())
                                      .setAction(tensor(new double[] {-0.75}, 1)))
                              .build());
                    }
                    answered.countDown();
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    done.complete(null);
                  }
                });
    synchronized (requests) {
      requests[0].onNext(
          ControlRequest.newBuilder()
              .setStart(ControlStart.newBuilder().setSystemId(InProcessDelos.ROBOT))
              .build());
    }
    assertThat(answered.await(20, TimeUnit.SECONDS)).isTrue();
    synchronized (requests) {
      requests[0].onCompleted();
    }
    done.get(10, TimeUnit.SECONDS);
    long lastStep = seen.get(seen.size() - 1).getStep();
    // The store holds rows in chunks; wait until the controlled steps are stored.
    Trajectory t = null;
    for (int i = 0; i < 100; i++) {
      t = delos.runtime.trajectory(InProcessDelos.ROBOT);
      if (t.length() > lastStep) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(t.length()).isGreaterThan((int) lastStep);
    int controlled = 0;
    for (Observation o : seen.subList(1, seen.size() - 1)) {
      if (t.action((int) o.getStep(), 0) == -0.75) {
        controlled++;
      }
    }
    assertThat(controlled).as("steps that applied the client's action").isPositive();
  }

  @Test
  void unknownMalformedAndClusterlessIdsAreAnsweredWithoutCrashing() {
    String d =
        fails(
            Status.Code.NOT_FOUND,
            () ->
                robots.describeSystem(
                    DescribeSystemRequest.newBuilder().setSystemId("nope").build()));
    assertThat(d).contains("'nope'").contains(InProcessDelos.ROBOT);
    fails(
        Status.Code.INVALID_ARGUMENT,
        () -> robots.reset(ResetRequest.newBuilder().setSystemId("bad id!").build()));
    fails(Status.Code.INVALID_ARGUMENT, () -> robots.reset(ResetRequest.getDefaultInstance()));
  }

  @Test
  void badActionsAreAnsweredInvalidArgumentNamingTheField() {
    StepRequest.Builder step = StepRequest.newBuilder().setSystemId(InProcessDelos.ROBOT);
    String d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> robots.step(step.setAction(tensor(new double[] {1, 2}, 2)).build()));
    assertThat(d).contains("action.shape = [2]").contains("[1]");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> robots.step(step.setAction(tensor(new double[] {Double.NaN}, 1)).build()));
    assertThat(d).contains("action.data[0] = NaN");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> robots.step(step.setAction(tensor(new double[] {1}, 2)).build()));
    assertThat(d).contains("action has 1 values");
    d =
        fails(
            Status.Code.INVALID_ARGUMENT,
            () -> robots.step(step.setAction(tensor(new double[] {0}, 1)).setSteps(51).build()));
    assertThat(d).contains("steps = 51").contains("1 to 50");
  }

  @Test
  void aControlStreamMustStartWithStartAndSendWellFormedActions() throws Exception {
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    StreamObserver<ControlRequest> requests =
        RobotServiceGrpc.newStub(delos.channel).control(failures(error));
    requests.onNext(
        ControlRequest.newBuilder()
            .setAction(ControlAction.newBuilder().setAction(tensor(new double[] {0}, 1)))
            .build());
    assertThat(Status.fromThrowable(error.get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);

    CompletableFuture<Throwable> second = new CompletableFuture<>();
    StreamObserver<ControlRequest> again =
        RobotServiceGrpc.newStub(delos.channel).control(failures(second));
    again.onNext(
        ControlRequest.newBuilder()
            .setStart(ControlStart.newBuilder().setSystemId(InProcessDelos.ROBOT))
            .build());
    again.onNext(
        ControlRequest.newBuilder()
            .setAction(ControlAction.newBuilder().setAction(tensor(new double[] {0, 0, 0}, 3)))
            .build());
    Status s = Status.fromThrowable(second.get(10, TimeUnit.SECONDS));
    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).contains("action.action");
  }

  @Test
  void streamsBeyondTheLimitAreAnsweredResourceExhausted() throws Exception {
    List<io.grpc.Context.CancellableContext> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        io.grpc.Context.CancellableContext c = io.grpc.Context.current().withCancellation();
        open.add(c);
        CountDownLatch first = new CountDownLatch(1);
        c.run(
            () ->
                RobotServiceGrpc.newStub(delos.channel)
                    .streamObservations(
                        StreamObservationsRequest.newBuilder()
                            .setSystemId(InProcessDelos.ROBOT)
                            .build(),
                        new StreamObserver<>() {
                          @Override
                          public void onNext(Observation value) {
                            first.countDown();
                          }

                          @Override
                          public void onError(Throwable t) {}

                          @Override
                          public void onCompleted() {}
                        }));
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      }
      String d =
          fails(
              Status.Code.RESOURCE_EXHAUSTED,
              () ->
                  robots
                      .streamObservations(
                          StreamObservationsRequest.newBuilder()
                              .setSystemId(InProcessDelos.ROBOT)
                              .build())
                      .hasNext());
      assertThat(d).contains("max-streams");
    } finally {
      open.forEach(c -> c.cancel(null));
    }
    // The slots come back once the streams end.
    Thread.sleep(300);
    Iterator<Observation> it =
        robots.streamObservations(
            StreamObservationsRequest.newBuilder()
                .setSystemId(InProcessDelos.ROBOT)
                .setMaxMessages(1)
                .build());
    assertThat(it.next().getSystemId()).isEqualTo(InProcessDelos.ROBOT);
  }

  private static StreamObserver<Observation> failures(CompletableFuture<Throwable> error) {
    return new StreamObserver<>() {
      @Override
      public void onNext(Observation value) {}

      @Override
      public void onError(Throwable t) {
        error.complete(t);
      }

      @Override
      public void onCompleted() {
        error.complete(new AssertionError("completed without an error"));
      }
    };
  }
}
