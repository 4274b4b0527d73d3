package io.delos.actors.worldmodel;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.mppi.Mppi;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.plan.RecedingHorizonController;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.State;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.task.Condition;
import io.delos.sim.task.Conditions;
import io.delos.sim.task.TaskSpec;
import io.delos.worldmodel.westworld.WestWorldDynamics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One closed-loop episode of MPPI planning through a model on a simulated robot, judged by the
 * task's reward and success criteria.
 */
public final class ControlEpisode {
  private ControlEpisode() {}

  /**
   * The outcome of an episode.
   *
   * @param totalReward summed task reward
   * @param success the task's success criteria held over its final window without early end
   * @param steps control steps run
   * @param seconds wall time, s
   */
  public record Outcome(double totalReward, boolean success, int steps, double seconds) {}

  /**
   * Runs one episode.
   *
   * @param system the robot
   * @param task its task
   * @param model the dynamics MPPI plans through
   * @param settings MPPI's settings (their seed is replaced by {@code seed})
   * @param seed seeds the start state and the planner's noise
   * @param maxSteps most control steps (the task's own limit applies too)
   */
  public static Outcome run(
      RobotSystem system,
      TaskSpec task,
      Dynamics model,
      MppiSettings settings,
      long seed,
      int maxSteps) {
    MorphologyEnvironment env = system.environment(task);
    CostFunction cost =
        new CostFunction(
            task, env.observationSpace(), env.actionSpace(), settings.constraintWeight());
    Mppi mppi = new Mppi(model, cost, env.actionSpace(), settings.withSeed(seed), System::nanoTime);
    RecedingHorizonController controller =
        new RecedingHorizonController(mppi, Duration.ofSeconds(60));
    List<Condition.Bound> success =
        Conditions.bind(task.success().conditions(), env.observationSpace());
    int window = task.success().window();
    Deque<Boolean> recent = new ArrayDeque<>();
    long t0 = System.nanoTime();
    Vec o = env.reset(seed);
    if (model instanceof WestWorldDynamics w) {
      w.forget();
    }
    double reward = 0;
    int steps = 0;
    boolean early = false;
    int limit = Math.min(maxSteps, task.maxSteps());
    while (steps < limit) {
      double[] a = controller.act(new State(o, env.snapshot()));
      if (model instanceof WestWorldDynamics w) {
        w.remember(o.toArray(), a);
      }
      StepResult r = env.step(a);
      o = r.observation();
      reward += r.reward();
      steps++;
      recent.addLast(Conditions.all(success, o.toArray()));
      if (recent.size() > window) {
        recent.removeFirst();
      }
      if (r.terminated() || (r.truncated() && steps < task.maxSteps())) {
        early = r.terminated();
        break;
      }
      if (r.truncated()) {
        break;
      }
    }
    boolean ok = !early && recent.size() == window && recent.stream().allMatch(b -> b);
    return new Outcome(reward, ok, steps, (System.nanoTime() - t0) / 1e9);
  }
}
