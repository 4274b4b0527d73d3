package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron on the last axis, {@code [..., in] -> [..., out]}, with tanh or GELU
 * between layers and a linear output.
 */
public final class Mlp extends Net {
  /** The nonlinearity between layers. */
  public enum Activation {
    /** Hyperbolic tangent: smooth, for vector fields and decoders. */
    TANH,
    /** Gaussian error linear unit. */
    GELU
  }

  private final List<Dense> layers = new ArrayList<>();
  private final Activation activation;

  /**
   * A network.
   *
   * @param in input width
   * @param hidden widths of the hidden layers (may be empty: one affine layer)
   * @param out output width
   * @param activation nonlinearity
   * @param zeroOutput whether the output layer starts at zero
   */
  public Mlp(int in, List<Integer> hidden, int out, Activation activation, boolean zeroOutput) {
    this.activation = activation;
    int width = in;
    int i = 0;
    for (int h : hidden) {
      layers.add(addChildBlock("layer" + i++, new Dense(width, h, false)));
      width = h;
    }
    layers.add(addChildBlock("layer" + i, new Dense(width, out, zeroOutput)));
  }

  /** Applies the network. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(ps, h, training);
      if (i < layers.size() - 1) {
        h = activation == Activation.TANH ? h.tanh() : ai.djl.nn.Activation.gelu(h);
      }
    }
    return h;
  }

  @Override
  public void seed(SplittableRandom random) {
    for (Dense d : layers) {
      d.seed(random);
    }
  }
}
