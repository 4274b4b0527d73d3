package io.delos.controllers.ilqr;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.linalg.Mat;
import io.delos.controllers.plan.Plan;
import io.delos.controllers.plan.PlanStatus;
import io.delos.controllers.support.LinearModel;
import io.delos.sim.Channel;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.task.TaskSpec;
import io.delos.sim.task.Term;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IlqrTest {
  // A double integrator at 0.1 s: position and speed, force input.
  private static final double[][] A = {{1, 0.1}, {0, 1}};
  private static final double[][] B = {{0.005}, {0.1}};
  private static final Space OBS =
      new Space(List.of(Channel.unbounded("p", "m"), Channel.unbounded("v", "m/s")));

  private static TaskSpec quadratic() {
    return new TaskSpec(
        "reach",
        "point",
        100,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new TaskSpec.Success(1, List.of()),
        List.of(
            new Term.Squared("p", 0, 1.0),
            new Term.Squared("v", 0, 0.1),
            new Term.ActionSquared(0.01)),
        List.of(new Term.Squared("p", 0, 10.0)),
        Map.of());
  }

  private static Space actions(double limit) {
    return new Space(List.of(new Channel("f", "N", -limit, limit)));
  }

  /**
   * Finite-horizon LQR by backward Riccati recursion, for the cost Σ (x_{t+1}ᵀ Q x_{t+1} + uₜᵀ R
   * uₜ) + x_Hᵀ Qf x_H: the first action from x₀.
   */
  private static double firstOptimalAction(double[] x0, int horizon) {
    double[][] q = Mat.diag(new double[] {1, 0.1});
    double[][] qf = Mat.diag(new double[] {11, 0.1});
    double[][] r = {{0.01}};
    double[][] p = qf;
    double[][] k = null;
    for (int t = horizon - 1; t >= 0; t--) {
      double[][] bt = Mat.transpose(B);
      double[][] s = Mat.add(r, Mat.mul(bt, Mat.mul(p, B)));
      k = Mat.solve(s, Mat.mul(bt, Mat.mul(p, A)));
      double[][] acl = Mat.sub(A, Mat.mul(B, k));
      double[][] next =
          Mat.add(
              Mat.mul(Mat.transpose(acl), Mat.mul(p, acl)),
              Mat.mul(Mat.transpose(k), Mat.mul(r, k)));
      p = Mat.add(q, next);
      if (t == 0) {
        break;
      }
    }
    return -(k[0][0] * x0[0] + k[0][1] * x0[1]);
  }

  @Test
  void onALinearQuadraticProblemTheFirstActionEqualsTheRiccatiSolution() {
    int horizon = 20;
    LinearModel model = new LinearModel(A, B);
    Space act = actions(1000);
    Ilqr ilqr =
        new Ilqr(
            model,
            new CostFunction(quadratic(), OBS, act, 0),
            act,
            new IlqrSettings(horizon, 20, 1e-5, 1e-9, 1e-8, 0),
            System::nanoTime);
    double[] x0 = {1.0, -0.5};
    Plan plan = ilqr.plan(State.of(x0), Duration.ofSeconds(30));
    double expected = firstOptimalAction(x0, horizon);
    double toleranceNewton = 1e-3;
    assertThat(plan.firstAction()[0])
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(toleranceNewton));
    assertThat(plan.status()).isEqualTo(PlanStatus.CONVERGED);
  }

  @Test
  void actionsRespectTheBoxAndTheCostStillFalls() {
    LinearModel model = new LinearModel(A, B);
    Space act = actions(0.5);
    CostFunction cost = new CostFunction(quadratic(), OBS, act, 0);
    Ilqr ilqr =
        new Ilqr(model, cost, act, new IlqrSettings(30, 30, 1e-5, 1e-6, 1e-9, 0), System::nanoTime);
    Plan plan = ilqr.plan(State.of(2.0, 0), Duration.ofSeconds(30));
    for (int i = 0; i < plan.actions().size(); i++) {
      assertThat(Math.abs(plan.actions().get(i))).isLessThanOrEqualTo(0.5);
    }
    assertThat(plan.firstAction()[0]).isEqualTo(-0.5); // far from the goal: saturated
    double[] zero = new double[30];
    double idle = cost.evaluate(1, 30, model.rollout(List.of(State.of(2.0, 0)), 30, zero), zero)[0];
    assertThat(plan.cost()).isLessThan(idle * 0.8);
  }
}
