package io.delos.controllers.support;

import io.delos.controllers.Policy;
import io.delos.sim.State;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.task.Condition;
import io.delos.sim.task.Conditions;
import io.delos.sim.task.TaskSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Runs a policy in closed loop on an environment and judges success by the task's criteria. */
public final class ClosedLoop {
  private ClosedLoop() {}

  /**
   * The outcome of an episode.
   *
   * @param success the task's success criteria held over the final window, without early end
   * @param steps steps run
   * @param totalReward summed reward
   * @param last the last observation
   */
  public record Outcome(boolean success, int steps, double totalReward, Vec last) {}

  /** Runs one episode of {@code task} on {@code env} from {@code seed}. */
  public static Outcome run(
      MorphologyEnvironment env, TaskSpec task, Policy policy, long seed, boolean withSnapshot) {
    policy.reset();
    Vec o = env.reset(seed);
    List<Condition.Bound> success =
        Conditions.bind(task.success().conditions(), env.observationSpace());
    int window = task.success().window();
    Deque<Boolean> recent = new ArrayDeque<>();
    double reward = 0;
    int steps = 0;
    boolean terminatedEarly = false;
    boolean reach = task.success().mode() == TaskSpec.Success.Mode.REACH;
    int consecutive = 0;
    while (true) {
      State s = new State(o, withSnapshot ? env.snapshot() : null);
      StepResult r = env.step(policy.act(s));
      o = r.observation();
      reward += r.reward();
      steps++;
      boolean holds = Conditions.all(success, o.toArray());
      recent.addLast(holds);
      if (recent.size() > window) {
        recent.removeFirst();
      }
      consecutive = holds ? consecutive + 1 : 0;
      if (reach && consecutive >= window) {
        return new Outcome(true, steps, reward, o);
      }
      if (r.terminated() || (r.truncated() && steps < task.maxSteps())) {
        terminatedEarly = true;
        break;
      }
      if (r.truncated()) {
        break;
      }
    }
    boolean ok = !terminatedEarly && recent.size() == window && recent.stream().allMatch(b -> b);
    return new Outcome(ok, steps, reward, o);
  }
}
