package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.delos.proto.v1.BestTrajectory;
import io.delos.proto.v1.CostTerm;
import io.delos.proto.v1.CreatePlannerRequest;
import io.delos.proto.v1.PlanRequest;
import io.delos.proto.v1.PlanResponse;
import io.delos.proto.v1.PlannerAlgorithm;
import io.delos.proto.v1.PlannerInfo;
import io.delos.proto.v1.PlannerRequest;
import io.delos.proto.v1.PlannerServiceGrpc;
import io.delos.proto.v1.SetCostWeightsRequest;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlannerServiceTest {
  /** Largest pole angle allowed while balancing, rad. */
  private static final double ANGLE_BOUND = 0.3;

  private static InProcessDelos delos;
  private static PlannerServiceGrpc.PlannerServiceBlockingStub planners;
  private static final RobotSystem CARTPOLE = Catalogue.system("cartpole");

  @BeforeAll
  static void start() {
    delos = new InProcessDelos("delos.grpc.limits { max-planners = 3, max-plan-budget = 1s }");
    planners =
        PlannerServiceGrpc.newBlockingStub(delos.channel).withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  private static PlannerInfo create(PlannerAlgorithm algorithm, int horizon, int samples) {
    return planners.createPlanner(
        CreatePlannerRequest.newBuilder()
            .setFamily("cartpole")
            .setTask("balance")
            .setAlgorithm(algorithm)
            .setHorizon(horizon)
            .setSamples(samples)
            .setSeed(5)
            .build());
  }

  private static void close(PlannerInfo p) {
    planners.closePlanner(PlannerRequest.newBuilder().setPlannerId(p.getPlannerId()).build());
  }

  @Test
  void mppiThroughTheServedSimulatorBalancesThePoleInClosedLoop() {
    PlannerInfo p = create(PlannerAlgorithm.PLANNER_ALGORITHM_MPPI, 20, 32);
    try {
      MorphologyEnvironment env = CARTPOLE.environment(CARTPOLE.task("balance"));
      Vec o = env.reset(11);
      double maxAngle = 0;
      for (int k = 0; k < 100; k++) {
        PlanResponse plan =
            planners.plan(
                PlanRequest.newBuilder()
                    .setPlannerId(p.getPlannerId())
                    .setObservation(tensor(o.toArray(), 5))
                    .setBudgetMs(500)
                    .build());
        StepResult s = env.step(new double[] {plan.getAction().getData(0)});
        assertThat(s.terminated()).as("pole fell at step %d", k).isFalse();
        o = s.observation();
        maxAngle = Math.max(maxAngle, Math.abs(Math.atan2(o.get(1), o.get(2))));
      }
      assertThat(maxAngle).isLessThan(ANGLE_BOUND);
    } finally {
      close(p);
    }
  }

  @Test
  void eachAlgorithmPlansAndKeepsItsBestTrajectory() {
    for (PlannerAlgorithm a :
        new PlannerAlgorithm[] {
          PlannerAlgorithm.PLANNER_ALGORITHM_MPPI,
          PlannerAlgorithm.PLANNER_ALGORITHM_CEM,
          PlannerAlgorithm.PLANNER_ALGORITHM_ILQR
        }) {
      PlannerInfo p = create(a, 10, 16);
      try {
        assertThat(p.getAlgorithm()).isEqualTo(a);
        assertThat(p.getHorizon()).isEqualTo(10);
        assertThat(p.getModelId()).isEqualTo("cartpole-simulator");
        String d =
            fails(
                Status.Code.FAILED_PRECONDITION,
                () ->
                    planners.getBestTrajectory(
                        PlannerRequest.newBuilder().setPlannerId(p.getPlannerId()).build()));
        assertThat(d).contains("Plan first");
        double[] start = CARTPOLE.environment(CARTPOLE.task("balance")).reset(2).toArray();
        PlanResponse plan =
            planners.plan(
                PlanRequest.newBuilder()
                    .setPlannerId(p.getPlannerId())
                    .setObservation(tensor(start, 5))
                    .build());
        assertThat(plan.getAction().getShapeList()).containsExactly(1L);
        assertThat(plan.getTrajectory().getActions().getShapeList()).containsExactly(10L, 1L);
        BestTrajectory best =
            planners.getBestTrajectory(
                PlannerRequest.newBuilder().setPlannerId(p.getPlannerId()).build());
        assertThat(best.getCost()).isEqualTo(plan.getTrajectory().getCost());
        assertThat(best.getActions()).isEqualTo(plan.getTrajectory().getActions());
      } finally {
        close(p);
      }
    }
  }

  @Test
  void costWeightsAreNamedAndChangedByName() {
    PlannerInfo p = create(PlannerAlgorithm.PLANNER_ALGORITHM_MPPI, 10, 16);
    try {
      List<String> names = new ArrayList<>();
      for (CostTerm t : p.getCostTermsList()) {
        names.add(t.getName());
        assertThat(t.getDescription()).isNotBlank();
      }
      assertThat(names).contains("constraint");
      String first = names.get(0);
      PlannerInfo changed =
          planners.setCostWeights(
              SetCostWeightsRequest.newBuilder()
                  .setPlannerId(p.getPlannerId())
                  .putWeights(first, 7.5)
                  .putWeights("constraint", 3)
                  .build());
      assertThat(changed.getCostTermsList())
          .filteredOn(t -> t.getName().equals(first))
          .extracting(CostTerm::getWeight)
          .containsExactly(7.5);
      assertThat(changed.getCostTermsList())
          .filteredOn(t -> t.getName().equals("constraint"))
          .extracting(CostTerm::getWeight)
          .containsExactly(3.0);
      assertThat(changed.getFamily()).isEqualTo("cartpole");
      String d =
          fails(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  planners.setCostWeights(
                      SetCostWeightsRequest.newBuilder()
                          .setPlannerId(p.getPlannerId())
                          .putWeights("nonsense", 1)
                          .build()));
      assertThat(d).contains("nonsense").contains(first);
      fails(
          Status.Code.INVALID_ARGUMENT,
          () ->
              planners.setCostWeights(
                  SetCostWeightsRequest.newBuilder()
                      .setPlannerId(p.getPlannerId())
                      .putWeights(first, Double.NaN)
                      .build()));
      fails(
          Status.Code.INVALID_ARGUMENT,
          () ->
              planners.setCostWeights(
                  SetCostWeightsRequest.newBuilder()
                      .setPlannerId(p.getPlannerId())
                      .putWeights("constraint", -1)
                      .build()));
    } finally {
      close(p);
    }
  }

  @Test
  void badRequestsAreAnsweredWithTheRightCodes() {
    fails(
        Status.Code.NOT_FOUND,
        () ->
            planners.createPlanner(CreatePlannerRequest.newBuilder().setFamily("unicorn").build()));
    fails(
        Status.Code.NOT_FOUND,
        () ->
            planners.createPlanner(
                CreatePlannerRequest.newBuilder().setFamily("cartpole").setTask("fly").build()));
    String d =
        fails(
            Status.Code.FAILED_PRECONDITION,
            () ->
                planners.createPlanner(
                    CreatePlannerRequest.newBuilder()
                        .setFamily("cartpole")
                        .setModelId("cartpole-mlp")
                        .build()));
    assertThat(d).contains("FineTune");
    fails(
        Status.Code.INVALID_ARGUMENT,
        () ->
            planners.createPlanner(
                CreatePlannerRequest.newBuilder().setFamily("cartpole").setHorizon(-1).build()));
    fails(
        Status.Code.INVALID_ARGUMENT,
        () ->
            planners.createPlanner(
                CreatePlannerRequest.newBuilder()
                    .setFamily("cartpole")
                    .setAlgorithmValue(42)
                    .build()));
    fails(
        Status.Code.NOT_FOUND,
        () -> planners.plan(PlanRequest.newBuilder().setPlannerId("planner-999").build()));

    PlannerInfo p = create(PlannerAlgorithm.PLANNER_ALGORITHM_CEM, 5, 8);
    try {
      d =
          fails(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  planners.plan(
                      PlanRequest.newBuilder()
                          .setPlannerId(p.getPlannerId())
                          .setObservation(tensor(new double[4], 4))
                          .build()));
      assertThat(d).contains("observation.shape = [4]");
      d =
          fails(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  planners.plan(
                      PlanRequest.newBuilder()
                          .setPlannerId(p.getPlannerId())
                          .setObservation(tensor(new double[] {0, 0, 1, 0, 0}, 5))
                          .setBudgetMs(5000)
                          .build()));
      assertThat(d).contains("budget_ms = 5000").contains("1 to 1000");
    } finally {
      close(p);
    }
  }

  @Test
  void sessionsBeyondTheLimitAreResourceExhaustedAndClosedOnesAreGone() {
    List<PlannerInfo> open = new ArrayList<>();
    try {
      String d = null;
      for (int i = 0; i < 4 && d == null; i++) {
        try {
          open.add(create(PlannerAlgorithm.PLANNER_ALGORITHM_MPPI, 5, 4));
        } catch (io.grpc.StatusRuntimeException e) {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          d = e.getStatus().getDescription();
        }
      }
      assertThat(d).contains("max-planners");
    } finally {
      open.forEach(PlannerServiceTest::close);
    }
    PlannerInfo gone = open.get(0);
    fails(
        Status.Code.NOT_FOUND,
        () ->
            planners.getPlannerInfo(
                PlannerRequest.newBuilder().setPlannerId(gone.getPlannerId()).build()));
  }
}
