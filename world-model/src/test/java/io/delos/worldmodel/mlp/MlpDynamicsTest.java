package io.delos.worldmodel.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.worldmodel.linear.LeastSquaresDynamics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpDynamicsTest {
  /** Random-action episodes of the cart-pole swing-up task (pole starting down, swinging). */
  static List<Trajectory> data(int episodes, long seed) {
    RobotSystem sys = Catalogue.system("cartpole");
    List<Trajectory> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(seed);
    for (int e = 0; e < episodes; e++) {
      MorphologyEnvironment env = sys.environment(sys.task("swingup"));
      Vec o = env.reset(seed * 1000 + e);
      Trajectory.Builder b = Trajectory.builder("cartpole", 5, 1);
      double u = 0;
      for (int k = 0; k < 150; k++) {
        u = 0.8 * u + 0.2 * r.nextDouble(-1, 1) * 3; // smooth random force
        double[] a = {Math.max(-1, Math.min(1, u))};
        StepResult s = env.step(a);
        b.add(k * 0.02, o.toArray(), a, s.reward(), k == 0 ? StepFlags.RESET : 0);
        o = s.observation();
        if (s.done()) {
          b.markLast(StepFlags.TERMINATED);
          break;
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private static double rolloutError(
      io.delos.sim.Dynamics model, List<Trajectory> test, int horizon) {
    double sum = 0;
    int count = 0;
    for (Trajectory t : test) {
      for (int k = 0; k + horizon < t.length(); k += 10) {
        double[] actions = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          actions[h] = t.action(k + h, 0);
        }
        double[] p = model.rollout(List.of(State.of(t.observation(k))), horizon, actions);
        for (int c = 0; c < 5; c++) {
          double d = p[(horizon - 1) * 5 + c] - t.observation(k + horizon, c);
          sum += d * d;
        }
        count++;
      }
    }
    return sum / count;
  }

  @Test
  void learnsCartPoleDynamicsFarBetterThanALinearModel() {
    List<Trajectory> train = data(60, 1);
    List<Trajectory> test = data(10, 2);
    try (MlpDynamics mlp = MlpDynamics.train(train, MlpConfig.small(3))) {
      LeastSquaresDynamics linear = LeastSquaresDynamics.fit(train, 1e-6);
      double mlpError = rolloutError(mlp, test, 10);
      double linearError = rolloutError(linear, test, 10);
      assertThat(mlp.validationLoss()).isLessThan(0.05);
      assertThat(mlpError).isLessThan(linearError / 3);
    }
  }
}
