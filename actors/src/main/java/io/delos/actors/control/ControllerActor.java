package io.delos.actors.control;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.controllers.Policy;
import io.delos.sim.State;
import io.delos.sim.Vec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Closes the loop for one robot: observation in, plan, action out.
 *
 * <p>The policy (a planner through a model host, a feedback law) runs on a planning executor, off
 * the actor's thread. Each observation has a deadline: when the plan is not ready by then, the
 * robot gets the fallback action (hold the last action, the resting action, or another policy such
 * as LQR) and the miss is counted. A late plan is discarded; an observation that arrives while a
 * plan is still running is answered with the fallback at once. A policy that throws is answered
 * with the fallback too, and warned about once.
 */
public final class ControllerActor extends AbstractBehavior<ControllerActor.Command> {
  /** Messages a controller understands. */
  public sealed interface Command {}

  /**
   * An observation to act on.
   *
   * @param update the robot's update
   */
  public record Observe(RobotSystemActor.ObservationUpdate update) implements Command {}

  /**
   * Ask for counts.
   *
   * @param replyTo receives the statistics
   */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /**
   * Counts of a controller's work.
   *
   * @param actions observations answered with the policy's own action
   * @param failures policy calls that threw (answered with the fallback)
   * @param misses observations answered with the fallback because the plan was late or busy
   */
  public record Stats(long actions, long failures, long misses) {}

  private record PlanDone(long step, double[] action, Throwable error) implements Command {}

  private record Deadline(long step) implements Command {}

  /** What the robot gets when the policy cannot answer in time. */
  public sealed interface Fallback {
    /** Repeat the last action sent. */
    record Hold() implements Fallback {}

    /**
     * Send a fixed action.
     *
     * @param action the action, for example the resting action
     */
    record Fixed(Vec action) implements Fallback {}

    /**
     * Ask another, fast policy (for example LQR around the goal).
     *
     * @param policy the fallback policy; it must answer within microseconds
     */
    record Using(Policy policy) implements Fallback {}
  }

  /**
   * How a controller runs.
   *
   * @param deadline time from an observation to its action
   * @param fallback what is sent when the deadline passes
   * @param withSnapshot whether the robot sends exact simulator snapshots (oracle planning)
   */
  public record Settings(Duration deadline, Fallback fallback, boolean withSnapshot) {
    /** Validates the settings. */
    public Settings {
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(fallback, "fallback");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline = " + deadline + ": must be > 0");
      }
    }
  }

  private final TimerScheduler<Command> timers;
  private final Policy policy;
  private final Settings settings;
  private final Executor executor;
  private double[] lastAction;
  private RobotSystemActor.ObservationUpdate current;
  private boolean answered = true;
  private boolean busy;
  private long actions;
  private long failures;
  private long misses;

  private ControllerActor(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Policy policy,
      Settings settings,
      Executor executor,
      double[] restingAction) {
    super(context);
    this.timers = timers;
    this.policy = policy;
    this.settings = settings;
    this.executor = executor;
    this.lastAction = restingAction.clone();
  }

  /**
   * The controller's behaviour; on start it attaches itself to {@code robot}.
   *
   * @param policy computes actions (runs on {@code executor})
   * @param restingAction the action held before the first plan
   * @param settings deadline, fallback and snapshot request
   * @param executor where the policy runs: a dedicated planning pool
   * @param robot the robot to control
   */
  public static Behavior<Command> create(
      Policy policy,
      double[] restingAction,
      Settings settings,
      Executor executor,
      ActorRef<RobotSystemActor.Command> robot) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ActorRef<RobotSystemActor.ObservationUpdate> adapter =
                      ctx.messageAdapter(RobotSystemActor.ObservationUpdate.class, Observe::new);
                  robot.tell(
                      new RobotSystemActor.AttachController(adapter, settings.withSnapshot()));
                  return new ControllerActor(
                      ctx, timers, policy, settings, executor, restingAction);
                }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observe.class, this::onObserve)
        .onMessage(PlanDone.class, this::onPlanDone)
        .onMessage(Deadline.class, this::onDeadline)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onObserve(Observe m) {
    RobotSystemActor.ObservationUpdate u = m.update();
    if (busy) {
      // The previous plan still runs: this step gets the fallback.
      misses++;
      send(u, fallbackAction(u));
      return this;
    }
    current = u;
    answered = false;
    busy = true;
    State state = new State(u.observation(), u.snapshot());
    long step = u.step();
    CompletableFuture<double[]> plan =
        CompletableFuture.supplyAsync(() -> policy.act(state), executor);
    getContext().pipeToSelf(plan, (action, error) -> new PlanDone(step, action, error));
    timers.startSingleTimer("deadline", new Deadline(step), settings.deadline());
    return this;
  }

  private Behavior<Command> onPlanDone(PlanDone d) {
    busy = false;
    if (current == null || d.step() != current.step() || answered) {
      return this; // late: the fallback already went out
    }
    timers.cancel("deadline");
    if (d.error() != null || d.action() == null) {
      failures++;
      if (failures == 1) {
        getContext()
            .getLog()
            .warn(
                "policy for {} failed; sending the fallback: {}",
                current.systemId(),
                d.error() == null ? "no action" : d.error().toString());
      }
      send(current, fallbackAction(current));
    } else {
      actions++;
      send(current, d.action());
    }
    return this;
  }

  private Behavior<Command> onDeadline(Deadline d) {
    if (current != null && d.step() == current.step() && !answered) {
      misses++;
      send(current, fallbackAction(current));
    }
    return this;
  }

  private double[] fallbackAction(RobotSystemActor.ObservationUpdate u) {
    Fallback f = settings.fallback();
    if (f instanceof Fallback.Fixed fixed) {
      return fixed.action().toArray();
    }
    if (f instanceof Fallback.Using using) {
      try {
        return using.policy().act(new State(u.observation(), null));
      } catch (RuntimeException e) {
        return lastAction;
      }
    }
    return lastAction;
  }

  private void send(RobotSystemActor.ObservationUpdate u, double[] action) {
    if (u == current) {
      answered = true;
    }
    lastAction = action.clone();
    u.replyTo().tell(new RobotSystemActor.ApplyAction(u.step(), Vec.of(action)));
  }

  private Behavior<Command> onGetStats(GetStats m) {
    m.replyTo().tell(new Stats(actions, failures, misses));
    return this;
  }
}
