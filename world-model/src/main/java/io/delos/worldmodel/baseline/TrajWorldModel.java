package io.delos.worldmodel.baseline;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.nn.Attention;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.FeedForward;
import io.delos.worldmodel.nn.Norm;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.nn.Shapes;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The TrajWorld-like baseline (Yin et al., "Trajectory world models for heterogeneous
 * environments", ICML 2025, §4; the comparison of Wang et al., ICML 2026, §5.1): every observation
 * and action scalar is a token (the same value encoding as WestWorld, no structural embedding), and
 * each block alternates
 *
 * <pre>
 *   x ← x + VariateAttn(LN(x))      across all variates (observations and actions) of a step
 *   x ← x + TemporalAttn(LN(x))     causal, along time for each variate
 *   x ← x + FFN(LN(x))
 * </pre>
 *
 * The observation tokens of step t predict step t + 1's observations (cross-entropy over the value
 * bins); rollouts are autoregressive, one step per forward pass, as in the paper.
 *
 * <p>Shapes: tokens {@code [batch, time, variate, d]} with variate = obsChannel + actChannel,
 * logits {@code [batch, time, obsChannel, K]}.
 */
public final class TrajWorldModel implements SequenceModel {
  private final WestWorldConfig config;
  private final Params params;
  private final VariateTokens tokens;
  private final List<Block> blocks = new ArrayList<>();
  private final Norm headNorm;
  private final Dense head;

  private record Block(
      Norm variateNorm,
      Attention variate,
      Norm timeNorm,
      Attention time,
      Norm ffnNorm,
      FeedForward ffn) {}

  /** Builds the model with fresh parameters. */
  public TrajWorldModel(WestWorldConfig config, Device device, long seed) {
    this.config = config;
    this.params = new Params(device, seed);
    this.tokens = new VariateTokens(params, config);
    long d = config.d();
    double gain = 1.0 / Math.sqrt(2.0 * config.blocks());
    for (int i = 0; i < config.blocks(); i++) {
      String n = "block" + i;
      blocks.add(
          new Block(
              new Norm(params, n + ".variateNorm", d),
              new Attention(params, n + ".variate", d, config.heads(), gain),
              new Norm(params, n + ".timeNorm", d),
              new Attention(params, n + ".time", d, config.heads(), gain),
              new Norm(params, n + ".ffnNorm", d),
              new FeedForward(params, n + ".ffn", d, config.ffnHidden(), gain)));
    }
    this.headNorm = new Norm(params, "head.norm", d);
    this.head = new Dense(params, "head.out", d, config.bins(), true, 1.0);
  }

  @Override
  public String kind() {
    return "trajworld";
  }

  @Override
  public WestWorldConfig config() {
    return config;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public void check(WindowBatch batch) {
    Baselines.check(config, batch);
  }

  /** Logits {@code [batch, time, obsChannel, K]}: step t's prediction of step t + 1. */
  NDArray logits(WindowBatch.Tensors x) {
    NDManager m = x.obs().getManager();
    long b = x.obs().getShape().get(0);
    long t = x.obs().getShape().get(1);
    long co = x.obs().getShape().get(2);
    long d = config.d();
    NDArray z = tokens.forward(x);
    long v = z.getShape().get(2);
    NDArray valid = VariateTokens.valid(x);
    NDArray variateBias =
        Attention.keyBias(valid.reshape(b, 1, v).broadcast(b, t, v).reshape(b * t, v));
    NDArray causal = causalBias(m, t);
    NDArray h = z.reshape(b * t, v, d);
    for (Block blk : blocks) {
      NDArray n1 = blk.variateNorm().forward(h);
      h = h.add(blk.variate().forward(n1, n1, variateBias));
      NDArray s = h.reshape(b, t, v, d).transpose(0, 2, 1, 3).reshape(b * v, t, d);
      NDArray n2 = blk.timeNorm().forward(s);
      s = s.add(blk.time().forward(n2, n2, causal));
      s = s.add(blk.ffn().forward(blk.ffnNorm().forward(s)));
      h = s.reshape(b, v, t, d).transpose(0, 2, 1, 3).reshape(b * t, v, d);
    }
    NDArray obs = h.reshape(b, t, v, d).get(new NDIndex(":, :, :{}", co));
    NDArray out = head.forward(headNorm.forward(obs));
    Shapes.require(out, "trajworld.logits", "batch, time, obsChannel, K", b, t, co, config.bins());
    return out;
  }

  /** 0 where step s ≤ t, masked above: {@code [1, 1, time, time]}. */
  static NDArray causalBias(NDManager m, long t) {
    float[] v = new float[(int) (t * t)];
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        v[(int) (i * t + j)] = Attention.MASKED;
      }
    }
    return m.create(v, new Shape(1, 1, t, t));
  }

  @Override
  public NDArray loss(WindowBatch batch, WindowBatch.Tensors x) {
    check(batch);
    return NextStepLoss.loss(tokens.histogram(), logits(x), x);
  }

  @Override
  public float[] predict(WindowBatch batch) {
    check(batch);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return NextStepLoss.rollout(batch, params.manager(), tokens.histogram(), this::logits);
    }
  }

  @Override
  public void close() {
    params.close();
  }
}
