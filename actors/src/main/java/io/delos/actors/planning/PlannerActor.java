package io.delos.actors.planning;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.plan.Plan;
import io.delos.controllers.plan.Planner;
import io.delos.sim.Dynamics;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.task.TaskSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A planner session: owns one planner (MPPI, CEM or iLQR) for a task, plans from the observations
 * it is sent, and keeps the best trajectory of its last plan.
 *
 * <p>Plans run on a planning executor, one at a time; each warm-starts from the previous plan
 * shifted by one step (the caller is assumed to apply the first action). Requests that arrive while
 * a plan runs wait, up to {@link #MAX_QUEUED}; beyond that they are answered busy. Changing cost
 * weights rebuilds the planner, so the next plan starts cold.
 */
public final class PlannerActor extends AbstractBehavior<PlannerActor.Command> {
  /** Plan requests that may wait while one runs. */
  public static final int MAX_QUEUED = 4;

  /** Messages a planner session understands. */
  public sealed interface Command {}

  /**
   * Plan from a state.
   *
   * @param start the current state
   * @param budget wall-clock planning time
   * @param reset forget the warm start first
   * @param replyTo receives the outcome
   */
  public record MakePlan(State start, Duration budget, boolean reset, ActorRef<Outcome> replyTo)
      implements Command {
    /** Validates the request. */
    public MakePlan {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Change cost weights by name (see {@link CostWeights}).
   *
   * @param weights new weights
   * @param replyTo receives the terms after the change, or why it was refused
   */
  public record SetWeights(Map<String, Double> weights, ActorRef<Terms> replyTo)
      implements Command {
    /** Copies the map. */
    public SetWeights {
      weights = Map.copyOf(weights);
    }
  }

  /**
   * Ask for the cost terms and their weights.
   *
   * @param replyTo receives them
   */
  public record GetTerms(ActorRef<Terms> replyTo) implements Command {}

  /**
   * Ask for the last plan.
   *
   * @param replyTo receives it (empty before the first plan)
   */
  public record GetBest(ActorRef<Outcome> replyTo) implements Command {}

  /** End the session. */
  public record Close() implements Command {}

  /**
   * The answer to a plan request or a best-trajectory request.
   *
   * @param plan the plan, or null (busy, failed, or no plan yet)
   * @param elapsedMillis wall-clock planning time, ms
   * @param busy true when the request was refused because too many plans were waiting
   * @param error why planning failed, or null
   */
  public record Outcome(Plan plan, double elapsedMillis, boolean busy, String error) {}

  /**
   * Cost terms, or why a change was refused.
   *
   * @param terms the terms with their weights
   * @param error why the change was refused, or null
   */
  public record Terms(List<CostWeights.NamedTerm> terms, String error) {
    /** Copies the list. */
    public Terms {
      terms = List.copyOf(terms);
    }
  }

  private record PlanDone(MakePlan request, Plan plan, double elapsedMillis, Throwable error)
      implements Command {}

  private final Dynamics dynamics;
  private final Space observations;
  private final Space actions;
  private final Executor executor;
  private TaskSpec task;
  private PlannerSettings settings;
  private Planner planner;
  private boolean busy;
  private final Deque<MakePlan> queued = new ArrayDeque<>();
  private Outcome last;

  private PlannerActor(
      ActorContext<Command> context,
      Dynamics dynamics,
      TaskSpec task,
      Space observations,
      Space actions,
      PlannerSettings settings,
      Executor executor) {
    super(context);
    this.dynamics = dynamics;
    this.task = task;
    this.observations = observations;
    this.actions = actions;
    this.settings = settings;
    this.executor = executor;
    this.planner = build();
  }

  /**
   * A planner session.
   *
   * @param dynamics the model to plan through (may block: it runs on {@code executor})
   * @param task the task whose cost is minimised
   * @param observations the robot's observation space
   * @param actions the robot's action space
   * @param settings the planner and its numbers
   * @param executor where plans run: a dedicated planning pool
   * @throws IllegalArgumentException (at spawn) when the model, the task and the spaces disagree
   */
  public static Behavior<Command> create(
      Dynamics dynamics,
      TaskSpec task,
      Space observations,
      Space actions,
      PlannerSettings settings,
      Executor executor) {
    return Behaviors.setup(
        ctx -> new PlannerActor(ctx, dynamics, task, observations, actions, settings, executor));
  }

  /**
   * The planner a session would run, built once to check that model, task and spaces agree.
   *
   * @throws IllegalArgumentException naming what disagrees
   */
  public static void check(
      Dynamics dynamics,
      TaskSpec task,
      Space observations,
      Space actions,
      PlannerSettings settings) {
    settings.build(
        dynamics,
        new CostFunction(task, observations, actions, settings.constraintWeight()),
        actions);
  }

  private Planner build() {
    return settings.build(
        dynamics,
        new CostFunction(task, observations, actions, settings.constraintWeight()),
        actions);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MakePlan.class, this::onMakePlan)
        .onMessage(PlanDone.class, this::onPlanDone)
        .onMessage(SetWeights.class, this::onSetWeights)
        .onMessage(GetTerms.class, g -> onGetTerms(g.replyTo()))
        .onMessage(
            GetBest.class,
            g -> {
              g.replyTo().tell(last == null ? new Outcome(null, 0, false, null) : last);
              return this;
            })
        .onMessage(Close.class, c -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onMakePlan(MakePlan m) {
    if (busy) {
      if (queued.size() >= MAX_QUEUED) {
        m.replyTo().tell(new Outcome(null, 0, true, null));
      } else {
        queued.addLast(m);
      }
      return this;
    }
    busy = true;
    Planner p = planner;
    CompletableFuture<Plan> plan =
        CompletableFuture.supplyAsync(
            () -> {
              if (m.reset()) {
                p.reset();
              }
              Plan result = p.plan(m.start(), m.budget());
              p.shift();
              return result;
            },
            executor);
    long started = System.nanoTime();
    getContext()
        .pipeToSelf(
            plan,
            (result, error) -> new PlanDone(m, result, (System.nanoTime() - started) / 1e6, error));
    return this;
  }

  private Behavior<Command> onPlanDone(PlanDone d) {
    busy = false;
    if (d.error() != null) {
      Throwable c = d.error().getCause() != null ? d.error().getCause() : d.error();
      d.request()
          .replyTo()
          .tell(
              new Outcome(
                  null,
                  d.elapsedMillis(),
                  false,
                  c.getClass().getSimpleName() + ": " + c.getMessage()));
    } else {
      last = new Outcome(d.plan(), d.elapsedMillis(), false, null);
      d.request().replyTo().tell(last);
    }
    MakePlan next = queued.pollFirst();
    return next == null ? this : onMakePlan(next);
  }

  private Behavior<Command> onSetWeights(SetWeights m) {
    try {
      TaskSpec newTask = CostWeights.apply(task, m.weights());
      PlannerSettings newSettings = settings;
      Double c = m.weights().get(CostWeights.CONSTRAINT);
      if (c != null) {
        if (!(c >= 0)) {
          throw new IllegalArgumentException(
              "weights[" + CostWeights.CONSTRAINT + "] = " + c + ": must be >= 0");
        }
        newSettings = settings.withConstraintWeight(c);
      }
      task = newTask;
      settings = newSettings;
      planner = build();
    } catch (IllegalArgumentException e) {
      m.replyTo()
          .tell(new Terms(CostWeights.terms(task, settings.constraintWeight()), e.getMessage()));
      return this;
    }
    return onGetTerms(m.replyTo());
  }

  private Behavior<Command> onGetTerms(ActorRef<Terms> replyTo) {
    replyTo.tell(new Terms(CostWeights.terms(task, settings.constraintWeight()), null));
    return this;
  }
}
