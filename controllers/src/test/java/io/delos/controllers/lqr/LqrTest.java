package io.delos.controllers.lqr;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.State;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LqrTest {
  @Test
  void lqrFromTheSimulatorsLinearisationBalancesTheCartPoleFromPointTwoRadiansEveryTime() {
    RobotSystem cartpole = Catalogue.system("cartpole");
    TaskSpec balance = cartpole.task("balance");
    TaskSpec fromTilt =
        new TaskSpec(
            balance.name(),
            balance.robot(),
            500,
            List.of(
                new TaskSpec.JointStart(
                    "hinge", new TaskSpec.Range(0.2, 0.2), TaskSpec.Range.ZERO)),
            List.of(),
            balance.reward(),
            List.of(),
            balance.success(),
            balance.cost(),
            balance.terminalCost(),
            balance.operatingPoint());
    SimulatorDynamics oracle = new SimulatorDynamics(cartpole.morphology(), SimConfig.DEFAULT);
    Lqr lqr =
        LqrSettings.builtIn("cartpole", "balance")
            .design(
                oracle,
                balance,
                cartpole.morphology().observationSpace(),
                cartpole.morphology().actionSpace());

    for (int seed = 0; seed < 20; seed++) {
      MorphologyEnvironment env = cartpole.environment(fromTilt);
      Vec o = env.reset(seed);
      double worst = 0;
      for (int k = 0; k < 500; k++) {
        StepResult r = env.step(lqr.act(new State(o, null)));
        o = r.observation();
        worst = Math.max(worst, Math.abs(Math.atan2(o.get(1), o.get(2))));
      }
      assertThat(worst).as("seed %d", seed).isLessThan(0.2);
      assertThat(Math.abs(o.get(0))).isLessThan(0.05);
    }
  }
}
