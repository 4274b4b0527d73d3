package io.delos.sim.task;

import io.delos.sim.Space;
import io.delos.sim.morphology.Pose;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A {@link Task} that evaluates a {@link TaskSpec} against one robot's observation layout. */
public final class SpecTask implements Task {
  private final TaskSpec spec;
  private final List<Term.Bound> reward;
  private final List<Condition.Bound> stayWithin;
  private final List<Condition.Bound> goal;

  /**
   * Binds the spec to a robot.
   *
   * @param spec the task
   * @param observations the robot's observation space
   * @param actions the robot's action space
   * @throws IllegalArgumentException when the spec names a channel the robot lacks
   */
  public SpecTask(TaskSpec spec, Space observations, Space actions) {
    this.spec = spec;
    this.reward = new ArrayList<>();
    for (Term t : spec.reward()) {
      reward.add(t.bind(observations, actions));
    }
    this.stayWithin = Conditions.bind(spec.stayWithin(), observations);
    this.goal =
        spec.success().mode() == TaskSpec.Success.Mode.REACH && spec.success().window() == 1
            ? Conditions.bind(spec.success().conditions(), observations)
            : List.of();
  }

  /** The spec. */
  public TaskSpec spec() {
    return spec;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public void initialize(InitialState robot, SplittableRandom random) {
    for (TaskSpec.JointStart j : spec.jointStarts()) {
      robot.setJoint(j.joint(), j.position().draw(random), j.velocity().draw(random));
    }
    for (TaskSpec.RootStart r : spec.rootStarts()) {
      Pose pose = new Pose(r.x().draw(random), r.y().draw(random), r.angle().draw(random));
      robot.setRoot(
          r.body(), pose, r.vx().draw(random), r.vy().draw(random), r.omega().draw(random));
    }
  }

  @Override
  public double reward(double[] observation, double[] action, double[] next) {
    double sum = 0;
    for (Term.Bound t : reward) {
      sum += t.value(next, action);
    }
    return sum;
  }

  /**
   * True when a {@code stayWithin} condition fails, or, for a one-step {@link
   * TaskSpec.Success.Mode#REACH} goal, when the goal is reached.
   */
  @Override
  public boolean terminated(double[] observation) {
    if (!Conditions.all(stayWithin, observation)) {
      return true;
    }
    return !goal.isEmpty() && Conditions.all(goal, observation);
  }

  @Override
  public int maxSteps() {
    return spec.maxSteps();
  }
}
