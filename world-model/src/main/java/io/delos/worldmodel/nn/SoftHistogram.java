package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The value encoding of WestWorld (Wang et al., ICML 2026, §3.1): a value v normalised to [0, 1]
 * becomes a Gaussian soft histogram over K uniform bins with centres cₖ = (k + ½)/K,
 *
 * <pre>
 *   wₖ(v) = exp(−(v − cₖ)² / 2σ²) / Σⱼ exp(−(v − cⱼ)² / 2σ²),   σ = 0.75 / K
 * </pre>
 *
 * which is multiplied into a K × d embedding table to give the token, and which also serves as the
 * cross-entropy target; a predicted distribution p over the bins gives the point prediction Σₖ pₖ
 * cₖ.
 *
 * <p>Shapes: values {@code [...]} to weights {@code [..., K]}; logits {@code [..., K]} to point
 * predictions {@code [...]}.
 */
public final class SoftHistogram {
  private final int bins;
  private final double sigma;

  /** A histogram of {@code bins} bins, >= 2. */
  public SoftHistogram(int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("bins = " + bins + ": must be >= 2");
    }
    this.bins = bins;
    this.sigma = 0.75 / bins;
  }

  /** Number of bins K. */
  public int bins() {
    return bins;
  }

  /** The bin centres {@code [K]}. */
  public NDArray centres(NDManager manager) {
    return manager.arange(0f, (float) bins, 1f).add(0.5f).div((float) bins);
  }

  /**
   * Soft-histogram weights of values in [0, 1] (values outside are clipped).
   *
   * @param values {@code [...]}
   * @return {@code [..., K]}, each row summing to 1
   */
  public NDArray encode(NDArray values) {
    NDArray v = values.clip(0, 1).expandDims(-1);
    NDArray c = centres(values.getManager());
    NDArray logits = v.sub(c).square().muli((float) (-1.0 / (2 * sigma * sigma)));
    return logits.softmax(-1);
  }

  /**
   * Soft-histogram weights computed in Java, for tests and for code that builds inputs on the host.
   *
   * @param v a value, clipped to [0, 1]
   * @return K weights summing to 1
   */
  public double[] encode(double v) {
    double x = Math.max(0, Math.min(1, v));
    double[] w = new double[bins];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < bins; k++) {
      double d = x - (k + 0.5) / bins;
      w[k] = -d * d / (2 * sigma * sigma);
      max = Math.max(max, w[k]);
    }
    double sum = 0;
    for (int k = 0; k < bins; k++) {
      w[k] = Math.exp(w[k] - max);
      sum += w[k];
    }
    for (int k = 0; k < bins; k++) {
      w[k] /= sum;
    }
    return w;
  }

  /**
   * The point prediction: the expectation of the bin centres under softmax(logits).
   *
   * @param logits {@code [..., K]}
   * @return {@code [...]}
   */
  public NDArray expectation(NDArray logits) {
    Shape s = logits.getShape();
    if (s.get(s.dimension() - 1) != bins) {
      throw new IllegalArgumentException(
          "logits: expected [..., bins] with bins = " + bins + ", got " + Shapes.format(s));
    }
    return logits.softmax(-1).mul(centres(logits.getManager())).sum(new int[] {-1});
  }

  /**
   * Cross-entropy −Σₖ qₖ log pₖ between the soft histogram q of each target and p =
   * softmax(logits).
   *
   * @param logits {@code [..., K]}
   * @param targets {@code [...]} in [0, 1]
   * @return {@code [...]}
   */
  public NDArray crossEntropy(NDArray logits, NDArray targets) {
    NDArray q = encode(targets);
    return logits.logSoftmax(-1).mul(q).sum(new int[] {-1}).neg();
  }
}
