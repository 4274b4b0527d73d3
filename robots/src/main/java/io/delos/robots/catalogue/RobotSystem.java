package io.delos.robots.catalogue;

import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.SpecTask;
import io.delos.sim.task.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * One robot system: a stable id, its family, its morphology and the tasks written for it.
 *
 * @param id stable system id, for example {@code "cartpole"} or {@code "reacher-4link-v03"}
 * @param family catalogue family, for example {@code "reacher"}
 * @param morphology the robot
 * @param tasks the tasks, first one the default
 */
public record RobotSystem(String id, String family, Morphology morphology, List<TaskSpec> tasks) {
  /** Validates the system. */
  public RobotSystem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(morphology, "morphology");
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("system '" + id + "' has no tasks");
    }
  }

  /** The task called {@code name}. */
  public TaskSpec task(String name) {
    for (TaskSpec t : tasks) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "system '"
            + id
            + "' has no task '"
            + name
            + "'; tasks: "
            + tasks.stream().map(TaskSpec::name).toList());
  }

  /** The default task. */
  public TaskSpec defaultTask() {
    return tasks.get(0);
  }

  /** Number of observation channels. */
  public int observationSize() {
    return morphology.observationSpace().size();
  }

  /** Number of action channels. */
  public int actionSize() {
    return morphology.actionSpace().size();
  }

  /** A fresh environment running {@code task} at the default rates. */
  public MorphologyEnvironment environment(TaskSpec task) {
    return environment(task, SimConfig.DEFAULT);
  }

  /** A fresh environment running {@code task}. */
  public MorphologyEnvironment environment(TaskSpec task, SimConfig config) {
    SpecTask bound = new SpecTask(task, morphology.observationSpace(), morphology.actionSpace());
    return new MorphologyEnvironment(morphology, bound, config);
  }
}
