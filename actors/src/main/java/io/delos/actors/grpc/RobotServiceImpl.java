package io.delos.actors.grpc;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.proto.v1.ControlRequest;
import io.delos.proto.v1.DescribeSystemRequest;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.ListSystemsResponse;
import io.delos.proto.v1.Observation;
import io.delos.proto.v1.ResetRequest;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.StepRequest;
import io.delos.proto.v1.StreamObservationsRequest;
import io.delos.proto.v1.SystemDescription;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Vec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** {@code delos.v1.RobotService}: the robots running in this runtime. */
final class RobotServiceImpl extends RobotServiceGrpc.RobotServiceImplBase {
  private final DelosRuntime runtime;
  private final Duration timeout;
  private final GrpcLimits limits;
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicLong streamIds = new AtomicLong();

  RobotServiceImpl(DelosRuntime runtime, Duration timeout, GrpcLimits limits) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.limits = limits;
  }

  @Override
  public void listSystems(ListSystemsRequest request, StreamObserver<ListSystemsResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the robots",
        t,
        () ->
            runtime
                .robotStatuses(t)
                .thenApply(
                    statuses -> {
                      ListSystemsResponse.Builder b = ListSystemsResponse.newBuilder();
                      for (RobotSystemActor.Status s : statuses) {
                        b.addSystems(RobotMapper.info(s));
                      }
                      return b.build();
                    }));
  }

  @Override
  public void describeSystem(DescribeSystemRequest request, StreamObserver<SystemDescription> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "robot " + Problems.quote(request.getSystemId()),
        t,
        () -> {
          ActorRef<RobotSystemActor.Command> robot = robot(request.getSystemId());
          return status(robot, t)
              .thenApply(
                  s -> {
                    RobotSystem system =
                        Catalogue.families().contains(s.family())
                            ? Catalogue.system(s.family())
                            : null;
                    return RobotMapper.description(s, system);
                  });
        });
  }

  @Override
  public void reset(ResetRequest request, StreamObserver<Observation> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "robot " + Problems.quote(request.getSystemId()),
        t,
        () -> {
          ActorRef<RobotSystemActor.Command> robot = robot(request.getSystemId());
          OptionalLong seed =
              request.hasSeed() ? OptionalLong.of(request.getSeed()) : OptionalLong.empty();
          return AskPattern.<RobotSystemActor.Command, RobotSystemActor.Observed>ask(
                  robot,
                  replyTo -> new RobotSystemActor.Reset(seed, replyTo),
                  t,
                  runtime.system().scheduler())
              .thenApply(RobotMapper::observation);
        });
  }

  @Override
  public void step(StepRequest request, StreamObserver<Observation> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "robot "
            + Problems.quote(request.getSystemId())
            + " stepping "
            + Math.max(1, request.getSteps())
            + " control steps (a real-time robot takes one control period each)",
        t,
        () -> {
          ActorRef<RobotSystemActor.Command> robot = robot(request.getSystemId());
          int steps = request.getSteps() == 0 ? 1 : request.getSteps();
          if (steps < 1 || steps > limits.maxStepsPerCall()) {
            throw Problems.invalid(
                "steps = "
                    + request.getSteps()
                    + ": allowed 1 to "
                    + limits.maxStepsPerCall()
                    + " (delos.grpc.limits.max-steps-per-call), or 0 for 1");
          }
          Tensors.Input action = Tensors.require(request.getAction(), "action", "channel");
          return status(robot, t)
              .thenCompose(
                  s -> {
                    action.requireExtent(0, s.actionSize(), "[" + s.actionSize() + "]");
                    return AskPattern.<RobotSystemActor.Command, RobotSystemActor.Observed>ask(
                        robot,
                        replyTo ->
                            new RobotSystemActor.Step(Vec.of(action.values()), steps, replyTo),
                        t,
                        runtime.system().scheduler());
                  })
              .thenApply(RobotMapper::observation);
        });
  }

  @Override
  public void streamObservations(
      StreamObservationsRequest request, StreamObserver<Observation> out) {
    ServerCallStreamObserver<Observation> call = (ServerCallStreamObserver<Observation>) out;
    AtomicReference<ActorRef<ObservationStream.Command>> stream = handlers(call);
    try {
      ActorRef<RobotSystemActor.Command> robot = robot(request.getSystemId());
      if (request.getMaxMessages() < 0) {
        throw Problems.invalid(
            "max_messages = " + request.getMaxMessages() + ": must be >= 0 (0 streams on)");
      }
      open(call, stream, robot, request.getSystemId(), false, request.getMaxMessages());
    } catch (StatusRuntimeException e) {
      out.onError(e);
    }
  }

  @Override
  public StreamObserver<ControlRequest> control(StreamObserver<Observation> out) {
    ServerCallStreamObserver<Observation> call = (ServerCallStreamObserver<Observation>) out;
    return new ControlSession(call);
  }

  /** The client side of a control stream: a start, then actions. */
  private final class ControlSession implements StreamObserver<ControlRequest> {
    private final ServerCallStreamObserver<Observation> call;
    private final AtomicReference<ActorRef<ObservationStream.Command>> streamRef;
    private ActorRef<ObservationStream.Command> stream;
    private ActorRef<RobotSystemActor.Command> robot;
    private int actionSize;
    private boolean failed;

    ControlSession(ServerCallStreamObserver<Observation> call) {
      this.call = call;
      this.streamRef = handlers(call);
    }

    @Override
    public void onNext(ControlRequest request) {
      if (failed) {
        return;
      }
      try {
        if (stream == null) {
          start(request);
        } else {
          act(request);
        }
      } catch (StatusRuntimeException e) {
        fail(e.getStatus());
      }
    }

    private void start(ControlRequest request) {
      if (!request.hasStart()) {
        throw Problems.invalid(
            "the first ControlRequest must be a 'start' naming the system; got "
                + request.getKindCase());
      }
      robot = robot(request.getStart().getSystemId());
      Duration t = Calls.timeout(timeout);
      RobotSystemActor.Status s;
      try {
        // Blocks this call's thread once, at the start, to learn the action size.
        s = status(robot, t).toCompletableFuture().get(t.toMillis() + 100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Problems.unavailable("interrupted while starting the control stream");
      } catch (Exception e) {
        throw Calls.toStatus(e, "robot " + Problems.quote(request.getStart().getSystemId()), t);
      }
      actionSize = s.actionSize();
      stream = open(call, streamRef, robot, s.systemId(), true, 0);
    }

    private void act(ControlRequest request) {
      if (!request.hasAction()) {
        throw Problems.invalid(
            "after the start, every ControlRequest must be an 'action'; got "
                + request.getKindCase());
      }
      Tensors.Input action =
          Tensors.require(request.getAction().getAction(), "action.action", "channel");
      action.requireExtent(0, actionSize, "[" + actionSize + "]");
      robot.tell(
          new RobotSystemActor.ApplyAction(request.getAction().getStep(), Vec.of(action.values())));
    }

    private void fail(Status status) {
      failed = true;
      if (stream != null) {
        stream.tell(new ObservationStream.Fail(status));
      } else {
        call.onError(status.asRuntimeException());
      }
    }

    @Override
    public void onError(Throwable t) {
      if (stream != null) {
        stream.tell(new ObservationStream.Cancelled());
      }
    }

    @Override
    public void onCompleted() {
      if (stream != null) {
        stream.tell(new ObservationStream.ClientDone());
      } else if (!failed) {
        call.onCompleted();
      }
    }
  }

  /**
   * Installs the call's ready and cancel handlers (gRPC allows it only before the method returns);
   * they reach the stream actor once {@link #open} has put it into the returned holder.
   */
  private static AtomicReference<ActorRef<ObservationStream.Command>> handlers(
      ServerCallStreamObserver<Observation> call) {
    AtomicReference<ActorRef<ObservationStream.Command>> holder = new AtomicReference<>();
    call.setOnReadyHandler(
        () -> {
          ActorRef<ObservationStream.Command> s = holder.get();
          if (s != null) {
            s.tell(new ObservationStream.Ready());
          }
        });
    call.setOnCancelHandler(
        () -> {
          ActorRef<ObservationStream.Command> s = holder.get();
          if (s != null) {
            s.tell(new ObservationStream.Cancelled());
          }
        });
    return holder;
  }

  private ActorRef<ObservationStream.Command> open(
      ServerCallStreamObserver<Observation> call,
      AtomicReference<ActorRef<ObservationStream.Command>> holder,
      ActorRef<RobotSystemActor.Command> robot,
      String systemId,
      boolean control,
      long maxMessages) {
    if (openStreams.incrementAndGet() > limits.maxStreams()) {
      openStreams.decrementAndGet();
      throw Problems.exhausted(
          "already "
              + limits.maxStreams()
              + " observation and control streams open (delos.grpc.limits.max-streams); close"
              + " one first");
    }
    ActorRef<ObservationStream.Command> stream =
        runtime
            .system()
            .systemActorOf(
                ObservationStream.create(
                    call,
                    robot,
                    systemId,
                    control,
                    maxMessages,
                    limits.streamBuffer(),
                    openStreams::decrementAndGet),
                "grpc-stream-" + streamIds.incrementAndGet(),
                Props.empty());
    holder.set(stream);
    if (call.isCancelled()) {
      stream.tell(new ObservationStream.Cancelled());
    }
    return stream;
  }

  /**
   * The robot called {@code systemId}.
   *
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} for a malformed id, {@code NOT_FOUND}
   *     when no robot has it, {@code FAILED_PRECONDITION} on a cluster node
   */
  private ActorRef<RobotSystemActor.Command> robot(String systemId) {
    Problems.requireId("system_id", systemId);
    if (runtime.clustered()) {
      // Limitation: on a cluster node only ListSystems is served; robots are sharded entities
      // that this service does not address yet. Use a single-node runtime (delos serve).
      throw Problems.precondition(
          "per-robot calls need a single-node runtime (delos serve); this is a cluster node");
    }
    var robots = runtime.robots();
    ActorRef<RobotSystemActor.Command> robot = robots.get(systemId);
    if (robot == null) {
      throw Problems.notFound(
          "system_id = "
              + Problems.quote(systemId)
              + " is not a running robot; running: "
              + Problems.list(robots.keySet().stream().sorted().toList()));
    }
    return robot;
  }

  private CompletionStage<RobotSystemActor.Status> status(
      ActorRef<RobotSystemActor.Command> robot, Duration t) {
    return AskPattern.ask(robot, RobotSystemActor.GetStatus::new, t, runtime.system().scheduler());
  }
}
