package io.delos.robots.dataset;

import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;

/**
 * Chooses actions while a dataset is collected: an exploration policy, or later a planner wrapped
 * to this shape (robots does not depend on controllers, so the adapter lives with the caller).
 *
 * <p>Threading: one instance per worker; confined to one thread.
 */
public interface RolloutPolicy {
  /**
   * Starts an episode.
   *
   * @param morphology the robot (action layout, joints and sensors)
   * @param random the episode's own seeded generator; the only source of randomness
   */
  void reset(Morphology morphology, SplittableRandom random);

  /**
   * The action for {@code observation}.
   *
   * @param observation the current observation, in the morphology's channel order
   * @return one value per actuator; values outside the action space are clipped by the simulator
   */
  double[] act(double[] observation);
}
