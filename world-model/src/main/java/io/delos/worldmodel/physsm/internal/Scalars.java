package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication and division by a constant that are safe under autograd.
 *
 * <p>DJL 0.36's PyTorch {@code mul(Number)} and {@code div(Number)} wrap the constant in a tensor
 * that borrows a Java buffer and close it right after the forward operation; autograd keeps that
 * tensor for the backward pass, so a garbage collection in between turns the gradients into
 * garbage. Here the constant's tensor belongs to the operand's manager and lives as long as the
 * rest of the pass.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code x · c}. */
  public static NDArray times(NDArray x, double c) {
    return x.mul(x.getManager().create((float) c));
  }

  /** {@code x / c}. */
  public static NDArray over(NDArray x, double c) {
    return x.mul(x.getManager().create((float) (1 / c)));
  }
}
