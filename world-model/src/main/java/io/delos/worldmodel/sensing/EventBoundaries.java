package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;
import java.util.List;

/**
 * The event boundaries Dywave found in a stream, with the score they were picked from.
 *
 * @param score boundary score S[t] per sample, dimensionless (sum over channels and levels of the
 *     detail energy relative to its median)
 * @param threshold τ, the score a boundary had to exceed
 * @param boundaries sample indices where a new segment starts, ascending
 */
public record EventBoundaries(Vec score, double threshold, List<Integer> boundaries) {
  /** Copies the list. */
  public EventBoundaries {
    Checks.notNull("score", score);
    boundaries = List.copyOf(boundaries);
  }
}
