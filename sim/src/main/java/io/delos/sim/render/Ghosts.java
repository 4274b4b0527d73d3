package io.delos.sim.render;

import io.delos.sim.box2d.Outline;
import io.delos.sim.box2d.RobotWorld;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.StatePlacer;
import io.delos.sim.morphology.Morphology;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns predicted observations into robot outlines, for drawing a planner's or a model's predicted
 * future over a frame. Needs a full-state observation (see {@link StatePlacer}).
 */
public final class Ghosts {
  private final RobotWorld scratch;
  private final StatePlacer placer;

  /**
   * Prepares a scratch world for {@code morphology}.
   *
   * @throws IllegalArgumentException when the observation does not hold the full state
   */
  public Ghosts(Morphology morphology) {
    this.scratch = new RobotWorld(morphology, SimConfig.DEFAULT);
    this.placer = StatePlacer.of(morphology);
  }

  /** The robot's outlines in the state each observation describes. */
  public List<List<Outline>> of(List<double[]> observations) {
    List<List<Outline>> out = new ArrayList<>();
    for (double[] o : observations) {
      placer.place(scratch, o);
      out.add(scratch.outlines());
    }
    return out;
  }
}
