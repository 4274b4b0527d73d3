package io.delos.worldmodel.baseline;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.nn.Attention;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.FeedForward;
import io.delos.worldmodel.nn.Norm;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The TDM-like baseline: a Gato-style transformer over flattened tokens (Reed et al., "A generalist
 * agent", TMLR 2022, §2; the "TDM" of Wang et al., ICML 2026, §5.1). The tokens of step t are its
 * observation scalars then its action scalars (the same value encoding as WestWorld, no structural
 * embedding), laid out one step after another in a single sequence; one attention mixes them all,
 * block-causally: a token sees every token of its own step and of the {@code tdmContext − 1} steps
 * before it, like Gato's fixed token context. The observation tokens of step t predict step t + 1's
 * observations; rollouts are autoregressive, one step per forward pass.
 *
 * <p>The banded attention is computed in blocks of c = {@code tdmContext} steps: the queries of
 * block k attend to the keys of blocks k − 1 and k under a fixed band mask, so the cost grows with
 * time × c × variates² rather than (time × variates)².
 *
 * <p>Shapes: tokens {@code [batch, time, variate, d]}, blocks {@code [batch × blocks, c × variate,
 * d]}, logits {@code [batch, time, obsChannel, K]}.
 */
public final class FlatTransformer implements SequenceModel {
  private final WestWorldConfig config;
  private final Params params;
  private final VariateTokens tokens;
  private final List<Layer> layers = new ArrayList<>();
  private final Norm headNorm;
  private final Dense head;
  private final int context;

  private record Layer(Norm attnNorm, Attention attn, Norm ffnNorm, FeedForward ffn) {}

  /** Builds the model with fresh parameters. */
  public FlatTransformer(WestWorldConfig config, Device device, long seed) {
    this.config = config;
    this.params = new Params(device, seed);
    this.tokens = new VariateTokens(params, config);
    this.context = config.tdmContext();
    long d = config.d();
    double gain = 1.0 / Math.sqrt(2.0 * config.blocks());
    for (int i = 0; i < config.blocks(); i++) {
      String n = "layer" + i;
      layers.add(
          new Layer(
              new Norm(params, n + ".attnNorm", d),
              new Attention(params, n + ".attn", d, config.heads(), gain),
              new Norm(params, n + ".ffnNorm", d),
              new FeedForward(params, n + ".ffn", d, config.ffnHidden(), gain)));
    }
    this.headNorm = new Norm(params, "head.norm", d);
    this.head = new Dense(params, "head.out", d, config.bins(), true, 1.0);
  }

  @Override
  public String kind() {
    return "tdm";
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

  NDArray logits(WindowBatch.Tensors x) {
    NDManager m = x.obs().getManager();
    long b = x.obs().getShape().get(0);
    long t = x.obs().getShape().get(1);
    long co = x.obs().getShape().get(2);
    long d = config.d();
    int c = context;
    NDArray z = tokens.forward(x);
    long v = z.getShape().get(2);
    long nb = (t + c - 1) / c;
    long padded = nb * c;
    if (padded > t) {
      z = NDArrays.concat(new NDList(z, m.zeros(new Shape(b, padded - t, v, d))), 1);
    }
    long q = c * v;
    // Key validity: real variates, and no previous block before the first.
    float[] first = new float[(int) (nb * 2 * c)];
    java.util.Arrays.fill(first, 1f);
    for (int j = 0; j < c; j++) {
      first[j] = 0f;
    }
    NDArray keyValid =
        VariateTokens.valid(x)
            .reshape(b, 1, 1, v)
            .broadcast(b, nb, 2L * c, v)
            .mul(m.create(first, new Shape(1, nb, 2L * c, 1)))
            .reshape(b * nb, 2 * q);
    NDArray bias = Attention.keyBias(keyValid).add(bandBias(m, c, v));
    NDArray h = z.reshape(b * nb, q, d);
    for (Layer layer : layers) {
      NDArray n = layer.attnNorm().forward(h);
      NDArray cur = n.reshape(b, nb, q, d);
      NDArray prev =
          nb > 1
              ? NDArrays.concat(
                  new NDList(m.zeros(new Shape(b, 1, q, d)), cur.get(new NDIndex(":, :-1"))), 1)
              : m.zeros(new Shape(b, 1, q, d));
      NDArray keys = NDArrays.concat(new NDList(prev, cur), 2).reshape(b * nb, 2 * q, d);
      h = h.add(layer.attn().forward(n, keys, bias));
      h = h.add(layer.ffn().forward(layer.ffnNorm().forward(h)));
    }
    NDArray obs = h.reshape(b, padded, v, d).get(new NDIndex(":, :{}, :{}", t, co));
    return head.forward(headNorm.forward(obs));
  }

  /**
   * The band: query at local step i sees keys of the previous block at local steps j > i and of its
   * own block at j ≤ i; {@code [1, 1, c·variate, 2c·variate]}.
   */
  static NDArray bandBias(NDManager m, int c, long v) {
    int q = (int) (c * v);
    float[] bias = new float[q * 2 * q];
    for (int i = 0; i < q; i++) {
      int stepI = (int) (i / v);
      for (int k = 0; k < 2 * q; k++) {
        int part = k / q;
        int stepJ = (int) ((k % q) / v);
        boolean allowed = part == 0 ? stepJ > stepI : stepJ <= stepI;
        if (!allowed) {
          bias[i * 2 * q + k] = Attention.MASKED;
        }
      }
    }
    return m.create(bias, new Shape(1, 1, q, 2L * q));
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
