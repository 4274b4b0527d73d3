package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;

/**
 * An affine map y = x W + b on the last axis.
 *
 * <p>Shapes: input {@code [..., in]}, output {@code [..., out]}. Weights start from N(0, (gain /
 * √in)²), biases at zero.
 */
public final class Dense {
  private final String name;
  private final NDArray w;
  private final NDArray b;
  private final long in;

  /**
   * Creates the layer's parameters.
   *
   * @param params where the weights are registered
   * @param name parameter prefix
   * @param in input width
   * @param out output width
   * @param bias whether to add a bias
   * @param gain scale of the initial weights (1 for most layers; smaller for residual outputs)
   */
  public Dense(Params params, String name, long in, long out, boolean bias, double gain) {
    this.name = name;
    this.in = in;
    this.w = params.normal(name + ".w", gain / Math.sqrt(in), in, out);
    this.b = bias ? params.constant(name + ".b", 0, out) : null;
  }

  /** A layer with a bias and gain 1. */
  public Dense(Params params, String name, long in, long out) {
    this(params, name, in, out, true, 1.0);
  }

  /** {@code [..., in] -> [..., out]}. */
  public NDArray forward(NDArray x) {
    long last = x.getShape().get(x.getShape().dimension() - 1);
    if (last != in) {
      throw new IllegalArgumentException(
          name
              + ".input: expected [..., in] with in = "
              + in
              + ", got "
              + Shapes.format(x.getShape()));
    }
    NDArray y = x.matMul(w);
    return b == null ? y : y.add(b);
  }

  /** The weight matrix {@code [in, out]}. */
  public NDArray weight() {
    return w;
  }
}
