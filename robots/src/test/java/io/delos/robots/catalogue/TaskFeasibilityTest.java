package io.delos.robots.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.Space;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.task.Condition;
import io.delos.sim.task.Conditions;
import io.delos.sim.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The control tasks are well posed: a simple hand-written feedback law meets each task's own
 * success criteria within its actuator limits. Planners should do at least as well.
 */
class TaskFeasibilityTest {
  private static final int SEEDS = 5;

  /** Runs one episode with {@code law}; true when the task file's success criteria hold. */
  private static boolean succeeds(
      String family, String task, long seed, Function<double[], double[]> law) {
    RobotSystem system = Catalogue.system(family);
    TaskSpec spec = system.task(task);
    MorphologyEnvironment env = system.environment(spec);
    Space obs = env.observationSpace();
    List<Condition.Bound> success = Conditions.bind(spec.success().conditions(), obs);
    Vec o = env.reset(seed);
    List<double[]> seen = new ArrayList<>();
    StepResult r;
    do {
      r = env.step(env.actionSpace().clip(law.apply(o.toArray())));
      o = r.observation();
      seen.add(o.toArray());
    } while (!r.done());
    if (r.terminated()) {
      return false;
    }
    for (int k = seen.size() - spec.success().window(); k < seen.size(); k++) {
      if (!Conditions.all(success, seen.get(k))) {
        return false;
      }
    }
    return true;
  }

  private static double clip(double x, double limit) {
    return Math.max(-limit, Math.min(limit, x));
  }

  @Test
  void pendulumSwingsUpWithEnergyPumpingAndAPdCatch() {
    // o = [sin θ, cos θ, θ̇]; θ = 0 upright; rod of 1 kg, 1 m: I = 1/3 kg·m², m·g·l/2 = 5 J.
    Function<double[], double[]> law =
        o -> {
          double theta = Math.atan2(o[0], o[1]);
          double rate = o[2];
          if (o[1] > 0.85) {
            return new double[] {clip(-12 * theta - 2.5 * rate, 2)};
          }
          double energy = rate * rate / 6 + 5 * o[1];
          return new double[] {clip(3 * (5 - energy) * Math.signum(rate == 0 ? 1 : rate), 2)};
        };
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(succeeds("pendulum", "swingup", seed, law)).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void quadrotorReachesTheWaypointAndHoversWithCascadedPd() {
    for (String task : List.of("waypoint", "hover")) {
      TaskSpec spec = Catalogue.system("quadrotor").task(task);
      double tx = spec.operatingPoint().get("drone.x");
      double ty = spec.operatingPoint().get("drone.y");
      // o = [x, y, sin, cos, vx, vy, ω]; 1 kg, arm 0.2 m, each rotor 0..9.81 N along body up.
      Function<double[], double[]> law =
          o -> {
            double g = 9.81;
            double ax = clip(2.0 * (tx - o[0]) - 2.2 * o[4], 4);
            double ay = clip(3.0 * (ty - o[1]) - 2.8 * o[5], 6);
            double angle = Math.atan2(o[2], o[3]);
            double want = clip(-Math.atan2(ax, g + ay), 0.6);
            double thrust = (g + ay) / Math.max(0.5, Math.cos(angle));
            double torque = 0.021 * (150 * (want - angle) - 25 * o[6]);
            double right = thrust / 2 + torque / (2 * 0.2);
            double left = thrust / 2 - torque / (2 * 0.2);
            return new double[] {left / 9.81, right / 9.81};
          };
      for (long seed = 0; seed < SEEDS; seed++) {
        assertThat(succeeds("quadrotor", task, seed, law)).as("%s seed %d", task, seed).isTrue();
      }
    }
  }

  @Test
  void reacherGetsWithinTwoCentimetresWithInverseKinematicsAndPd() {
    for (String task : List.of("reach", "reach-left")) {
      TaskSpec spec = Catalogue.system("reacher").task(task);
      Term target = target(spec);
      double l1 = 0.1;
      double l2 = 0.11;
      double d2 = target.x * target.x + target.y * target.y;
      double elbow = Math.acos((d2 - l1 * l1 - l2 * l2) / (2 * l1 * l2));
      // o = [joint0.sin, joint0.cos, joint1, joint0_vel, joint1_vel, tip.x, tip.y, tip.angle]
      Function<double[], double[]> law =
          o -> {
            double q0 = Math.atan2(o[0], o[1]);
            double q1 = o[2];
            // Of the two solutions, the one whose elbow bends the way it already does.
            double q1Goal = q1 >= 0 ? elbow : -elbow;
            double q0Goal =
                Math.atan2(target.y, target.x)
                    - Math.atan2(l2 * Math.sin(q1Goal), l1 + l2 * Math.cos(q1Goal));
            double e0 = Math.IEEEremainder(q0Goal - q0, 2 * Math.PI);
            return new double[] {
              clip(8 * e0 - 1.5 * o[3], 1), clip(6 * (q1Goal - q1) - 0.6 * o[4], 1)
            };
          };
      for (long seed = 0; seed < SEEDS; seed++) {
        assertThat(succeeds("reacher", task, seed, law)).as("%s seed %d", task, seed).isTrue();
      }
    }
  }

  private record Term(double x, double y) {}

  private static Term target(TaskSpec spec) {
    for (var t : spec.reward()) {
      if (t instanceof io.delos.sim.task.Term.Distance d) {
        return new Term(d.target().get(0), d.target().get(1));
      }
    }
    throw new AssertionError("no distance term in " + spec.name());
  }
}
