package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/**
 * An affine layer y = x W + b on the last axis: {@code [..., in] -> [..., out]}.
 *
 * <p>Initialised uniform in ±√(1/in) (LeCun), or to zero when built as a zero layer (so that a
 * residual or an unknown-term head starts at nothing).
 */
public final class Dense extends Net {
  private final Parameter w;
  private final Parameter b;
  private final int in;
  private final boolean zero;

  /**
   * A layer.
   *
   * @param in input width, >= 1
   * @param out output width, >= 1
   * @param zero whether it starts at zero
   */
  public Dense(int in, int out, boolean zero) {
    this.in = in;
    this.zero = zero;
    this.w = weight("w", in, out);
    this.b = weight("b", out);
  }

  /** Applies the layer to {@code [..., in]}. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return x.matMul(value(ps, w, x, training)).add(value(ps, b, x, training));
  }

  @Override
  public void seed(SplittableRandom random) {
    if (zero) {
      set(w, new float[size(w)]);
    } else {
      set(w, uniform(random, size(w), Math.sqrt(1.0 / in)));
    }
    set(b, new float[size(b)]);
  }
}
