package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;

/**
 * A two-layer perceptron with a GELU between: y = W₂ gelu(W₁ x + b₁) + b₂.
 *
 * <p>Shapes: {@code [..., d] -> [..., d]}, hidden width {@code hidden}.
 */
public final class FeedForward {
  private final Dense up;
  private final Dense down;

  /**
   * Creates the two layers.
   *
   * @param params where the weights are registered
   * @param name parameter prefix
   * @param d input and output width
   * @param hidden hidden width
   * @param outGain initial scale of the output layer (residual branches use 1/√(2·blocks))
   */
  public FeedForward(Params params, String name, long d, long hidden, double outGain) {
    this.up = new Dense(params, name + ".up", d, hidden, true, 1.0);
    this.down = new Dense(params, name + ".down", hidden, d, true, outGain);
  }

  /** {@code [..., d] -> [..., d]}. */
  public NDArray forward(NDArray x) {
    return down.forward(up.forward(x).getNDArrayInternal().gelu());
  }
}
