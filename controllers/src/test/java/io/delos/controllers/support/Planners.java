package io.delos.controllers.support;

import io.delos.controllers.cem.Cem;
import io.delos.controllers.cem.CemSettings;
import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.ilqr.Ilqr;
import io.delos.controllers.ilqr.IlqrSettings;
import io.delos.controllers.mppi.Mppi;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.plan.Planner;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Dynamics;
import io.delos.sim.task.TaskSpec;

/** Builds the built-in planner of each kind for a catalogue robot and task. */
public final class Planners {
  private Planners() {}

  /** MPPI, CEM or iLQR with the built-in settings for {@code system}/{@code task}. */
  public static Planner builtIn(
      String kind, RobotSystem system, TaskSpec task, Dynamics model, long seed) {
    var obs = system.morphology().observationSpace();
    var act = system.morphology().actionSpace();
    return switch (kind) {
      case "mppi" -> {
        MppiSettings s = MppiSettings.builtIn(system.id(), task.name()).withSeed(seed);
        yield new Mppi(
            model,
            new CostFunction(task, obs, act, s.constraintWeight()),
            act,
            s,
            System::nanoTime);
      }
      case "cem" -> {
        CemSettings s = CemSettings.builtIn(system.id(), task.name()).withSeed(seed);
        yield new Cem(
            model,
            new CostFunction(task, obs, act, s.constraintWeight()),
            act,
            s,
            System::nanoTime);
      }
      case "ilqr" -> {
        IlqrSettings s = IlqrSettings.builtIn(system.id(), task.name());
        yield new Ilqr(
            model,
            new CostFunction(task, obs, act, s.constraintWeight()),
            act,
            s,
            System::nanoTime);
      }
      default -> throw new IllegalArgumentException("planner '" + kind + "': mppi, cem or ilqr");
    };
  }
}
