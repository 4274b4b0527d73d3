package io.delos.worldmodel.steering;

/**
 * A fixed, differentiable map φ from a normalised activation z to classifier features, with the
 * pullback of a linear functional: ∇_z (w · φ(z)), which is all the barrier's gradient needs.
 */
interface FeatureMap {
  /** The dimension of z. */
  int inputDimension();

  /** The number of features. */
  int featureDimension();

  /** φ(z), {@code [inputDimension] -> [featureDimension]}. */
  double[] features(double[] z);

  /**
   * ∇_z (w · φ(z)) = J_φ(z)ᵀ w, {@code [inputDimension], [featureDimension] -> [inputDimension]}.
   */
  double[] pullback(double[] z, double[] w);
}
