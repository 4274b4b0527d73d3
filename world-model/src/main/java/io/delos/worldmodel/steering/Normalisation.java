package io.delos.worldmodel.steering;

/** How an activation is normalised before the barrier's features are computed. */
public enum Normalisation {
  /**
   * z = a / ‖a‖, as in ODESteer. The barrier then sees only the direction of an activation, so its
   * gradient is orthogonal to a and steering never changes ‖a‖. The zero vector has no direction;
   * it maps to z = 0 and gets a zero gradient.
   */
  UNIT_LENGTH,
  /**
   * z = (a − μ) / σ per dimension, with μ and σ pooled over both classes' training examples. Keeps
   * the information in an activation's length, which the unit-length normalisation discards.
   */
  STANDARDISE
}
