package io.delos.worldmodel.westworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.FeedForward;
import io.delos.worldmodel.nn.Norm;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.nn.SelectiveSsm;
import io.delos.worldmodel.nn.Shapes;
import io.delos.worldmodel.sequence.WestWorldConfig;

/**
 * The temporal Sys-MoE layer of WestWorld (Wang et al., ICML 2026, §3.3), run along time for each
 * (sample, channel) sequence:
 *
 * <pre>
 *   s = [x₁ … x_T, e_sys]                      (a learnable system token appended)
 *   u = s + SSM(LN(s))                          (selective state space, causal in time)
 *   r = softmax(W_r LN(u_sys))                  (routing from the system token's output, P experts)
 *   yₜ = uₜ + Σₚ rₚ Expertₚ(LN(uₜ)),  t = 1..T
 * </pre>
 *
 * Routing is per sequence and inferred from the trajectory itself, which is what lets an unseen
 * robot route sensibly. The {@code dense} router mixes all experts (the paper's); {@code topk}
 * keeps the k largest weights, renormalised, and adds the load-balancing loss of Fedus et al.
 * (Switch Transformers, JMLR 2022, eq. 4), P Σₚ fₚ P̄ₚ, with fₚ the share of sequences sent to
 * expert p and P̄ₚ its mean routing weight. The dense ablation ({@code moe = false}) has no system
 * token and one feed-forward layer as wide as all experts together.
 *
 * <p>All experts are evaluated and weighted; with P stacked first layers and the routing weights
 * folded into the hidden activations, the mixture is two matrix products: Σₚ rₚ W₂ₚ g(W₁ₚ x) = [r₁
 * g₁, …, r_P g_P] [W₂₁; …; W₂_P].
 *
 * <p>Shapes: input {@code [sequences, time, d]}, valid {@code [sequences]} (1 for a real channel's
 * sequence), output {@code [sequences, time, d]} and the scalar balancing loss.
 */
public final class SysMoe {
  private final String name;
  private final long d;
  private final boolean moe;
  private final int experts;
  private final int hidden;
  private final boolean topK;
  private final int k;
  private final Norm ssmNorm;
  private final SelectiveSsm ssm;
  private final Norm expertNorm;
  private final NDArray systemToken;
  private final Norm routerNorm;
  private final Dense router;
  private final Dense up;
  private final NDArray downWeight;
  private final NDArray downBias;
  private final FeedForward dense;

  /**
   * Creates the layer.
   *
   * @param params where the weights are registered
   * @param name parameter prefix
   * @param c sizes
   * @param moe false for the dense ablation
   * @param outGain initial scale of residual outputs
   */
  public SysMoe(Params params, String name, WestWorldConfig c, boolean moe, double outGain) {
    this.name = name;
    this.d = c.d();
    this.moe = moe;
    this.experts = c.experts();
    this.hidden = c.expertHidden();
    this.topK = c.router().equals("topk");
    this.k = c.topK();
    this.ssmNorm = new Norm(params, name + ".ssmNorm", d);
    this.ssm =
        new SelectiveSsm(
            params,
            name + ".ssm",
            d,
            c.ssmInner(),
            c.ssmHeads(),
            c.ssmState(),
            c.ssmConv(),
            c.ssmChunk(),
            outGain);
    this.expertNorm = new Norm(params, name + ".expertNorm", d);
    if (moe) {
      this.systemToken = params.normal(name + ".systemToken", 0.02, d);
      this.routerNorm = new Norm(params, name + ".routerNorm", d);
      this.router = new Dense(params, name + ".router", d, experts, true, 0.1);
      this.up = new Dense(params, name + ".experts.up", d, (long) experts * hidden);
      this.downWeight =
          params.normal(
              name + ".experts.down.w", outGain / Math.sqrt(hidden), (long) experts * hidden, d);
      this.downBias = params.constant(name + ".experts.down.b", 0, experts, d);
      this.dense = null;
    } else {
      this.systemToken = null;
      this.routerNorm = null;
      this.router = null;
      this.up = null;
      this.downWeight = null;
      this.downBias = null;
      this.dense = new FeedForward(params, name + ".dense", d, (long) experts * hidden, outGain);
    }
  }

  /**
   * The layer's output and its auxiliary loss.
   *
   * @param out {@code [sequences, time, d]}
   * @param balance scalar load-balancing loss (0 for the dense router)
   * @param routing {@code [sequences, experts]} routing weights, or null without experts
   */
  public record Output(NDArray out, NDArray balance, NDArray routing) {}

  /**
   * Runs the layer.
   *
   * @param x {@code [sequences, time, d]}
   * @param valid {@code [sequences]}, 1 for sequences of real channels
   */
  public Output forward(NDArray x, NDArray valid) {
    Shapes.require(x, name + ".input", "sequences, time, d", Shapes.ANY, Shapes.ANY, d);
    long n = x.getShape().get(0);
    long t = x.getShape().get(1);
    Shapes.require(valid, name + ".valid", "sequences", n);
    if (!moe) {
      NDArray u = x.add(ssm.forward(ssmNorm.forward(x)));
      NDArray y = u.add(dense.forward(expertNorm.forward(u)));
      return new Output(y, x.getManager().zeros(new ai.djl.ndarray.types.Shape()), null);
    }
    NDArray token = systemToken.reshape(1, 1, d).broadcast(n, 1, d);
    NDArray s = NDArrays.concat(new NDList(x, token), 1);
    NDArray u = s.add(ssm.forward(ssmNorm.forward(s)));
    NDArray tokens = u.get(new NDIndex(":, :{}", t));
    NDArray sys = u.get(new NDIndex(":, {}", t));
    NDArray probs = router.forward(routerNorm.forward(sys)).softmax(-1);
    NDArray r = probs;
    NDArray balance = x.getManager().zeros(new ai.djl.ndarray.types.Shape());
    if (topK && k < experts) {
      NDArray kth = probs.topK(k, -1, true, true).get(0).get(new NDIndex("..., {}:{}", k - 1, k));
      NDArray keep = probs.gte(kth).toType(probs.getDataType(), false);
      r = probs.mul(keep);
      r = r.div(r.sum(new int[] {-1}, true));
      NDArray w = valid.reshape(n, 1);
      NDArray count = valid.sum().maximum(1f);
      NDArray share = keep.mul(w).sum(new int[] {0}).div(count).div((float) k);
      NDArray mean = probs.mul(w).sum(new int[] {0}).div(count);
      balance = share.mul(mean).sum().mul((float) experts);
    }
    NDArray h = up.forward(expertNorm.forward(tokens)).getNDArrayInternal().gelu();
    NDArray weighted =
        h.reshape(n, t, experts, hidden)
            .mul(r.reshape(n, 1, experts, 1))
            .reshape(n, t, (long) experts * hidden);
    NDArray mixed = weighted.matMul(downWeight).add(r.matMul(downBias).reshape(n, 1, d));
    return new Output(tokens.add(mixed), balance, r);
  }
}
