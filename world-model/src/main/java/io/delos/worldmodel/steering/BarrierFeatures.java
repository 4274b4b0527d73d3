package io.delos.worldmodel.steering;

/** The feature map under the barrier's logistic regression. */
public enum BarrierFeatures {
  /** TensorSketch of the degree-2 polynomial kernel, as in ODESteer. */
  POLYNOMIAL_SKETCH,
  /** Random Fourier features of the Gaussian kernel. */
  RANDOM_FOURIER
}
