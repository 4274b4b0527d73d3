package io.delos.actors.grpc;

import io.delos.actors.planning.CostWeights;
import io.delos.actors.planning.PlannerSettings;
import io.delos.controllers.plan.Plan;
import io.delos.proto.v1.BestTrajectory;
import io.delos.proto.v1.CostTerm;
import io.delos.proto.v1.PlanStatus;
import io.delos.proto.v1.PlannerAlgorithm;
import io.delos.proto.v1.PlannerInfo;
import java.util.List;

/** Converts between planner sessions and {@code delos.v1} planner messages. */
final class PlannerMapper {
  private static final List<String> STEPS = List.of("time", "channel");

  private PlannerMapper() {}

  /**
   * The algorithm a request asks for.
   *
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} for an unknown value
   */
  static PlannerSettings.Algorithm algorithm(PlannerAlgorithm a, int raw) {
    return switch (a) {
      case PLANNER_ALGORITHM_UNSPECIFIED, PLANNER_ALGORITHM_MPPI -> PlannerSettings.Algorithm.MPPI;
      case PLANNER_ALGORITHM_CEM -> PlannerSettings.Algorithm.CEM;
      case PLANNER_ALGORITHM_ILQR -> PlannerSettings.Algorithm.ILQR;
      case UNRECOGNIZED ->
          throw Problems.invalid(
              "algorithm = "
                  + raw
                  + ": allowed PLANNER_ALGORITHM_MPPI (1), _CEM (2), _ILQR (3), or 0 for MPPI");
    };
  }

  static PlannerAlgorithm algorithm(PlannerSettings.Algorithm a) {
    return switch (a) {
      case MPPI -> PlannerAlgorithm.PLANNER_ALGORITHM_MPPI;
      case CEM -> PlannerAlgorithm.PLANNER_ALGORITHM_CEM;
      case ILQR -> PlannerAlgorithm.PLANNER_ALGORITHM_ILQR;
    };
  }

  static PlannerInfo.Builder info(List<CostWeights.NamedTerm> terms) {
    PlannerInfo.Builder b = PlannerInfo.newBuilder();
    for (CostWeights.NamedTerm t : terms) {
      b.addCostTerms(
          CostTerm.newBuilder()
              .setName(t.name())
              .setWeight(t.weight())
              .setDescription(t.description()));
    }
    return b;
  }

  static BestTrajectory trajectory(Plan plan, double elapsedMillis, int n) {
    int horizon = plan.horizon();
    int m = plan.actions().size() / horizon;
    BestTrajectory.Builder b =
        BestTrajectory.newBuilder()
            .setActions(Tensors.of(plan.actions().toArray(), STEPS, horizon, m))
            .setCost(plan.cost())
            .setStatus(status(plan))
            .setIterations(plan.iterations())
            .setElapsedMs(elapsedMillis);
    if (plan.predicted().size() == horizon * n && n > 0) {
      b.setObservations(Tensors.of(plan.predicted().toArray(), STEPS, horizon, n));
    }
    return b.build();
  }

  private static PlanStatus status(Plan plan) {
    return switch (plan.status()) {
      case CONVERGED -> PlanStatus.PLAN_STATUS_CONVERGED;
      case BUDGET_HIT -> PlanStatus.PLAN_STATUS_BUDGET_HIT;
      case INFEASIBLE -> PlanStatus.PLAN_STATUS_INFEASIBLE;
    };
  }
}
