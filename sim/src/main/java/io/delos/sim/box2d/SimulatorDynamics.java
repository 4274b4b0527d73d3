package io.delos.sim.box2d;

import io.delos.sim.Dynamics;
import io.delos.sim.Snapshot;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.morphology.Morphology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The simulator itself as a {@link Dynamics}: the oracle model planners can roll out.
 *
 * <p>A start state with an exact {@link Snapshot} is restored bit for bit; a start state with only
 * an observation is rebuilt from it (see {@link StatePlacer}) in a freshly reset world, which needs
 * a full-state observation; either way, equal starts and actions give bit-identical predictions.
 * Task termination is ignored: rollouts always run the whole horizon.
 *
 * <p>Threading: safe for concurrent calls. With an executor, the batch is split across its threads;
 * each thread uses its own world, and results do not depend on the split.
 */
public final class SimulatorDynamics implements Dynamics {
  private final Morphology morphology;
  private final SimConfig config;
  private final Space actionSpace;
  private final int observationSize;
  private final ExecutorService executor;
  private final int chunks;
  private final StatePlacer placer;
  private final ConcurrentLinkedQueue<Pooled> pool = new ConcurrentLinkedQueue<>();

  /** A world and its state just after construction, to start observation-only rollouts from. */
  private record Pooled(RobotWorld world, WorldSnapshot fresh) {}

  /**
   * Creates the oracle.
   *
   * @param morphology the robot (with any domain variation already applied)
   * @param config physics configuration, equal to the environment's
   * @param executor threads to split batches across, or {@code null} to run on the caller
   * @param chunks how many pieces to split a batch into when an executor is given, >= 1
   */
  public SimulatorDynamics(
      Morphology morphology, SimConfig config, ExecutorService executor, int chunks) {
    this.morphology = morphology;
    this.config = config;
    this.actionSpace = morphology.actionSpace();
    this.observationSize = morphology.observationSpace().size();
    this.executor = executor;
    if (chunks < 1) {
      throw new IllegalArgumentException("chunks = " + chunks + ": must be >= 1");
    }
    this.chunks = chunks;
    StatePlacer p;
    try {
      p = StatePlacer.of(morphology);
    } catch (IllegalArgumentException e) {
      p = null;
    }
    this.placer = p;
  }

  /** An oracle that runs on the calling thread. */
  public SimulatorDynamics(Morphology morphology, SimConfig config) {
    this(morphology, config, null, 1);
  }

  @Override
  public int observationSize() {
    return observationSize;
  }

  @Override
  public int actionSize() {
    return actionSpace.size();
  }

  @Override
  public double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    int batch = starts.size();
    double[] out = new double[batch * horizon * observationSize];
    if (executor == null || chunks == 1 || batch < 2) {
      rolloutRange(starts, horizon, actions, out, 0, batch);
      return out;
    }
    int pieces = Math.min(chunks, batch);
    List<Future<?>> futures = new ArrayList<>(pieces);
    for (int p = 0; p < pieces; p++) {
      int from = batch * p / pieces;
      int to = batch * (p + 1) / pieces;
      futures.add(executor.submit(() -> rolloutRange(starts, horizon, actions, out, from, to)));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("rollout interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("rollout failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  private void rolloutRange(
      List<State> starts, int horizon, double[] actions, double[] out, int from, int to) {
    Pooled pooled = pool.poll();
    if (pooled == null) {
      RobotWorld w = new RobotWorld(morphology, config);
      pooled = new Pooled(w, WorldSnapshot.capture(w, null, null));
    }
    RobotWorld world = pooled.world();
    try {
      int na = actionSpace.size();
      double[] u = new double[na];
      double[] obs = new double[observationSize];
      for (int b = from; b < to; b++) {
        State s = starts.get(b);
        start(pooled, s);
        for (int h = 0; h < horizon; h++) {
          int base = (b * horizon + h) * na;
          for (int i = 0; i < na; i++) {
            double v = actions[base + i];
            u[i] = Double.isFinite(v) ? v : 0;
          }
          world.setAction(actionSpace.clip(u));
          world.controlStep();
          world.observe(obs);
          System.arraycopy(obs, 0, out, (b * horizon + h) * observationSize, observationSize);
        }
      }
    } finally {
      pool.offer(pooled);
    }
  }

  private void start(Pooled pooled, State s) {
    RobotWorld world = pooled.world();
    if (s.exact() instanceof WorldSnapshot snap) {
      Object recipe = snap.recipe();
      if (recipe instanceof MorphologyEnvironmentRecipe r
          && r.morphology() != morphology
          && !r.morphology().equals(morphology)) {
        throw new IllegalArgumentException(
            "start snapshot is of robot '"
                + r.morphology().name()
                + "', this oracle simulates '"
                + morphology.name()
                + "'");
      }
      snap.restoreInto(world);
      return;
    }
    if (placer == null) {
      StatePlacer.of(morphology); // throws with the reason
    }
    // Back to the fresh world first, so no warm start or contact of an earlier rollout leaks in:
    // the rollout then depends on the observation alone.
    pooled.fresh().restoreInto(world);
    placer.place(world, s.observation().toArray());
  }

  /** Marker for recipes that name their morphology. */
  interface MorphologyEnvironmentRecipe {
    Morphology morphology();
  }
}
