package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;

/**
 * Multi-head scaled dot-product attention (Vaswani et al., 2017, §3.2):
 *
 * <pre>
 *   Attention(Q, K, V) = softmax(Q Kᵀ / √dₕ + bias) V,   Q = x W_q, K = y W_k, V = y W_v
 * </pre>
 *
 * heads concatenated and projected by W_o. Self-attention passes the same tensor as query and keys.
 *
 * <p>Shapes: query {@code [rows, queries, d]}, keys {@code [rows, keys, d]}, bias broadcastable to
 * {@code [rows, heads, queries, keys]} (0 where allowed, a large negative number where masked),
 * output {@code [rows, queries, d]}.
 */
public final class Attention {
  /** Added to the scores of masked keys; large enough to zero them, small enough to stay finite. */
  public static final float MASKED = -1e9f;

  private final String name;
  private final Dense q;
  private final Dense k;
  private final Dense v;
  private final Dense o;
  private final int heads;
  private final long d;

  /**
   * Creates the four projections.
   *
   * @param params where the weights are registered
   * @param name parameter prefix
   * @param d model width, a multiple of {@code heads}
   * @param heads number of heads
   * @param outGain initial scale of the output projection
   */
  public Attention(Params params, String name, long d, int heads, double outGain) {
    if (heads < 1 || d % heads != 0) {
      throw new IllegalArgumentException(
          name + ": d = " + d + " must be a positive multiple of heads = " + heads);
    }
    this.name = name;
    this.d = d;
    this.heads = heads;
    this.q = new Dense(params, name + ".q", d, d, false, 1.0);
    this.k = new Dense(params, name + ".k", d, d, false, 1.0);
    this.v = new Dense(params, name + ".v", d, d, false, 1.0);
    this.o = new Dense(params, name + ".o", d, d, true, outGain);
  }

  /**
   * Attends from {@code query} to {@code keys}.
   *
   * @param query {@code [rows, queries, d]}
   * @param keys {@code [rows, keys, d]}
   * @param bias broadcastable to {@code [rows, heads, queries, keys]}, or null for none
   * @return {@code [rows, queries, d]}
   */
  public NDArray forward(NDArray query, NDArray keys, NDArray bias) {
    Shapes.require(query, name + ".query", "rows, queries, d", Shapes.ANY, Shapes.ANY, d);
    long rows = query.getShape().get(0);
    Shapes.require(keys, name + ".keys", "rows, keys, d", rows, Shapes.ANY, d);
    long lq = query.getShape().get(1);
    long lk = keys.getShape().get(1);
    long dh = d / heads;
    NDArray qh = q.forward(query).reshape(rows, lq, heads, dh).transpose(0, 2, 1, 3);
    NDArray kh = k.forward(keys).reshape(rows, lk, heads, dh).transpose(0, 2, 3, 1);
    NDArray vh = v.forward(keys).reshape(rows, lk, heads, dh).transpose(0, 2, 1, 3);
    NDArray scores = qh.matMul(kh).muli((float) (1.0 / Math.sqrt(dh)));
    if (bias != null) {
      scores = scores.add(bias);
    }
    NDArray mixed = scores.softmax(-1).matMul(vh).transpose(0, 2, 1, 3).reshape(rows, lq, d);
    return o.forward(mixed);
  }

  /**
   * The additive bias that hides invalid keys.
   *
   * @param valid {@code [rows, keys]}, 1 for a real key and 0 for padding
   * @return {@code [rows, 1, 1, keys]}
   */
  public static NDArray keyBias(NDArray valid) {
    long rows = valid.getShape().get(0);
    long keys = valid.getShape().get(1);
    return valid.sub(1).muli(-MASKED).reshape(rows, 1, 1, keys);
  }
}
