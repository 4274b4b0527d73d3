package io.delos.sim.task;

import io.delos.sim.Space;
import java.util.List;

/**
 * Judges an episode by its task's success criteria (see {@link TaskSpec.Success}).
 *
 * <p>Threading: stateful; one per episode.
 */
public final class SuccessCriteria {
  private final TaskSpec.Success success;
  private final List<Condition.Bound> conditions;
  private int consecutive;
  private int steps;
  private boolean reached;

  /** Binds the task's success conditions to a robot's observation space. */
  public SuccessCriteria(TaskSpec task, Space observations) {
    this.success = task.success();
    this.conditions = Conditions.bind(success.conditions(), observations);
  }

  /** Records the observation after a step. */
  public void observe(double[] observation) {
    steps++;
    if (Conditions.all(conditions, observation)) {
      consecutive++;
    } else {
      consecutive = 0;
    }
    if (consecutive >= success.window()) {
      reached = true;
    }
  }

  /** True once a REACH task's conditions have held for its window. */
  public boolean reached() {
    return reached;
  }

  /**
   * The verdict.
   *
   * @param endedEarly the episode terminated (or failed) before its time limit
   * @return for REACH tasks, whether the goal was reached; for HOLD tasks, whether the conditions
   *     held over the final window of an episode that ran its full length
   */
  public boolean succeeded(boolean endedEarly) {
    if (success.mode() == TaskSpec.Success.Mode.REACH) {
      return reached;
    }
    return !endedEarly && steps >= success.window() && consecutive >= success.window();
  }
}
