package io.delos.worldmodel.westworld;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.delos.worldmodel.nn.Attention;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.Embedding;
import io.delos.worldmodel.nn.FeedForward;
import io.delos.worldmodel.nn.Norm;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.nn.SoftHistogram;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * WestWorld, the system-aware trajectory world model of Wang, Kong, Wei et al. ("WestWorld: a
 * knowledge-encoded scalable trajectory world model", ICML 2026, arXiv 2603.14392).
 *
 * <p>Every scalar is a token (§3.1): each observation and each action channel at each step. A value
 * normalised to [0, 1] is encoded as a Gaussian soft histogram over K bins and multiplied into a K
 * × d table; added to it are a type (observation or action), the step, the channel index and the
 * structural embedding of the channel's body (§3.2, {@link StructuralEmbedding}). Observations of
 * the steps to predict are replaced by a learned mask token. Each block (§3.3) then runs
 *
 * <pre>
 *   x ← x + SelfAttn(LN(x))                  across the observation channels of each step
 *   x ← x + CrossAttn(LN(x), LN(a))          from observation channels to that step's actions
 *   x ← x + FFN(LN(x))
 *   x ← SysMoE(x)                            along time, for each (sample, channel) sequence
 * </pre>
 *
 * and a linear head gives K logits per observation token. Training minimises the cross-entropy to
 * the soft histograms of the masked observations (§3.4); the point prediction is the expectation of
 * the bin centres. The whole predicted span comes out of one forward pass.
 *
 * <p>Shapes: observations {@code [batch, time, obsChannel]}, actions {@code [batch, time,
 * actChannel]}, tokens {@code [batch, time, obsChannel, d]} and {@code [batch, time, actChannel,
 * d]}, logits {@code [batch, time, obsChannel, K]}. Padded channels are masked as attention keys
 * and excluded from the loss; their own outputs are computed and ignored.
 *
 * <p>Threading: one forward pass at a time.
 */
public final class WestWorld implements SequenceModel {
  private final WestWorldConfig config;
  private final Variant variant;
  private final Params params;
  private final SoftHistogram histogram;
  private final NDArray valueTable;
  private final NDArray maskToken;
  private final Embedding type;
  private final Embedding time;
  private final Embedding obsChannel;
  private final Embedding actChannel;
  private final StructuralEmbedding structure;
  private final List<Block> blocks = new ArrayList<>();
  private final Norm headNorm;
  private final Dense head;

  private final class Block {
    final Norm selfNorm;
    final Attention self;
    final Norm crossNorm;
    final Norm actionNorm;
    final Attention cross;
    final Norm ffnNorm;
    final FeedForward ffn;
    final SysMoe temporal;

    Block(String name, double gain) {
      long d = config.d();
      selfNorm = new Norm(params, name + ".selfNorm", d);
      self = new Attention(params, name + ".self", d, config.heads(), gain);
      crossNorm = new Norm(params, name + ".crossNorm", d);
      actionNorm = new Norm(params, name + ".actionNorm", d);
      cross = new Attention(params, name + ".cross", d, config.heads(), gain);
      ffnNorm = new Norm(params, name + ".ffnNorm", d);
      ffn = new FeedForward(params, name + ".ffn", d, config.ffnHidden(), gain);
      temporal = new SysMoe(params, name + ".sysMoe", config, variant.moe(), gain);
    }
  }

  /**
   * Builds a model with fresh parameters.
   *
   * @param config sizes
   * @param variant the full model or an ablation
   * @param device where parameters live (the engine's default device picks a GPU when present)
   * @param seed seeds the initial parameters
   */
  public WestWorld(WestWorldConfig config, Variant variant, Device device, long seed) {
    this.config = config;
    this.variant = variant;
    this.params = new Params(device, seed);
    long d = config.d();
    this.histogram = new SoftHistogram(config.bins());
    this.valueTable = params.normal("embed.value", 1.0, config.bins(), d);
    this.maskToken = params.normal("embed.mask", 0.02, d);
    this.type = new Embedding(params, "embed.type", 2, d, 0.02);
    this.time = new Embedding(params, "embed.time", config.window(), d, 0.02);
    this.obsChannel = new Embedding(params, "embed.obsChannel", config.maxObservations(), d, 0.02);
    this.actChannel = new Embedding(params, "embed.actChannel", config.maxActions(), d, 0.02);
    this.structure =
        variant.structure()
            ? new StructuralEmbedding(params, "embed.structure", config.maxBodies(), d)
            : null;
    double gain = 1.0 / Math.sqrt(2.0 * config.blocks());
    for (int b = 0; b < config.blocks(); b++) {
      blocks.add(new Block("block" + b, gain));
    }
    this.headNorm = new Norm(params, "head.norm", d);
    this.head = new Dense(params, "head.out", d, config.bins(), true, 1.0);
  }

  @Override
  public String kind() {
    return variant.kind();
  }

  /** Which parts are switched on. */
  public Variant variant() {
    return variant;
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
    Limits.check(config, batch, variant.structure());
  }

  /**
   * The forward pass.
   *
   * @param x the batch on the device
   * @return logits {@code [batch, time, obsChannel, K]} and the scalar balancing loss
   */
  public Forward forward(WindowBatch.Tensors x) {
    return forward(x, null);
  }

  private Forward forward(WindowBatch.Tensors x, List<NDArray> routingSink) {
    NDManager m = x.obs().getManager();
    long b = x.obs().getShape().get(0);
    long t = x.obs().getShape().get(1);
    long co = x.obs().getShape().get(2);
    long ca = x.act().getShape().get(2);
    long d = config.d();

    // Tokens: value + type + step + channel (+ body structure); masked observations → mask token.
    NDArray steps = m.arange(0, (int) t).toType(DataType.INT64, false);
    NDArray timeEmb = time.forward(steps).reshape(1, t, 1, d);
    NDArray given = x.observed().reshape(b, t, 1, 1);
    NDArray obsValue = histogram.encode(x.obs()).matMul(valueTable);
    NDArray obs = obsValue.mul(given).add(maskToken.mul(given.neg().add(1)));
    NDArray obsExtra =
        obsChannel
            .forward(m.arange(0, (int) co).toType(DataType.INT64, false))
            .reshape(1, 1, co, d);
    NDArray actExtra =
        actChannel
            .forward(m.arange(0, (int) ca).toType(DataType.INT64, false))
            .reshape(1, 1, ca, d);
    if (structure != null) {
      obsExtra = obsExtra.add(structure.forward(x.obsBody()).reshape(b, 1, co, d));
      actExtra = actExtra.add(structure.forward(x.actBody()).reshape(b, 1, ca, d));
    }
    NDArray typeObs = type.forward(m.create(new long[] {0})).reshape(1, 1, 1, d);
    NDArray typeAct = type.forward(m.create(new long[] {1})).reshape(1, 1, 1, d);
    obs = obs.add(typeObs).add(timeEmb).add(obsExtra);
    NDArray act =
        histogram.encode(x.act()).matMul(valueTable).add(typeAct).add(timeEmb).add(actExtra);

    // Masks: padded channels hide as keys; the per-step rows repeat each sample's mask.
    NDArray obsBias =
        Attention.keyBias(x.obsValid().reshape(b, 1, co).broadcast(b, t, co).reshape(b * t, co));
    NDArray actBias =
        Attention.keyBias(x.actValid().reshape(b, 1, ca).broadcast(b, t, ca).reshape(b * t, ca));
    NDArray sequenceValid = x.obsValid().reshape(b * co);
    NDArray actRows = act.reshape(b * t, ca, d);

    NDArray h = obs.reshape(b * t, co, d);
    NDArray balance = m.zeros(new ai.djl.ndarray.types.Shape());
    for (Block blk : blocks) {
      NDArray n1 = blk.selfNorm.forward(h);
      h = h.add(blk.self.forward(n1, n1, obsBias));
      h =
          h.add(
              blk.cross.forward(
                  blk.crossNorm.forward(h), blk.actionNorm.forward(actRows), actBias));
      h = h.add(blk.ffn.forward(blk.ffnNorm.forward(h)));
      NDArray seq = h.reshape(b, t, co, d).transpose(0, 2, 1, 3).reshape(b * co, t, d);
      SysMoe.Output out = blk.temporal.forward(seq, sequenceValid);
      balance = balance.add(out.balance());
      if (routingSink != null && out.routing() != null) {
        routingSink.add(out.routing());
      }
      h = out.out().reshape(b, co, t, d).transpose(0, 2, 1, 3).reshape(b * t, co, d);
    }
    NDArray logits = head.forward(headNorm.forward(h)).reshape(b, t, co, config.bins());
    return new Forward(logits, balance);
  }

  /**
   * The output of a forward pass.
   *
   * @param logits {@code [batch, time, obsChannel, K]}
   * @param balance scalar load-balancing loss summed over blocks
   */
  public record Forward(NDArray logits, NDArray balance) {}

  /**
   * Which observation tokens count in the loss: predicted steps of real channels.
   *
   * @return {@code [batch, time, obsChannel]}
   */
  static NDArray lossMask(WindowBatch.Tensors x) {
    long b = x.obs().getShape().get(0);
    long t = x.obs().getShape().get(1);
    long co = x.obs().getShape().get(2);
    NDArray predicted = x.observed().neg().add(1).reshape(b, t, 1);
    return predicted.mul(x.obsValid().reshape(b, 1, co));
  }

  @Override
  public NDArray loss(WindowBatch batch, WindowBatch.Tensors x) {
    check(batch);
    Forward f = forward(x);
    NDArray mask = lossMask(x);
    NDArray ce = histogram.crossEntropy(f.logits(), x.obs());
    NDArray loss = ce.mul(mask).sum().div(mask.sum().maximum(1f));
    return loss.add(f.balance().mul((float) config.balanceWeight()));
  }

  /**
   * Masked cross-entropy of a batch without gradients: the mean over predicted tokens.
   *
   * @return mean cross-entropy in nats
   */
  public double crossEntropy(WindowBatch batch) {
    check(batch);
    try (NDManager m = params.manager().newSubManager()) {
      WindowBatch.Tensors x = batch.tensors(m);
      Forward f = forward(x);
      NDArray mask = lossMask(x);
      NDArray ce = histogram.crossEntropy(f.logits(), x.obs());
      return ce.mul(mask).sum().div(mask.sum().maximum(1f)).getFloat();
    }
  }

  @Override
  public float[] predict(WindowBatch batch) {
    check(batch);
    try (NDManager m = params.manager().newSubManager()) {
      WindowBatch.Tensors x = batch.tensors(m);
      NDArray point = histogram.expectation(forward(x).logits());
      NDArray given = x.observed().reshape(batch.batch(), batch.time(), 1);
      NDArray valid = x.obsValid().reshape(batch.batch(), 1, batch.obsChannels());
      NDArray out = x.obs().mul(given).add(point.mul(given.neg().add(1))).mul(valid);
      return out.toFloatArray();
    }
  }

  /**
   * The routing weights of each block's Sys-MoE layer, for inspection: one array {@code [batch,
   * obsChannel, experts]} per block (empty for the dense ablation).
   */
  public List<float[]> routing(WindowBatch batch) {
    check(batch);
    List<float[]> out = new ArrayList<>();
    try (NDManager m = params.manager().newSubManager()) {
      List<NDArray> sink = new ArrayList<>();
      forward(batch.tensors(m), sink);
      for (NDArray r : sink) {
        out.add(r.toFloatArray());
      }
    }
    return out;
  }

  /**
   * The multiply-add work of one forward pass, counted from the matrix products (2 floating-point
   * operations per multiply-add; element-wise work, normalisation and softmax are left out), for
   * relating measured speed to the machine's matrix-multiply peak.
   *
   * @param b windows
   * @param t steps per window
   * @param co observation channels
   * @param ca action channels
   * @return floating-point operations
   */
  public double forwardFlops(long b, long t, long co, long ca) {
    double d = config.d();
    double k = config.bins();
    double obs = (double) b * t * co;
    double act = (double) b * t * ca;
    double flops = 2 * (obs + act) * k * d; // value encoding
    double n = (double) b * co;
    double l = variant.moe() ? t + 1 : t;
    double inner = config.ssmInner();
    double heads = config.ssmHeads();
    double state = config.ssmState();
    double p = inner / heads;
    double c = Math.min(config.ssmChunk(), l);
    double chunks = Math.ceil(l / c);
    for (int blk = 0; blk < config.blocks(); blk++) {
      flops += 2 * obs * 4 * d * d + 4 * obs * co * d; // self-attention
      flops += 2 * obs * 2 * d * d + 2 * act * 2 * d * d + 4 * obs * ca * d; // cross-attention
      flops += 2 * obs * 2 * d * config.ffnHidden(); // feed-forward
      double tokens = n * l;
      flops +=
          2 * tokens * d * (2 * inner + heads + 2 * state) + 2 * tokens * inner * d; // SSM maps
      flops += 2 * n * chunks * (c * c * state + heads * c * c * p + 2 * heads * state * c * p);
      double hidden = (double) config.experts() * config.expertHidden();
      flops += 2 * obs * 2 * d * hidden; // experts (all evaluated) or the dense layer
    }
    flops += 2 * obs * d * k; // head
    return flops;
  }

  @Override
  public void close() {
    params.close();
  }
}
