package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * A Mamba-like selective state-space layer (Gu and Dao, 2023, §3.4), the sequence mixer of
 * WestWorld's temporal Sys-MoE layer (Wang et al., ICML 2026, §3.3):
 *
 * <pre>
 *   [x, z] = u W_in
 *   x ← silu(causalConv(x))                        (depthwise, width {@code conv})
 *   Δ = softplus(u W_Δ + b_Δ),  B = u W_B,  C = u W_C  (input-dependent: "selective")
 *   y = scan(x, Δ, A, B, C) + D ⊙ x               ({@link SelectiveScan}, A = −exp(A_log))
 *   out = (y ⊙ silu(z)) W_out
 * </pre>
 *
 * <p>The scan is causal: output t depends on inputs 0..t only.
 *
 * <p>Shapes: {@code [rows, time, d] -> [rows, time, d]}; inner width {@code heads × P}, state size
 * S per head.
 */
public final class SelectiveSsm {
  private final String name;
  private final long d;
  private final int heads;
  private final long inner;
  private final int state;
  private final int chunk;
  private final int conv;
  private final Dense in;
  private final Dense dtProj;
  private final Dense bProj;
  private final Dense cProj;
  private final Dense out;
  private final NDArray convWeight;
  private final NDArray convBias;
  private final NDArray aLog;
  private final NDArray skip;
  private final NDArray dtBias;

  /**
   * Creates the layer.
   *
   * @param params where the weights are registered
   * @param name parameter prefix
   * @param d model width
   * @param inner inner width, a multiple of {@code heads}
   * @param heads number of scan heads (one decay rate each)
   * @param state state size S per head
   * @param conv causal convolution width, >= 1
   * @param chunk chunk length of the scan, >= 1
   * @param outGain initial scale of the output projection
   */
  public SelectiveSsm(
      Params params,
      String name,
      long d,
      long inner,
      int heads,
      int state,
      int conv,
      int chunk,
      double outGain) {
    if (heads < 1 || inner % heads != 0) {
      throw new IllegalArgumentException(
          name + ": inner width " + inner + " must be a positive multiple of heads = " + heads);
    }
    this.name = name;
    this.d = d;
    this.inner = inner;
    this.heads = heads;
    this.state = state;
    this.chunk = chunk;
    this.conv = conv;
    this.in = new Dense(params, name + ".in", d, 2 * inner, false, 1.0);
    this.convWeight = params.normal(name + ".conv.w", 1.0 / Math.sqrt(conv), conv, inner);
    this.convBias = params.constant(name + ".conv.b", 0, inner);
    // Δ starts log-uniform in [0.01, 0.3], so that with |A| in [1, 16] the heads' time scales span
    // about 0.2 to 100 steps, fitting windows of tens of steps (Mamba's [0.001, 0.1] suits
    // sequences of thousands); the bias is the inverse softplus: b = Δ + log(1 − exp(−Δ)).
    this.dtProj = new Dense(params, name + ".dt", d, heads, false, 0.1);
    float[] dtStart = new float[heads];
    for (int h = 0; h < heads; h++) {
      double dt = Math.exp(params.nextUniform(Math.log(0.01), Math.log(0.3)));
      dtStart[h] = (float) (dt + Math.log(-Math.expm1(-dt)));
    }
    this.dtBias = params.values(name + ".dt.bias", dtStart, heads);
    this.bProj = new Dense(params, name + ".B", d, state, false, 1.0);
    this.cProj = new Dense(params, name + ".C", d, state, false, 1.0);
    float[] a = new float[heads];
    for (int h = 0; h < heads; h++) {
      a[h] = (float) Math.log(1 + h * (15.0 / Math.max(1, heads - 1)));
    }
    this.aLog = params.values(name + ".A_log", a, heads);
    this.skip = params.constant(name + ".D", 1, heads);
    this.out = new Dense(params, name + ".out", inner, d, false, outGain);
  }

  /** {@code [rows, time, d] -> [rows, time, d]}. */
  public NDArray forward(NDArray u) {
    Shapes.require(u, name + ".input", "rows, time, d", Shapes.ANY, Shapes.ANY, d);
    long n = u.getShape().get(0);
    long l = u.getShape().get(1);
    long p = inner / heads;
    NDArray xz = in.forward(u);
    NDArray x = xz.get(new NDIndex("..., :{}", inner));
    NDArray z = xz.get(new NDIndex("..., {}:", inner));
    x = Activation.swish(causalConv(x, n, l), 1f);
    NDArray dt = Activation.softPlus(dtProj.forward(u).add(dtBias));
    NDArray a = aLog.exp().neg();
    NDArray b = bProj.forward(u);
    NDArray c = cProj.forward(u);
    NDArray xh = x.reshape(n, l, heads, p);
    NDArray y = SelectiveScan.chunked(xh, dt, a, b, c, null, chunk);
    y = y.add(xh.mul(skip.reshape(heads, 1))).reshape(n, l, inner);
    return out.forward(y.mul(Activation.swish(z, 1f)));
  }

  private NDArray causalConv(NDArray x, long n, long l) {
    NDArray padded =
        conv > 1
            ? NDArrays.concat(new NDList(x.getManager().zeros(new Shape(n, conv - 1, inner)), x), 1)
            : x;
    NDArray sum = null;
    for (int j = 0; j < conv; j++) {
      // Tap j looks j steps back.
      long from = conv - 1 - j;
      NDArray tap =
          padded
              .get(new NDIndex(":, {}:{}", from, from + l))
              .mul(convWeight.get(new NDIndex("{}", j)));
      sum = sum == null ? tap : sum.add(tap);
    }
    return sum.add(convBias);
  }
}
