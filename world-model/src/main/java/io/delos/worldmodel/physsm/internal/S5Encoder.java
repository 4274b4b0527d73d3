package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Phy-SSM encoder body: an MLP lifts each point's input, then bidirectional S5 layers with
 * pre-normalisation and residual connections read the irregular sequence, and an MLP head maps each
 * point to the requested outputs (for example a Gaussian posterior's mean and log-variance).
 *
 * <p>Shapes: input {@code [batch, time, in]} -> output {@code [batch, time, out]}.
 */
public final class S5Encoder extends Net {
  private final Mlp lift;
  private final List<S5Layer> layers = new ArrayList<>();
  private final Mlp head;

  /**
   * An encoder.
   *
   * @param in input channels per point
   * @param width hidden width
   * @param state complex states per S5 direction
   * @param depth number of S5 layers, >= 1
   * @param out output channels per point
   * @param rateMin smallest initial S5 rate, 1/s
   * @param rateMax largest initial S5 rate, 1/s
   */
  public S5Encoder(
      int in, int width, int state, int depth, int out, double rateMin, double rateMax) {
    lift = addChildBlock("lift", new Mlp(in, List.of(width), width, Mlp.Activation.GELU, false));
    for (int i = 0; i < depth; i++) {
      layers.add(addChildBlock("s5_" + i, new S5Layer(width, state, rateMin, rateMax)));
    }
    head = addChildBlock("head", new Mlp(width, List.of(width), out, Mlp.Activation.GELU, false));
  }

  /** Encodes a batch of sequences. */
  public NDArray apply(ParameterStore ps, NDArray input, TimeGrid grid, boolean training) {
    NDArray h = lift.apply(ps, input, training);
    for (S5Layer layer : layers) {
      h = h.add(Activation.gelu(layer.apply(ps, normalise(h), grid, training)));
    }
    return head.apply(ps, h, training);
  }

  /** Layer normalisation over channels, without affine parameters. */
  private static NDArray normalise(NDArray h) {
    NDArray mean = h.mean(new int[] {-1}, true);
    NDArray centred = h.sub(mean);
    NDArray var = centred.square().mean(new int[] {-1}, true);
    return centred.div(var.add(1e-5f).sqrt());
  }

  @Override
  public void seed(SplittableRandom random) {
    lift.seed(random);
    for (S5Layer l : layers) {
      l.seed(random);
    }
    head.seed(random);
  }
}
