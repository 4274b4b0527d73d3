package io.delos.worldmodel.interpretable;

import ai.djl.ndarray.NDArray;
import io.delos.worldmodel.nn.Params;

/** A regression network trained by {@link RegressionTrainer}, on standardised features. */
interface Network {
  /** The trainable parameters. */
  Params params();

  /** {@code [batch, feature] -> [batch]}: the standardised prediction. */
  NDArray predict(NDArray x);

  /** {@code [batch, feature] -> []}: mean squared error plus any regulariser. */
  default NDArray loss(NDArray x, NDArray y) {
    return predict(x).sub(y).square().mean();
  }
}
