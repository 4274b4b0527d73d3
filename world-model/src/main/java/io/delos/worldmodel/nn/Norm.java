package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/**
 * Layer normalisation over the last axis (Ba et al., 2016), with a learned scale and shift.
 *
 * <p>Shapes: {@code [..., d] -> [..., d]}.
 */
public final class Norm {
  private final NDArray gamma;
  private final NDArray beta;
  private final Shape shape;
  private final String name;

  /** Creates the scale (ones) and shift (zeros) for width {@code d}. */
  public Norm(Params params, String name, long d) {
    this.name = name;
    this.gamma = params.constant(name + ".gamma", 1, d);
    this.beta = params.constant(name + ".beta", 0, d);
    this.shape = new Shape(d);
  }

  /** {@code [..., d] -> [..., d]}. */
  public NDArray forward(NDArray x) {
    long last = x.getShape().get(x.getShape().dimension() - 1);
    if (last != shape.get(0)) {
      throw new IllegalArgumentException(
          name
              + ".input: expected [..., d] with d = "
              + shape.get(0)
              + ", got "
              + Shapes.format(x.getShape()));
    }
    return LayerNorm.layerNorm(x, shape, gamma, beta, 1e-5f).singletonOrThrow();
  }
}
