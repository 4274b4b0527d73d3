package io.delos.sim.box2d;

import io.delos.sim.EndReason;
import io.delos.sim.Environment;
import io.delos.sim.Snapshot;
import io.delos.sim.Space;
import io.delos.sim.StepInfo;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Pose;
import io.delos.sim.task.InitialState;
import io.delos.sim.task.Task;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A morphology and a task, simulated in JBox2D, as a Gymnasium-style {@link Environment}.
 *
 * <p>Each {@link #reset} builds a fresh world (drawing new physical parameters when domain
 * randomisation is on), so an episode depends only on its seed, the configuration and the actions:
 * the same inputs give bit-identical observations on any thread.
 *
 * <p>A world that produces a non-finite value or a runaway speed ends the episode as truncated,
 * with the reason in {@link StepInfo#endReason()}, and returns the last finite observation.
 *
 * <p>Threading: confined to one thread at a time.
 */
public final class MorphologyEnvironment implements Environment {
  private final Morphology morphology;
  private final Task task;
  private final SimConfig config;
  private final DomainRandomization randomization;
  private final Space observationSpace;
  private final Space actionSpace;

  private RobotWorld world;
  private Recipe recipe;
  private double[] observation;
  private int steps;
  private boolean done = true;

  /** How a world was built: enough to build an equal one. */
  private record Recipe(Morphology morphology, SimConfig config)
      implements SimulatorDynamics.MorphologyEnvironmentRecipe {}

  /** What the environment keeps beside the world in a snapshot. */
  private record Counters(Morphology base, int steps, boolean done, Vec observation) {}

  /**
   * Creates an environment with fixed physical parameters.
   *
   * @param morphology the robot
   * @param task what the robot is asked to do
   * @param config physics rates and limits
   */
  public MorphologyEnvironment(Morphology morphology, Task task, SimConfig config) {
    this(morphology, task, config, null);
  }

  /**
   * Creates an environment that draws new physical parameters at every reset.
   *
   * @param morphology the robot
   * @param task what the robot is asked to do
   * @param config physics rates and limits
   * @param randomization ranges for the parameters, or {@code null} for none
   */
  public MorphologyEnvironment(
      Morphology morphology, Task task, SimConfig config, DomainRandomization randomization) {
    this.morphology = Objects.requireNonNull(morphology, "morphology");
    this.task = Objects.requireNonNull(task, "task");
    this.config = Objects.requireNonNull(config, "config");
    this.randomization = randomization;
    this.observationSpace = morphology.observationSpace();
    this.actionSpace = morphology.actionSpace();
  }

  /** The robot. */
  public Morphology morphology() {
    return morphology;
  }

  /** The task. */
  public Task task() {
    return task;
  }

  /** The physics configuration. */
  public SimConfig config() {
    return config;
  }

  /** The current world, for rendering and inspection; {@code null} before the first reset. */
  public RobotWorld world() {
    return world;
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public double controlPeriod() {
    return config.controlPeriod();
  }

  @Override
  public double time() {
    return world == null ? 0 : world.time();
  }

  /** Control steps taken in the current episode. */
  public int steps() {
    return steps;
  }

  @Override
  public Vec reset(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PhysicsVariation variation =
        randomization == null ? PhysicsVariation.NONE : randomization.sample(random.split());
    Morphology varied = variation.apply(morphology);
    recipe = new Recipe(varied, config);
    world = new RobotWorld(varied, config);
    Initializer init = new Initializer(varied);
    task.initialize(init, random);
    world.place(init.rootPoses, init.rootVelocities, init.q, init.qd);
    observation = new double[observationSpace.size()];
    world.observe(observation);
    steps = 0;
    done = false;
    if (!isFinite(observation)) {
      throw new IllegalStateException(
          "initial observation of '"
              + morphology.name()
              + "' is not finite: "
              + Arrays.toString(observation));
    }
    return Vec.of(observation);
  }

  @Override
  public StepResult step(double[] action) {
    if (world == null) {
      throw new IllegalStateException("step before reset: call reset(seed) first");
    }
    if (done) {
      throw new IllegalStateException(
          "step after the episode ended (after " + steps + " steps): call reset(seed)");
    }
    actionSpace.requireValid(action, "action");
    boolean wasClipped = !actionSpace.contains(action);
    double[] clipped = wasClipped ? actionSpace.clip(action) : action;
    world.setAction(clipped);
    world.controlStep();
    steps++;

    double[] next = new double[observationSpace.size()];
    world.observe(next);
    EndReason reason = EndReason.NONE;
    if (!world.isFinite() || !isFinite(next)) {
      reason = EndReason.PHYSICS_NOT_FINITE;
    } else if (world.isRunaway()) {
      reason = EndReason.PHYSICS_RUNAWAY;
    }
    if (reason != EndReason.NONE) {
      done = true;
      return new StepResult(
          Vec.of(observation), 0, false, true, new StepInfo(world.time(), reason, wasClipped));
    }
    double reward = task.reward(observation, clipped, next);
    boolean terminated = task.terminated(next);
    boolean truncated = !terminated && steps >= task.maxSteps();
    if (terminated) {
      reason = EndReason.TASK_TERMINATED;
    } else if (truncated) {
      reason = EndReason.TIME_LIMIT;
    }
    observation = next;
    done = terminated || truncated;
    return new StepResult(
        Vec.of(next),
        reward,
        terminated,
        truncated,
        new StepInfo(world.time(), reason, wasClipped));
  }

  /** The current observation, or {@code null} before the first reset. */
  public Vec observation() {
    return observation == null ? null : Vec.of(observation);
  }

  /** True when the current episode has ended (or none has started). */
  public boolean isDone() {
    return done;
  }

  @Override
  public Snapshot snapshot() {
    if (world == null) {
      throw new IllegalStateException("snapshot before reset: call reset(seed) first");
    }
    return WorldSnapshot.capture(
        world, recipe, new Counters(morphology, steps, done, Vec.of(observation)));
  }

  @Override
  public void restore(Snapshot snapshot) {
    if (!(snapshot instanceof WorldSnapshot s)
        || !(s.extra() instanceof Counters c)
        || !(s.recipe() instanceof Recipe r)) {
      throw new IllegalArgumentException(
          "snapshot " + snapshot + " was not made by a MorphologyEnvironment");
    }
    if (c.base() != morphology && !c.base().equals(morphology)) {
      throw new IllegalArgumentException(
          "snapshot of robot '"
              + c.base().name()
              + "' cannot be restored into '"
              + morphology.name()
              + "'");
    }
    if (world == null || (r != recipe && !r.equals(recipe))) {
      world = new RobotWorld(r.morphology(), r.config());
      recipe = r;
    }
    s.restoreInto(world);
    steps = c.steps();
    done = c.done();
    observation = c.observation().toArray();
  }

  private static boolean isFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** Collects a task's initial state, then hands it to {@link RobotWorld#place}. */
  private static final class Initializer implements InitialState {
    private final Morphology m;
    final Pose[] rootPoses;
    final double[][] rootVelocities;
    final double[] q;
    final double[] qd;

    Initializer(Morphology m) {
      this.m = m;
      rootPoses = new Pose[m.bodies().size()];
      rootVelocities = new double[m.bodies().size()][];
      q = new double[m.joints().size()];
      qd = new double[m.joints().size()];
    }

    @Override
    public Morphology morphology() {
      return m;
    }

    @Override
    public void setJoint(String joint, double position, double velocity) {
      if (!Double.isFinite(position) || !Double.isFinite(velocity)) {
        throw new IllegalArgumentException(
            "joint '" + joint + "' start (" + position + ", " + velocity + "): must be finite");
      }
      for (int k = 0; k < m.joints().size(); k++) {
        if (m.joints().get(k).name().equals(joint)) {
          q[k] = position;
          qd[k] = velocity;
          return;
        }
      }
      throw new IllegalArgumentException(
          "no joint '"
              + joint
              + "' in '"
              + m.name()
              + "'; joints: "
              + m.joints().stream().map(JointSpec::name).toList());
    }

    @Override
    public void setRoot(String body, Pose pose, double vx, double vy, double omega) {
      int i = m.bodyIndex(body);
      if (m.parentJoint(body) != null) {
        throw new IllegalArgumentException(
            "body '"
                + body
                + "' hangs on joint '"
                + m.parentJoint(body).name()
                + "': set the joint instead");
      }
      rootPoses[i] = pose;
      rootVelocities[i] = new double[] {vx, vy, omega};
    }
  }
}
