package io.delos.worldmodel.interpretable;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.nn.Params;

/**
 * One small network per concept, each seeing only its own group of features (CAT, Duong et al., KDD
 * 2024, Section 3.1): cₖ = fₖ(x_{gₖ}).
 *
 * <p>All encoders run as one batched computation. The first layer is a dense {@code [feature,
 * concept·hidden]} matrix multiplied by a fixed block mask, so concept k reads only the features of
 * group k; the two later layers are stacked per concept, {@code [concept, hidden, hidden]} and
 * {@code [concept, hidden, 1]}, and applied with a batched matrix product. With hidden width 0 each
 * encoder is linear and has no bias: cₖ = Σ_{j∈gₖ} aⱼ xⱼ.
 *
 * <p>Shapes: input {@code [batch, feature]}, output {@code [batch, concept]}.
 */
final class ConceptEncoders {
  private final int concepts;
  private final int hidden;
  private final long effectiveParameters;
  private final NDArray mask;
  private final NDArray w1;
  private final NDArray b1;
  private final NDArray w2;
  private final NDArray b2;
  private final NDArray w3;
  private final NDArray b3;

  /**
   * Creates the encoders' parameters.
   *
   * @param params where the weights are registered
   * @param features input width
   * @param groups feature indices per concept; each feature in exactly one group
   * @param hidden width of both hidden layers, or 0 for linear encoders
   */
  ConceptEncoders(Params params, int features, int[][] groups, int hidden) {
    this.concepts = groups.length;
    this.hidden = hidden;
    int width = hidden == 0 ? 1 : hidden;
    float[] m = new float[features * concepts * width];
    long firstLayer = 0;
    for (int k = 0; k < concepts; k++) {
      float scale = (float) (1 / Math.sqrt(groups[k].length));
      for (int f : groups[k]) {
        for (int u = 0; u < width; u++) {
          m[f * concepts * width + k * width + u] = scale;
        }
      }
      firstLayer += (long) groups[k].length * width;
    }
    this.mask = params.manager().create(m, new Shape(features, (long) concepts * width));
    if (hidden == 0) {
      this.w1 = params.constant("encoders.w1", 1, features, concepts);
      this.b1 = null;
      this.w2 = null;
      this.b2 = null;
      this.w3 = null;
      this.b3 = null;
      this.effectiveParameters = firstLayer;
    } else {
      this.w1 = params.normal("encoders.w1", 1, features, (long) concepts * hidden);
      this.b1 = params.constant("encoders.b1", 0, (long) concepts * hidden);
      this.w2 = params.normal("encoders.w2", 1 / Math.sqrt(hidden), concepts, hidden, hidden);
      this.b2 = params.constant("encoders.b2", 0, concepts, 1, hidden);
      this.w3 = params.normal("encoders.w3", 1 / Math.sqrt(hidden), concepts, hidden, 1);
      this.b3 = params.constant("encoders.b3", 0, concepts, 1, 1);
      this.effectiveParameters =
          firstLayer + (long) concepts * (hidden + hidden * hidden + hidden + hidden + 1);
    }
  }

  /** {@code [batch, feature] -> [batch, concept]}. */
  NDArray forward(NDArray x) {
    NDArray first = x.matMul(w1.mul(mask));
    if (hidden == 0) {
      return first;
    }
    long batch = x.getShape().get(0);
    NDArray h1 =
        first.add(b1).tanh().reshape(batch, concepts, hidden).transpose(1, 0, 2); // [c, b, h]
    NDArray h2 = h1.matMul(w2).add(b2).tanh(); // [c, b, h]
    NDArray out = h2.matMul(w3).add(b3); // [c, b, 1]
    return out.reshape(concepts, batch).transpose(1, 0);
  }

  /** Scalar parameters that can change: masked-out first-layer weights are not counted. */
  long parameterCount() {
    return effectiveParameters;
  }
}
