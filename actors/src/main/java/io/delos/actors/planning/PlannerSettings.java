package io.delos.actors.planning;

import io.delos.controllers.cem.CemSettings;
import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.ilqr.IlqrSettings;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.noise.ActionNoise;
import io.delos.controllers.plan.Planner;
import io.delos.sim.Dynamics;
import io.delos.sim.Space;
import java.util.Objects;

/**
 * Which planner a session runs, with its tunable numbers: a task's built-in settings file when
 * there is one ({@code controllers} resources), else general defaults, with a client's overrides.
 */
public sealed interface PlannerSettings {
  /** The planning algorithms. */
  enum Algorithm {
    /** Model-predictive path integral control. */
    MPPI,
    /** Cross-entropy method (iCEM). */
    CEM,
    /** Box-constrained iterative LQR. */
    ILQR
  }

  /** Planning steps. */
  int horizon();

  /** Weight of the task's soft state constraints. */
  double constraintWeight();

  /** The algorithm. */
  Algorithm algorithm();

  /** These settings with another constraint weight. */
  PlannerSettings withConstraintWeight(double weight);

  /**
   * A planner with these settings.
   *
   * @param dynamics the model to plan through
   * @param cost the task's cost
   * @param actions the action space
   */
  Planner build(Dynamics dynamics, CostFunction cost, Space actions);

  /**
   * MPPI.
   *
   * @param settings its numbers
   */
  record Mppi(MppiSettings settings) implements PlannerSettings {
    /** Validates the choice. */
    public Mppi {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public int horizon() {
      return settings.horizon();
    }

    @Override
    public double constraintWeight() {
      return settings.constraintWeight();
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.MPPI;
    }

    @Override
    public PlannerSettings withConstraintWeight(double w) {
      MppiSettings s = settings;
      return new Mppi(
          new MppiSettings(
              s.samples(),
              s.horizon(),
              s.temperature(),
              s.noiseStd(),
              s.noise(),
              s.iterations(),
              s.smoothingWindow(),
              s.zeroSample(),
              w,
              s.tolerance(),
              s.seed()));
    }

    @Override
    public Planner build(Dynamics dynamics, CostFunction cost, Space actions) {
      return new io.delos.controllers.mppi.Mppi(
          dynamics, cost, actions, settings, System::nanoTime);
    }
  }

  /**
   * CEM.
   *
   * @param settings its numbers
   */
  record Cem(CemSettings settings) implements PlannerSettings {
    /** Validates the choice. */
    public Cem {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public int horizon() {
      return settings.horizon();
    }

    @Override
    public double constraintWeight() {
      return settings.constraintWeight();
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.CEM;
    }

    @Override
    public PlannerSettings withConstraintWeight(double w) {
      CemSettings s = settings;
      return new Cem(
          new CemSettings(
              s.samples(),
              s.horizon(),
              s.elites(),
              s.iterations(),
              s.initialStd(),
              s.minStd(),
              s.momentum(),
              s.noise(),
              s.keepElites(),
              w,
              s.seed()));
    }

    @Override
    public Planner build(Dynamics dynamics, CostFunction cost, Space actions) {
      return new io.delos.controllers.cem.Cem(dynamics, cost, actions, settings, System::nanoTime);
    }
  }

  /**
   * iLQR.
   *
   * @param settings its numbers
   */
  record Ilqr(IlqrSettings settings) implements PlannerSettings {
    /** Validates the choice. */
    public Ilqr {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public int horizon() {
      return settings.horizon();
    }

    @Override
    public double constraintWeight() {
      return settings.constraintWeight();
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.ILQR;
    }

    @Override
    public PlannerSettings withConstraintWeight(double w) {
      IlqrSettings s = settings;
      return new Ilqr(
          new IlqrSettings(
              s.horizon(), s.iterations(), s.epsilon(), s.regularization(), s.tolerance(), w));
    }

    @Override
    public Planner build(Dynamics dynamics, CostFunction cost, Space actions) {
      return new io.delos.controllers.ilqr.Ilqr(
          dynamics, cost, actions, settings, System::nanoTime);
    }
  }

  /**
   * Rethrows {@code e} unless it says that no built-in settings file exists (a file that exists but
   * does not parse must not be replaced by defaults silently).
   */
  private static void requireMissing(IllegalArgumentException e) {
    if (e.getMessage() == null || !e.getMessage().startsWith("no built-in")) {
      throw e;
    }
  }

  /**
   * Settings for {@code robot}'s {@code task}: the built-in file when one exists, else defaults;
   * then the overrides.
   *
   * @param algorithm the planner
   * @param robot catalogue family
   * @param task task name
   * @param horizon planning steps, or 0 to keep the base setting
   * @param samples samples per iteration (MPPI, CEM), or 0 to keep
   * @param iterations iterations per plan, or 0 to keep
   * @param seed noise seed
   * @throws IllegalArgumentException when an override is out of its range
   */
  static PlannerSettings resolve(
      Algorithm algorithm,
      String robot,
      String task,
      int horizon,
      int samples,
      int iterations,
      long seed) {
    return switch (algorithm) {
      case MPPI -> {
        MppiSettings b;
        try {
          b = MppiSettings.builtIn(robot, task);
        } catch (IllegalArgumentException none) {
          requireMissing(none);
          b = new MppiSettings(64, 30, 0.05, 0.5, ActionNoise.white(), 1, 1, true, 100, 1e-3, seed);
        }
        yield new Mppi(
            new MppiSettings(
                samples > 0 ? samples : b.samples(),
                horizon > 0 ? horizon : b.horizon(),
                b.temperature(),
                b.noiseStd(),
                b.noise(),
                iterations > 0 ? iterations : b.iterations(),
                b.smoothingWindow(),
                b.zeroSample(),
                b.constraintWeight(),
                b.tolerance(),
                seed));
      }
      case CEM -> {
        CemSettings b;
        try {
          b = CemSettings.builtIn(robot, task);
        } catch (IllegalArgumentException none) {
          requireMissing(none);
          b = new CemSettings(64, 30, 8, 3, 0.5, 0.02, 0.1, ActionNoise.white(), 2, 100, seed);
        }
        int s = samples > 0 ? samples : b.samples();
        int elites = Math.min(b.elites(), s - 1);
        yield new Cem(
            new CemSettings(
                s,
                horizon > 0 ? horizon : b.horizon(),
                elites,
                iterations > 0 ? iterations : b.iterations(),
                b.initialStd(),
                b.minStd(),
                b.momentum(),
                b.noise(),
                Math.min(b.keepElites(), elites),
                b.constraintWeight(),
                seed));
      }
      case ILQR -> {
        IlqrSettings b;
        try {
          b = IlqrSettings.builtIn(robot, task);
        } catch (IllegalArgumentException none) {
          requireMissing(none);
          b = new IlqrSettings(30, 5, 1e-5, 1e-6, 1e-6, 100);
        }
        yield new Ilqr(
            new IlqrSettings(
                horizon > 0 ? horizon : b.horizon(),
                iterations > 0 ? iterations : b.iterations(),
                b.epsilon(),
                b.regularization(),
                b.tolerance(),
                b.constraintWeight()));
      }
    };
  }
}
