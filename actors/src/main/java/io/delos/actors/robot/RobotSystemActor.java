package io.delos.actors.robot;

import io.delos.actors.cluster.CborSerializable;
import io.delos.actors.store.TrajectoryStore;
import io.delos.sim.Environment;
import io.delos.sim.Snapshot;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One robot system: owns its environment, steps it at its control rate, applies its controller's
 * latest action, and streams trajectory chunks to a {@link TrajectoryStore}.
 *
 * <p>In lock-step pacing the robot waits for a controller to attach before its first step.
 *
 * <p>Each control step: the observation goes to the attached controller, the action it answers is
 * applied for one control period, and the row (time, observation, action, reward, flags) is
 * appended to the current chunk. A full chunk goes to the store; when {@link
 * RobotSettings#maxChunksInFlight()} chunks wait for acknowledgement, the robot pauses until one
 * comes back (back-pressure). Episodes that end are reset with the next seed.
 *
 * <p>Besides its controller, a robot serves clients: {@link Reset} starts a new episode, {@link
 * Step} holds an action for some steps and answers the observation after them, and {@link
 * Subscribe} sends every observation (as {@link Observed}) to a subscriber until it unsubscribes or
 * stops.
 */
public final class RobotSystemActor extends AbstractBehavior<RobotSystemActor.Command> {
  /** Messages a robot understands. */
  public sealed interface Command {}

  /**
   * The controller's action for a step.
   *
   * @param step the step the action answers (the {@link ObservationUpdate#step()})
   * @param action the action; clipped to the action space
   */
  public record ApplyAction(long step, Vec action) implements Command {}

  /**
   * Sends every observation to {@code controller} from now on.
   *
   * @param controller receives {@link ObservationUpdate}s
   * @param withSnapshot whether updates carry the exact simulator snapshot (for oracle planning)
   */
  public record AttachController(ActorRef<ObservationUpdate> controller, boolean withSnapshot)
      implements Command {}

  /**
   * Ask for the robot's status.
   *
   * @param replyTo receives the status
   */
  public record GetStatus(ActorRef<Status> replyTo) implements Command, CborSerializable {}

  /**
   * Tell {@code listener} about every episode that ends from now on.
   *
   * @param listener receives {@link EpisodeEnded}
   */
  public record WatchEpisodes(ActorRef<EpisodeEnded> listener) implements Command {}

  /**
   * An episode ended.
   *
   * @param systemId the robot system
   * @param episode episode number, from 1
   * @param steps control steps in the episode
   * @param episodeReturn summed reward
   * @param endReason why it ended ({@link io.delos.sim.EndReason} name, or "SIMULATION_FAILED")
   * @param terminalObservation the observation after the last step (the trajectory's rows hold the
   *     observations before each step, so this one is not among them)
   */
  public record EpisodeEnded(
      String systemId,
      long episode,
      int steps,
      double episodeReturn,
      String endReason,
      Vec terminalObservation) {}

  /**
   * Stop sending observations to {@code controller}, if it is the attached one. In lock-step pacing
   * the robot then waits for the next controller or {@link Step} request.
   *
   * @param controller the controller to detach
   */
  public record DetachController(ActorRef<ObservationUpdate> controller) implements Command {}

  /**
   * Start a new episode now and answer its first observation. The robot keeps its pacing; the next
   * trajectory row carries the {@link StepFlags#RESET} flag.
   *
   * @param seed seed of the new episode, or empty for the next seed in sequence
   * @param replyTo receives the first observation of the new episode
   */
  public record Reset(OptionalLong seed, ActorRef<Observed> replyTo) implements Command {
    /** Validates the request. */
    public Reset {
      Objects.requireNonNull(seed, "seed");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Hold {@code action} from the next control step on and answer the observation after {@code
   * steps} more steps. The robot steps at its own pacing; an attached controller may replace the
   * action at its next step. In lock-step pacing, a step the robot is waiting for is taken at once.
   * A robot that reached its step limit or is stopping answers its current observation at once.
   *
   * @param action {@code actionSize} finite values, clipped to the action space; a request with a
   *     wrong size or a non-finite value is ignored with a warning
   * @param steps control steps to wait, >= 1
   * @param replyTo receives the observation after the last of them
   */
  public record Step(Vec action, int steps, ActorRef<Observed> replyTo) implements Command {
    /** Validates the request. */
    public Step {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(replyTo, "replyTo");
      if (steps < 1) {
        throw new IllegalArgumentException("steps = " + steps + ": must be >= 1");
      }
    }
  }

  /**
   * Send every observation from now on to {@code subscriber}, until it unsubscribes or stops.
   *
   * @param subscriber receives one {@link Observed} per control step and per reset
   */
  public record Subscribe(ActorRef<Observed> subscriber) implements Command {}

  /**
   * Stop sending observations to {@code subscriber}.
   *
   * @param subscriber a subscriber
   */
  public record Unsubscribe(ActorRef<Observed> subscriber) implements Command {}

  /**
   * An observation as subscribers and {@link Step} or {@link Reset} callers see it.
   *
   * @param systemId the robot system
   * @param step control steps taken when the observation was made
   * @param episode episodes started, the current one included (>= 1)
   * @param time simulated time since the episode's reset, seconds
   * @param observation the observation
   * @param reward reward of the control step that led here; 0 after a reset
   * @param flags {@link StepFlags}: {@code RESET} when this is the first observation of an episode;
   *     {@code TERMINATED}, {@code TRUNCATED} or {@code FAILED} when the step that led here ended
   *     the previous episode for that reason
   */
  public record Observed(
      String systemId,
      long step,
      long episode,
      double time,
      Vec observation,
      double reward,
      int flags) {}

  private record SubscriberGone(ActorRef<Observed> subscriber) implements Command {}

  private record StepWaiter(long targetStep, ActorRef<Observed> replyTo) {}

  /** Does nothing; in cluster mode it starts (or keeps) the robot wherever sharding places it. */
  public record Ping() implements Command, CborSerializable {}

  /**
   * Stop as {@link Stop} does, with nobody to tell: sent by Cluster Sharding when the robot's shard
   * moves to another node.
   */
  public record Passivate() implements Command, CborSerializable {}

  /**
   * Stop stepping, send the partial chunk, and stop once the store acknowledged everything.
   *
   * @param replyTo receives {@link Stopped} when done
   */
  public record Stop(ActorRef<Stopped> replyTo) implements Command, CborSerializable {}

  /**
   * The reply to {@link Stop}.
   *
   * @param systemId the robot system
   * @param steps control steps taken
   */
  public record Stopped(String systemId, long steps) implements CborSerializable {}

  private record Tick() implements Command {}

  private record ChunkStored(long sequence) implements Command {}

  private record ActionTimeout(long step) implements Command {}

  /**
   * What the robot sends its controller each control step.
   *
   * @param systemId the robot system
   * @param step control step counter since the actor started
   * @param time simulated time in the current episode, seconds
   * @param observation the observation
   * @param snapshot the exact simulator state, when the controller asked for it, else null
   * @param replyTo where to send the {@link ApplyAction}
   */
  public record ObservationUpdate(
      String systemId,
      long step,
      double time,
      Vec observation,
      Snapshot snapshot,
      ActorRef<Command> replyTo) {}

  /**
   * A robot's status.
   *
   * @param systemId the robot system
   * @param family catalogue family
   * @param observationSize observation channels
   * @param actionSize action channels
   * @param controlPeriod seconds
   * @param steps control steps taken
   * @param episodes episodes started
   * @param lateTicks real-time ticks that ran more than one control period after they were due, or
   *     were skipped because the robot was paused
   * @param ticks real-time ticks received
   * @param missedActions lock-step waits that timed out and held the previous action
   * @param chunksInFlight chunks waiting for the store's acknowledgement
   * @param failures episodes ended by a simulation failure (recorded with the FAILED flag)
   * @param node the address of the node the robot runs on ({@code host:port}, or the system name
   *     when not clustered)
   */
  public record Status(
      String systemId,
      String family,
      int observationSize,
      int actionSize,
      double controlPeriod,
      long steps,
      long episodes,
      long lateTicks,
      long ticks,
      long missedActions,
      int chunksInFlight,
      long failures,
      String node)
      implements CborSerializable {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final String systemId;
  private final String family;
  private final Environment env;
  private final RobotSettings settings;
  private final ActorRef<TrajectoryStore.Command> store;
  private final ActorRef<TrajectoryStore.Stored> storedAdapter;

  private ActorRef<ObservationUpdate> controller;
  private boolean withSnapshot;
  private Vec observation;
  private double[] heldAction;
  private int pendingFlags = StepFlags.RESET;
  private long steps;
  private long episodes;
  private long lateTicks;
  private long ticks;
  private long firstTickNanos = -1;
  private long missedActions;
  private long failures;
  private int episodeSteps;
  private double episodeReturn;
  private final java.util.List<ActorRef<EpisodeEnded>> episodeListeners =
      new java.util.ArrayList<>();
  private final long incarnation = System.nanoTime();
  private boolean awaitingAction;
  private boolean stopping;
  private ActorRef<Stopped> stopReplyTo;
  private Trajectory.Builder chunk;
  private long nextSequence;
  private final Deque<Long> inFlight = new ArrayDeque<>();
  private final Set<ActorRef<Observed>> subscribers = new LinkedHashSet<>();
  private final List<StepWaiter> waiters = new ArrayList<>();

  private RobotSystemActor(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String systemId,
      String family,
      Environment env,
      RobotSettings settings,
      ActorRef<TrajectoryStore.Command> store) {
    super(context);
    this.context = context;
    this.timers = timers;
    this.systemId = systemId;
    this.family = family;
    this.env = env;
    this.settings = settings;
    this.store = store;
    this.storedAdapter =
        context.messageAdapter(TrajectoryStore.Stored.class, s -> new ChunkStored(s.sequence()));
    this.heldAction = new double[env.actionSpace().size()];
    double[] lows = env.actionSpace().lows();
    double[] highs = env.actionSpace().highs();
    for (int i = 0; i < heldAction.length; i++) {
      heldAction[i] = Math.max(lows[i], Math.min(highs[i], 0.0));
    }
    this.chunk = newChunk();
    startEpisode();
    if (settings.pacing() == Pacing.REAL_TIME) {
      timers.startTimerAtFixedRate(
          "tick", new Tick(), Duration.ofNanos((long) (env.controlPeriod() * 1e9)));
    } else {
      context.getSelf().tell(new Tick());
    }
  }

  /**
   * The robot's behaviour.
   *
   * @param systemId stable id of the system
   * @param family catalogue family
   * @param environment a factory for the robot's environment, called once in the actor
   * @param settings pacing, chunking and seeds
   * @param store where chunks go
   */
  public static Behavior<Command> create(
      String systemId,
      String family,
      Supplier<Environment> environment,
      RobotSettings settings,
      ActorRef<TrajectoryStore.Command> store) {
    Objects.requireNonNull(store, "store");
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new RobotSystemActor(
                        ctx, timers, systemId, family, environment.get(), settings, store)));
  }

  private Trajectory.Builder newChunk() {
    return Trajectory.builder(systemId, env.observationSpace().size(), env.actionSpace().size());
  }

  private void endEpisode(String reason, Vec terminal) {
    EpisodeEnded e =
        new EpisodeEnded(systemId, episodes, episodeSteps, episodeReturn, reason, terminal);
    for (ActorRef<EpisodeEnded> l : episodeListeners) {
      l.tell(e);
    }
  }

  private void startEpisode() {
    episodeSteps = 0;
    episodeReturn = 0;
    observation = env.reset(settings.seed() + episodes);
    episodes++;
    pendingFlags = StepFlags.RESET;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, this::onTick)
        .onMessage(ApplyAction.class, this::onApplyAction)
        .onMessage(ActionTimeout.class, this::onActionTimeout)
        .onMessage(AttachController.class, this::onAttachController)
        .onMessage(ChunkStored.class, this::onChunkStored)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Stop.class, this::onStop)
        .onMessage(Ping.class, p -> this)
        .onMessage(
            WatchEpisodes.class,
            w -> {
              episodeListeners.add(w.listener());
              return this;
            })
        .onMessage(Passivate.class, p -> onStop(new Stop(null)))
        .onMessage(DetachController.class, this::onDetachController)
        .onMessage(Reset.class, this::onReset)
        .onMessage(Step.class, this::onStep)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, m -> onUnsubscribe(m.subscriber()))
        .onMessage(SubscriberGone.class, m -> onUnsubscribe(m.subscriber()))
        .build();
  }

  private boolean paused() {
    return inFlight.size() >= settings.maxChunksInFlight();
  }

  private boolean finished() {
    return stopping || (settings.maxSteps() > 0 && steps >= settings.maxSteps());
  }

  private Behavior<Command> onTick(Tick t) {
    if (finished()) {
      return this;
    }
    if (settings.pacing() == Pacing.REAL_TIME) {
      long now = System.nanoTime();
      if (firstTickNanos < 0) {
        firstTickNanos = now;
      }
      long periodNanos = (long) (env.controlPeriod() * 1e9);
      long due = firstTickNanos + ticks * periodNanos;
      ticks++;
      if (now - due > periodNanos || paused()) {
        lateTicks++; // behind schedule, or skipped while paused
      }
    }
    if (paused()) {
      return this; // resumed by the next acknowledgement; a real-time tick counts late above
    }
    switch (settings.pacing()) {
      case REAL_TIME, FREE_RUN -> {
        stepOnce(heldAction);
        publishObservation();
        if (settings.pacing() == Pacing.FREE_RUN) {
          context.getSelf().tell(new Tick());
        }
      }
      case LOCK_STEP -> {
        if (controller == null) {
          // Lock-step waits for its controller (attaching one starts the loop); without one,
          // only pending step requests move it.
          if (waiters.stream().anyMatch(w -> w.targetStep() > steps)) {
            stepOnce(heldAction);
            context.getSelf().tell(new Tick());
          }
          return this;
        } else if (!awaitingAction) {
          awaitingAction = true;
          publishObservation();
          timers.startSingleTimer(
              "action-timeout", new ActionTimeout(steps), settings.actionTimeout());
        }
      }
    }
    return this;
  }

  private void publishObservation() {
    if (controller != null && !finished()) {
      Snapshot snap = withSnapshot ? env.snapshot() : null;
      controller.tell(
          new ObservationUpdate(systemId, steps, env.time(), observation, snap, context.getSelf()));
    }
  }

  private Behavior<Command> onApplyAction(ApplyAction m) {
    if (m.action().size() != heldAction.length || !m.action().isFinite()) {
      context
          .getLog()
          .warn(
              "system {} ignored an action of {} values (expected {} finite values)",
              systemId,
              m.action().size(),
              heldAction.length);
      return this;
    }
    heldAction = env.actionSpace().clip(m.action().toArray());
    if (settings.pacing() == Pacing.LOCK_STEP && awaitingAction && m.step() == steps) {
      timers.cancel("action-timeout");
      awaitingAction = false;
      stepOnce(heldAction);
      context.getSelf().tell(new Tick());
    }
    return this;
  }

  private Behavior<Command> onActionTimeout(ActionTimeout m) {
    if (awaitingAction && m.step() == steps) {
      missedActions++;
      awaitingAction = false;
      stepOnce(heldAction);
      context.getSelf().tell(new Tick());
    }
    return this;
  }

  private void stepOnce(double[] action) {
    double time = env.time();
    Vec before = observation;
    StepResult r;
    try {
      r = env.step(action);
    } catch (RuntimeException e) {
      // The simulation failed: record the step as failed, start a fresh episode, keep running.
      failures++;
      context
          .getLog()
          .warn("system {} simulation failed; starting a new episode: {}", systemId, e.toString());
      chunk.add(
          time,
          before.toArray(),
          env.actionSpace().clip(action),
          0,
          pendingFlags | StepFlags.FAILED);
      steps++;
      episodeSteps++;
      endEpisode("SIMULATION_FAILED", before);
      startEpisode();
      observed(0, StepFlags.FAILED | StepFlags.RESET);
      if (chunk.rows() >= settings.chunkSize() || finished()) {
        sendChunk();
      }
      return;
    }
    int flags = pendingFlags;
    pendingFlags = StepFlags.NONE;
    if (r.terminated()) {
      flags |= StepFlags.TERMINATED;
    }
    if (r.truncated()) {
      flags |=
          r.info().endReason() == io.delos.sim.EndReason.TIME_LIMIT
              ? StepFlags.TRUNCATED
              : StepFlags.FAILED;
    }
    chunk.add(time, before.toArray(), env.actionSpace().clip(action), r.reward(), flags);
    steps++;
    episodeSteps++;
    episodeReturn += r.reward();
    observation = r.observation();
    if (r.done()) {
      endEpisode(r.info().endReason().name(), r.observation());
      if (StepFlags.has(flags, StepFlags.FAILED)) {
        context
            .getLog()
            .warn(
                "system {} episode failed: {}; starting a new one", systemId, r.info().endReason());
      }
      startEpisode();
    }
    int ended = flags & (StepFlags.TERMINATED | StepFlags.TRUNCATED | StepFlags.FAILED);
    observed(r.reward(), r.done() ? ended | StepFlags.RESET : ended);
    if (chunk.rows() >= settings.chunkSize() || finished()) {
      sendChunk();
    }
  }

  /** Tells subscribers and due step waiters about the current observation. */
  private void observed(double reward, int flags) {
    if (subscribers.isEmpty() && waiters.isEmpty()) {
      return;
    }
    Observed o = new Observed(systemId, steps, episodes, env.time(), observation, reward, flags);
    for (ActorRef<Observed> s : subscribers) {
      s.tell(o);
    }
    for (Iterator<StepWaiter> it = waiters.iterator(); it.hasNext(); ) {
      StepWaiter w = it.next();
      if (steps >= w.targetStep() || finished()) {
        w.replyTo().tell(o);
        it.remove();
      }
    }
  }

  private Observed current(double reward, int flags) {
    return new Observed(systemId, steps, episodes, env.time(), observation, reward, flags);
  }

  private void sendChunk() {
    if (chunk.rows() == 0) {
      return;
    }
    long sequence = nextSequence++;
    inFlight.add(sequence);
    store.tell(
        new TrajectoryStore.Append(systemId, incarnation, sequence, chunk.build(), storedAdapter));
    chunk = newChunk();
  }

  private Behavior<Command> onChunkStored(ChunkStored m) {
    boolean wasPaused = paused();
    inFlight.remove(m.sequence());
    if (stopping && inFlight.isEmpty()) {
      return stopNow();
    }
    if (wasPaused && !paused() && settings.pacing() != Pacing.REAL_TIME && !finished()) {
      context.getSelf().tell(new Tick());
    }
    return this;
  }

  private Behavior<Command> onAttachController(AttachController m) {
    controller = m.controller();
    withSnapshot = m.withSnapshot();
    if (settings.pacing() != Pacing.LOCK_STEP) {
      // The controller answers before the next tick, so no step runs on the resting action.
      publishObservation();
    } else if (!awaitingAction) {
      context.getSelf().tell(new Tick());
    }
    return this;
  }

  private Behavior<Command> onDetachController(DetachController m) {
    if (controller == null || !controller.equals(m.controller())) {
      return this;
    }
    controller = null;
    if (settings.pacing() == Pacing.LOCK_STEP && awaitingAction) {
      timers.cancel("action-timeout");
      awaitingAction = false;
    }
    return this;
  }

  private Behavior<Command> onReset(Reset m) {
    if (finished()) {
      m.replyTo().tell(current(0, StepFlags.NONE));
      return this;
    }
    observation = env.reset(m.seed().orElse(settings.seed() + episodes));
    episodes++;
    pendingFlags = StepFlags.RESET;
    Observed o = current(0, StepFlags.RESET);
    m.replyTo().tell(o);
    for (ActorRef<Observed> s : subscribers) {
      s.tell(o);
    }
    if (settings.pacing() != Pacing.LOCK_STEP) {
      publishObservation();
    }
    return this;
  }

  private Behavior<Command> onStep(Step m) {
    if (m.action().size() != heldAction.length || !m.action().isFinite()) {
      context
          .getLog()
          .warn(
              "system {} ignored a step request with {} action values (expected {} finite values)",
              systemId,
              m.action().size(),
              heldAction.length);
      return this;
    }
    if (finished()) {
      m.replyTo().tell(current(0, StepFlags.NONE));
      return this;
    }
    waiters.add(new StepWaiter(steps + m.steps(), m.replyTo()));
    if (settings.pacing() == Pacing.LOCK_STEP && awaitingAction) {
      return onApplyAction(new ApplyAction(steps, m.action()));
    }
    heldAction = env.actionSpace().clip(m.action().toArray());
    if (settings.pacing() == Pacing.LOCK_STEP && controller == null) {
      context.getSelf().tell(new Tick()); // step requests drive a lock-step robot without one
    }
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe m) {
    if (subscribers.add(m.subscriber())) {
      context.watchWith(m.subscriber(), new SubscriberGone(m.subscriber()));
    }
    return this;
  }

  private Behavior<Command> onUnsubscribe(ActorRef<Observed> subscriber) {
    if (subscribers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    m.replyTo()
        .tell(
            new Status(
                systemId,
                family,
                env.observationSpace().size(),
                env.actionSpace().size(),
                env.controlPeriod(),
                steps,
                episodes,
                lateTicks,
                ticks,
                missedActions,
                inFlight.size(),
                failures,
                context.getSystem().address().hostPort()));
    return this;
  }

  private Behavior<Command> onStop(Stop m) {
    stopping = true;
    stopReplyTo = m.replyTo();
    timers.cancelAll();
    sendChunk();
    if (inFlight.isEmpty()) {
      return stopNow();
    }
    return this;
  }

  private Behavior<Command> stopNow() {
    for (StepWaiter w : waiters) {
      w.replyTo().tell(current(0, StepFlags.NONE));
    }
    waiters.clear();
    if (stopReplyTo != null) {
      stopReplyTo.tell(new Stopped(systemId, steps));
    }
    env.close();
    return Behaviors.stopped();
  }
}
