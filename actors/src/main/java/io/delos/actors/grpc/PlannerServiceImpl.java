package io.delos.actors.grpc;

import io.delos.actors.planning.CostWeights;
import io.delos.actors.planning.PlannerActor;
import io.delos.actors.planning.PlannerSettings;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.proto.v1.BestTrajectory;
import io.delos.proto.v1.ClosePlannerResponse;
import io.delos.proto.v1.CreatePlannerRequest;
import io.delos.proto.v1.PlanRequest;
import io.delos.proto.v1.PlanResponse;
import io.delos.proto.v1.PlannerInfo;
import io.delos.proto.v1.PlannerRequest;
import io.delos.proto.v1.PlannerServiceGrpc;
import io.delos.proto.v1.SetCostWeightsRequest;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.State;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.task.TaskSpec;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code delos.v1.PlannerService}: planner sessions, each a {@link PlannerActor} planning through a
 * served model.
 */
final class PlannerServiceImpl extends PlannerServiceGrpc.PlannerServiceImplBase
    implements AutoCloseable {
  private static final int MAX_ITERATIONS = 100;

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final GrpcLimits limits;
  private final HostedModels models;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** A live session and what does not change about it. */
  private record Session(ActorRef<PlannerActor.Command> actor, PlannerInfo fixed) {}

  PlannerServiceImpl(
      DelosRuntime runtime, Duration timeout, GrpcLimits limits, HostedModels models) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.limits = limits;
    this.models = models;
  }

  @Override
  public void createPlanner(CreatePlannerRequest r, StreamObserver<PlannerInfo> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the new planner",
        t,
        () -> {
          String family = Problems.requireId("family", r.getFamily());
          if (!Catalogue.families().contains(family)) {
            throw Problems.notFound(
                "family = "
                    + Problems.quote(family)
                    + " is not in the catalogue; families: "
                    + Problems.list(Catalogue.families()));
          }
          RobotSystem system = Catalogue.system(family);
          TaskSpec task;
          if (r.getTask().isEmpty()) {
            task = system.defaultTask();
          } else {
            Problems.requireId("task", r.getTask());
            try {
              task = system.task(r.getTask());
            } catch (IllegalArgumentException e) {
              throw Problems.notFound("task: " + e.getMessage());
            }
          }
          PlannerSettings.Algorithm algorithm =
              PlannerMapper.algorithm(r.getAlgorithm(), r.getAlgorithmValue());
          String modelId = r.getModelId().isEmpty() ? family + "-simulator" : r.getModelId();
          HostedModels.Entry model = models.ready("model_id", modelId);
          if (!model.system.family().equals(family)) {
            throw Problems.invalid(
                "model_id = "
                    + Problems.quote(modelId)
                    + " speaks family "
                    + Problems.quote(model.system.family())
                    + ": choose a model of "
                    + Problems.quote(family));
          }
          range("horizon", r.getHorizon(), 0, limits.maxHorizon(), "max-horizon");
          if (r.getSamples() != 0) {
            range("samples", r.getSamples(), 2, limits.maxBatch(), "max-batch");
          }
          range("iterations", r.getIterations(), 0, MAX_ITERATIONS, null);
          PlannerSettings settings;
          try {
            settings =
                PlannerSettings.resolve(
                    algorithm,
                    family,
                    task.name(),
                    r.getHorizon(),
                    r.getSamples(),
                    r.getIterations(),
                    r.getSeed());
          } catch (IllegalArgumentException e) {
            throw Problems.invalid(e.getMessage());
          }
          Dynamics dynamics = models.dynamics(model, timeout);
          var observations = system.morphology().observationSpace();
          var actions = system.morphology().actionSpace();
          try {
            PlannerActor.check(dynamics, task, observations, actions, settings);
          } catch (IllegalArgumentException e) {
            throw Problems.invalid(e.getMessage());
          }
          String id;
          ActorRef<PlannerActor.Command> actor;
          synchronized (sessions) {
            if (sessions.size() >= limits.maxPlanners()) {
              throw Problems.exhausted(
                  "already "
                      + sessions.size()
                      + " planner sessions (delos.grpc.limits.max-planners); close one first");
            }
            id = "planner-" + ids.incrementAndGet();
            actor =
                runtime
                    .system()
                    .systemActorOf(
                        PlannerActor.create(
                            dynamics,
                            task,
                            observations,
                            actions,
                            settings,
                            runtime.planningExecutor()),
                        "grpc-" + id,
                        Props.empty());
            PlannerInfo fixed =
                PlannerInfo.newBuilder()
                    .setPlannerId(id)
                    .setFamily(family)
                    .setTask(task.name())
                    .setAlgorithm(PlannerMapper.algorithm(algorithm))
                    .setModelId(modelId)
                    .setHorizon(settings.horizon())
                    .setObservationSize(system.observationSize())
                    .setActionSize(system.actionSize())
                    .setControlPeriod(SimConfig.DEFAULT.controlPeriod())
                    .build();
            sessions.put(id, new Session(actor, fixed));
          }
          return terms(id, actor, t);
        });
  }

  private static void range(String field, int value, int low, int high, String limit) {
    if (value < low || value > high) {
      throw Problems.invalid(
          field
              + " = "
              + value
              + ": allowed "
              + low
              + " to "
              + high
              + (limit == null ? "" : " (delos.grpc.limits." + limit + ")")
              + (low == 0 ? ", 0 keeping the built-in setting" : ""));
    }
  }

  @Override
  public void getPlannerInfo(PlannerRequest r, StreamObserver<PlannerInfo> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "planner " + Problems.quote(r.getPlannerId()),
        t,
        () -> {
          Session s = session(r.getPlannerId());
          return terms(r.getPlannerId(), s.actor(), t);
        });
  }

  private CompletionStage<PlannerInfo> terms(
      String id, ActorRef<PlannerActor.Command> actor, Duration t) {
    return AskPattern.<PlannerActor.Command, PlannerActor.Terms>ask(
            actor, PlannerActor.GetTerms::new, t, runtime.system().scheduler())
        .thenApply(terms -> info(id, terms.terms()));
  }

  private PlannerInfo info(String id, List<CostWeights.NamedTerm> terms) {
    Session s = sessions.get(id);
    PlannerInfo.Builder b = PlannerMapper.info(terms);
    return s == null ? b.setPlannerId(id).build() : b.mergeFrom(s.fixed()).build();
  }

  @Override
  public void plan(PlanRequest r, StreamObserver<PlanResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "planner " + Problems.quote(r.getPlannerId()),
        t,
        () -> {
          Session s = session(r.getPlannerId());
          int n = s.fixed().getObservationSize();
          Tensors.Input obs = Tensors.require(r.getObservation(), "observation", "channel");
          obs.requireExtent(0, n, "[" + n + "]");
          if (s.fixed().getModelId().endsWith("-simulator")) {
            for (int i = 0; i < n; i++) {
              if (Math.abs(obs.values()[i]) > WorldModelServiceImpl.SIMULATOR_MAX_ABS) {
                throw Problems.invalid(
                    "observation.data["
                        + i
                        + "] = "
                        + obs.values()[i]
                        + ": the simulator accepts values within +-"
                        + WorldModelServiceImpl.SIMULATOR_MAX_ABS
                        + " (SI units)");
              }
            }
          }
          long maxMs = limits.maxPlanBudget().toMillis();
          if (r.getBudgetMs() < 0 || r.getBudgetMs() > maxMs) {
            throw Problems.invalid(
                "budget_ms = "
                    + r.getBudgetMs()
                    + ": allowed 1 to "
                    + maxMs
                    + " (delos.grpc.limits.max-plan-budget), or 0 for "
                    + limits.defaultPlanBudget().toMillis());
          }
          Duration budget =
              r.getBudgetMs() == 0
                  ? limits.defaultPlanBudget()
                  : Duration.ofMillis(r.getBudgetMs());
          Duration wait = t.plus(budget);
          return AskPattern.<PlannerActor.Command, PlannerActor.Outcome>ask(
                  s.actor(),
                  replyTo ->
                      new PlannerActor.MakePlan(
                          State.of(obs.values()), budget, r.getReset(), replyTo),
                  wait,
                  runtime.system().scheduler())
              .thenApply(
                  o -> {
                    BestTrajectory best = outcome(r.getPlannerId(), o, n);
                    return PlanResponse.newBuilder()
                        .setAction(
                            Tensors.of(
                                o.plan().firstAction(),
                                List.of("channel"),
                                s.fixed().getActionSize()))
                        .setTrajectory(best)
                        .build();
                  });
        });
  }

  private BestTrajectory outcome(String id, PlannerActor.Outcome o, int n) {
    if (o.busy()) {
      throw Problems.exhausted(
          "planner "
              + Problems.quote(id)
              + " already has "
              + PlannerActor.MAX_QUEUED
              + " plans waiting; wait for them");
    }
    if (o.error() != null) {
      throw Problems.unavailable("planner " + Problems.quote(id) + " failed: " + o.error());
    }
    return PlannerMapper.trajectory(o.plan(), o.elapsedMillis(), n);
  }

  @Override
  public void setCostWeights(SetCostWeightsRequest r, StreamObserver<PlannerInfo> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "planner " + Problems.quote(r.getPlannerId()),
        t,
        () -> {
          Session s = session(r.getPlannerId());
          if (r.getWeightsCount() == 0) {
            throw Problems.invalid("weights is empty: name at least one cost term");
          }
          for (Map.Entry<String, Double> w : r.getWeightsMap().entrySet()) {
            if (!Double.isFinite(w.getValue())) {
              throw Problems.invalid(
                  "weights["
                      + Problems.quote(w.getKey())
                      + "] = "
                      + w.getValue()
                      + ": must be finite");
            }
          }
          return AskPattern.<PlannerActor.Command, PlannerActor.Terms>ask(
                  s.actor(),
                  replyTo -> new PlannerActor.SetWeights(r.getWeightsMap(), replyTo),
                  t,
                  runtime.system().scheduler())
              .thenApply(
                  terms -> {
                    if (terms.error() != null) {
                      throw Problems.invalid(terms.error());
                    }
                    return info(r.getPlannerId(), terms.terms());
                  });
        });
  }

  @Override
  public void getBestTrajectory(PlannerRequest r, StreamObserver<BestTrajectory> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "planner " + Problems.quote(r.getPlannerId()),
        t,
        () -> {
          Session s = session(r.getPlannerId());
          return AskPattern.<PlannerActor.Command, PlannerActor.Outcome>ask(
                  s.actor(), PlannerActor.GetBest::new, t, runtime.system().scheduler())
              .thenApply(
                  o -> {
                    if (o.plan() == null) {
                      throw Problems.precondition(
                          "planner "
                              + Problems.quote(r.getPlannerId())
                              + " has not planned yet: call Plan first");
                    }
                    return PlannerMapper.trajectory(
                        o.plan(), o.elapsedMillis(), s.fixed().getObservationSize());
                  });
        });
  }

  @Override
  public void closePlanner(PlannerRequest r, StreamObserver<ClosePlannerResponse> out) {
    Calls.unary(
        out,
        "planner " + Problems.quote(r.getPlannerId()),
        timeout,
        () -> {
          session(r.getPlannerId());
          Session s = sessions.remove(r.getPlannerId());
          if (s != null) {
            s.actor().tell(new PlannerActor.Close());
          }
          return CompletableFuture.completedFuture(ClosePlannerResponse.getDefaultInstance());
        });
  }

  private Session session(String id) {
    Problems.requireId("planner_id", id);
    Session s = sessions.get(id);
    if (s == null) {
      throw Problems.notFound(
          "planner_id = "
              + Problems.quote(id)
              + " names no open planner; open: "
              + Problems.list(sessions.keySet().stream().sorted().toList()));
    }
    return s;
  }

  @Override
  public void close() {
    for (Session s : sessions.values()) {
      s.actor().tell(new PlannerActor.Close());
    }
    sessions.clear();
  }
}
