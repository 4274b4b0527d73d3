package io.delos.actors.grpc;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.proto.v1.Observation;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One observation or control stream: subscribes to a robot, turns its observations into {@code
 * delos.v1.Observation}s and writes them to the call as fast as the client reads.
 *
 * <p>The actor owns the call's response observer: every write, completion and error happens on it,
 * one at a time. Observations wait in a bounded queue while the transport is not ready; when the
 * queue is full the oldest is dropped and the next one sent counts it in {@code dropped}, so a slow
 * client never slows the robot down (the trajectory store is the lossless path).
 *
 * <p>In control mode the stream is also the robot's controller: it gets the robot's {@link
 * RobotSystemActor.ObservationUpdate}s (which the client answers with actions) and sends those,
 * completed with the reward and flags of the subscriber's view of the same step.
 */
final class ObservationStream extends AbstractBehavior<ObservationStream.Command> {
  /** Messages the stream understands. */
  sealed interface Command {}

  /** The transport can take more messages. */
  record Ready() implements Command {}

  /** The client cancelled or the call ended. */
  record Cancelled() implements Command {}

  /** The client half-closed a control stream: finish it. */
  record ClientDone() implements Command {}

  /**
   * End the call with a status (for example, the client sent a bad action).
   *
   * @param status the status to answer
   */
  record Fail(Status status) implements Command {}

  private record Observed(RobotSystemActor.Observed observed) implements Command {}

  private record Update(RobotSystemActor.ObservationUpdate update) implements Command {}

  private record RobotGone() implements Command {}

  private final ServerCallStreamObserver<Observation> out;
  private final ActorRef<RobotSystemActor.Command> robot;
  private final String systemId;
  private final boolean control;
  private final long maxMessages;
  private final int capacity;
  private final Runnable onStop;
  private final ActorRef<RobotSystemActor.Observed> observedAdapter;
  private final ActorRef<RobotSystemActor.ObservationUpdate> updateAdapter;
  private final ArrayDeque<Observation> queue = new ArrayDeque<>();
  private RobotSystemActor.Observed lastObserved;
  private long dropped;
  private long sent;
  private boolean done;

  private ObservationStream(
      ActorContext<Command> context,
      ServerCallStreamObserver<Observation> out,
      ActorRef<RobotSystemActor.Command> robot,
      String systemId,
      boolean control,
      long maxMessages,
      int capacity,
      Runnable onStop) {
    super(context);
    this.out = out;
    this.robot = robot;
    this.systemId = systemId;
    this.control = control;
    this.maxMessages = maxMessages;
    this.capacity = capacity;
    this.onStop = onStop;
    this.observedAdapter = context.messageAdapter(RobotSystemActor.Observed.class, Observed::new);
    this.updateAdapter =
        control
            ? context.messageAdapter(RobotSystemActor.ObservationUpdate.class, Update::new)
            : null;
    context.watchWith(robot, new RobotGone());
    robot.tell(new RobotSystemActor.Subscribe(observedAdapter));
    if (control) {
      robot.tell(new RobotSystemActor.AttachController(updateAdapter, false));
    }
  }

  /**
   * The stream's behaviour.
   *
   * @param out the call's response observer; its ready and cancel handlers must tell this actor
   *     {@link Ready} and {@link Cancelled}
   * @param robot the robot to watch
   * @param systemId the robot's id, for messages
   * @param control true to become the robot's controller
   * @param maxMessages stop after this many observations (0: until cancelled)
   * @param capacity observations queued before the oldest are dropped
   * @param onStop runs once when the stream ends (frees its slot)
   */
  static Behavior<Command> create(
      ServerCallStreamObserver<Observation> out,
      ActorRef<RobotSystemActor.Command> robot,
      String systemId,
      boolean control,
      long maxMessages,
      int capacity,
      Runnable onStop) {
    return Behaviors.setup(
        ctx ->
            new ObservationStream(
                ctx, out, robot, systemId, control, maxMessages, capacity, onStop));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observed.class, this::onObserved)
        .onMessage(Update.class, this::onUpdate)
        .onMessage(Ready.class, r -> drain())
        .onMessage(Cancelled.class, c -> Behaviors.stopped())
        .onMessage(ClientDone.class, c -> finish(null))
        .onMessage(Fail.class, f -> finish(f.status()))
        .onMessage(
            RobotGone.class,
            g ->
                finish(
                    Status.UNAVAILABLE.withDescription(
                        "robot " + Problems.quote(systemId) + " stopped")))
        .onSignal(PostStop.class, s -> cleanUp())
        .build();
  }

  private Behavior<Command> onObserved(Observed m) {
    if (control) {
      lastObserved = m.observed();
      return this;
    }
    return enqueue(RobotMapper.observation(m.observed()));
  }

  private Behavior<Command> onUpdate(Update m) {
    return enqueue(RobotMapper.observation(m.update(), lastObserved));
  }

  private Behavior<Command> enqueue(Observation o) {
    if (done) {
      return this;
    }
    if (queue.size() >= capacity) {
      queue.pollFirst();
      dropped++;
    }
    queue.addLast(o);
    return drain();
  }

  private Behavior<Command> drain() {
    while (!done && !queue.isEmpty() && out.isReady()) {
      Observation o = queue.pollFirst();
      if (dropped > 0) {
        o = o.toBuilder().setDropped(dropped).build();
        dropped = 0;
      }
      out.onNext(o);
      sent++;
      if (maxMessages > 0 && sent >= maxMessages) {
        return finish(null);
      }
    }
    return this;
  }

  private Behavior<Command> finish(Status status) {
    if (!done) {
      done = true;
      if (status == null) {
        out.onCompleted();
      } else {
        out.onError(status.asRuntimeException());
      }
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> cleanUp() {
    robot.tell(new RobotSystemActor.Unsubscribe(observedAdapter));
    if (control) {
      robot.tell(new RobotSystemActor.DetachController(updateAdapter));
    }
    onStop.run();
    return this;
  }
}
