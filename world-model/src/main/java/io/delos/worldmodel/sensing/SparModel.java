package io.delos.worldmodel.sensing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.delos.worldmodel.nn.Attention;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.Embedding;
import io.delos.worldmodel.nn.FeedForward;
import io.delos.worldmodel.nn.Norm;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.sequence.AdamW;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * SPAR: a placement-aware transformer over the nodes of a distributed sensor layout (Chen, Wang,
 * Lyu et al., "SPAR", 2025, arXiv 2505.16936), pretrained self-supervised with two reconstructions.
 *
 * <p>Each node becomes one token, the sum of three embeddings:
 *
 * <pre>
 *   hᵢ = E_sig(sᵢ) + E_pos(γ(pᵢ)) + E_role(rᵢ),   γ(p) = [sin 2π B p, cos 2π B p],  B ~ N(0, σ²)
 * </pre>
 *
 * with sᵢ the node's window (divided by the pretraining set's signal deviation), pᵢ its position
 * (centred and scaled by the pretraining set's spread), B a fixed random matrix of {@code
 * fourierFeatures} frequencies and rᵢ its role ({@code mounting · modalities + modality}). The
 * spatial and structural terms can be switched off ({@link SparConfig#spatial}, {@link
 * SparConfig#structural}). Pre-norm transformer blocks mix the tokens; nodes are a set, so no order
 * embedding is used, and padding nodes are hidden from attention.
 *
 * <p>Pretraining (the paper's two objectives; weights and ratios ours): in every scene a random
 * disjoint pair of node sets is drawn; the first has its signal replaced by a learned mask token
 * and the model reconstructs the signal from the other nodes and the positions; the second has its
 * position replaced by a learned mask token and the model reconstructs the position from the
 * signals:
 *
 * <pre>
 *   L = w_sig · mean_{i ∈ M_sig} ‖ŝᵢ − sᵢ‖² / W + w_pos · mean_{i ∈ M_pos} ‖p̂ᵢ − pᵢ‖² / 2
 * </pre>
 *
 * A masked node's signal (and position) are zeroed before they reach the model, so nothing of what
 * is reconstructed leaks into the input.
 *
 * <p>Shapes: signals {@code [batch, node, window]}, positions {@code [batch, node, 2]}, roles
 * {@code [batch, node]} → tokens {@code [batch, node, width]} → encoder output {@code [batch, node,
 * width]}. The frozen node representation handed to downstream heads ({@link SparProbe}) is the
 * input token and the encoder output side by side, {@code [node, 2·width]}; the pooled scene
 * representation is the mean and the maximum of the encoder output over the valid nodes, {@code
 * [batch, 2·width]}.
 *
 * <p>Not thread-safe: one call at a time; {@link #close} frees the native memory.
 */
public final class SparModel implements AutoCloseable {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  private static final double CLIP_NORM = 1;
  private static final double WEIGHT_DECAY = 1e-4;

  /** Receives pretraining progress. */
  @FunctionalInterface
  public interface Listener {
    /** Ignores everything. */
    Listener NONE = (epoch, loss) -> {};

    /**
     * Called after every epoch.
     *
     * @param epoch epochs done, from 1
     * @param loss mean pretraining loss of the epoch's steps
     */
    void epochDone(int epoch, double loss);
  }

  /**
   * How a model normalises its inputs, fixed by its pretraining set.
   *
   * @param signal the signals' root-mean-square value, > 0, in their unit
   * @param centreX mean x of the pretraining nodes, m
   * @param centreY mean y of the pretraining nodes, m
   * @param position spread of the pretraining nodes' positions, > 0, m
   */
  public record Scaling(double signal, double centreX, double centreY, double position) {
    /** Validates the values. */
    public Scaling {
      if (!(signal > 0) || !Double.isFinite(signal)) {
        throw new IllegalArgumentException("signal = " + signal + ": allowed finite and > 0");
      }
      Checks.finite("centreX", centreX);
      Checks.finite("centreY", centreY);
      if (!(position > 0) || !Double.isFinite(position)) {
        throw new IllegalArgumentException("position = " + position + ": allowed finite and > 0");
      }
    }
  }

  private final SparConfig config;
  private final Params params;
  private final Dense signalIn;
  private final Dense signalMix;
  private final Dense spatial;
  private final Embedding structural;
  private final NDArray signalMask;
  private final NDArray positionMask;
  private final Norm[] norm1;
  private final Attention[] attention;
  private final Norm[] norm2;
  private final FeedForward[] feedForward;
  private final Norm out;
  private final Dense signalHead;
  private final Dense positionHead;
  private final float[] frequencies;
  private final double signalScale;
  private final double[] centre;
  private final double positionScale;

  private SparModel(SparConfig c, double signalScale, double[] centre, double positionScale) {
    this.config = c;
    this.signalScale = signalScale;
    this.centre = centre;
    this.positionScale = positionScale;
    this.params = new Params(Device.cpu(), c.seed());
    int d = c.width();
    double residualGain = 1 / Math.sqrt(2.0 * c.layers());
    this.signalIn = new Dense(params, "spar.signal.in", c.window(), d);
    this.signalMix = new Dense(params, "spar.signal.mix", d, d);
    this.spatial = new Dense(params, "spar.spatial", 2L * c.fourierFeatures(), d);
    this.structural = new Embedding(params, "spar.structural", c.roles(), d, 0.5);
    this.signalMask = params.normal("spar.signal.mask", 0.5, d);
    this.positionMask = params.normal("spar.position.mask", 0.5, d);
    this.norm1 = new Norm[c.layers()];
    this.attention = new Attention[c.layers()];
    this.norm2 = new Norm[c.layers()];
    this.feedForward = new FeedForward[c.layers()];
    for (int l = 0; l < c.layers(); l++) {
      norm1[l] = new Norm(params, "spar.block" + l + ".norm1", d);
      attention[l] =
          new Attention(params, "spar.block" + l + ".attention", d, c.heads(), residualGain);
      norm2[l] = new Norm(params, "spar.block" + l + ".norm2", d);
      feedForward[l] = new FeedForward(params, "spar.block" + l + ".ff", d, 2L * d, residualGain);
    }
    this.out = new Norm(params, "spar.out", d);
    this.signalHead = new Dense(params, "spar.head.signal", d, c.window());
    this.positionHead = new Dense(params, "spar.head.position", d, 2);
    SplittableRandom r = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
    this.frequencies = new float[2 * c.fourierFeatures()];
    for (int i = 0; i < frequencies.length; i++) {
      frequencies[i] = (float) (c.fourierScale() * gaussian(r));
    }
  }

  /**
   * Pretrains a model on unlabelled scenes.
   *
   * @param scenes scenes whose windows have {@code config.window()} samples and whose roles are
   *     below {@code config.roles()}
   * @param config sizes, objectives and optimiser
   * @param listener receives the loss of every epoch
   * @throws IllegalArgumentException for an empty set or a scene that does not fit the config
   */
  public static SparModel pretrain(List<SensorScene> scenes, SparConfig config, Listener listener) {
    Checks.notNull("config", config);
    Checks.notNull("listener", listener);
    if (scenes == null || scenes.isEmpty()) {
      throw new IllegalArgumentException("scenes is empty: allowed >= 1 scene");
    }
    double sumSq = 0;
    long samples = 0;
    double[] sum = new double[2];
    double[] sq = new double[2];
    long nodes = 0;
    for (int s = 0; s < scenes.size(); s++) {
      check(config, "scenes[" + s + "]", scenes.get(s));
      for (SensorNode n : scenes.get(s).nodes()) {
        for (int k = 0; k < n.signal().size(); k++) {
          sumSq += n.signal().get(k) * n.signal().get(k);
        }
        samples += n.signal().size();
        sum[0] += n.x();
        sum[1] += n.y();
        sq[0] += n.x() * n.x();
        sq[1] += n.y() * n.y();
        nodes++;
      }
    }
    double signalScale = Math.sqrt(sumSq / samples);
    double[] centre = {sum[0] / nodes, sum[1] / nodes};
    double spread =
        Math.sqrt(
            (sq[0] / nodes - centre[0] * centre[0] + sq[1] / nodes - centre[1] * centre[1]) / 2);
    SparModel model =
        new SparModel(
            config, signalScale > 1e-12 ? signalScale : 1, centre, spread > 1e-9 ? spread : 1);
    try {
      model.train(scenes, listener);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * A pretrained model rebuilt from what {@link #scaling()} and {@link #parameterValues()} gave.
   *
   * @param config the settings it was built with
   * @param scaling its input normalisation
   * @param values its parameters by name
   * @throws IllegalArgumentException when the values do not name exactly the parameters {@code
   *     config} builds, with their sizes
   */
  public static SparModel restore(SparConfig config, Scaling scaling, Map<String, float[]> values) {
    Checks.notNull("config", config);
    Checks.notNull("scaling", scaling);
    Checks.notNull("values", values);
    SparModel model =
        new SparModel(
            config,
            scaling.signal(),
            new double[] {scaling.centreX(), scaling.centreY()},
            scaling.position());
    try {
      model.params.load(values);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** How this model normalises signals and positions. */
  public Scaling scaling() {
    return new Scaling(signalScale, centre[0], centre[1], positionScale);
  }

  /** Every parameter's values by name, in creation order (a copy). */
  public Map<String, float[]> parameterValues() {
    return params.snapshot();
  }

  /** The settings this model was built with. */
  public SparConfig config() {
    return config;
  }

  /** Scalar parameters. */
  public long parameterCount() {
    return params.count();
  }

  /** Width of {@link #representation}: the mean and the maximum of the node representations. */
  public int representationSize() {
    return 2 * config.width();
  }

  /**
   * Node representations of one scene with some nodes' signals hidden.
   *
   * @param scene the scene
   * @param maskedSignals indices of nodes whose signal is replaced by the mask token
   * @return {@code [node][width]}
   * @throws IllegalArgumentException when the scene does not fit the config or an index is out of
   *     range
   */
  public double[][] nodeRepresentations(SensorScene scene, Set<Integer> maskedSignals) {
    check(config, "scene", scene);
    float[] sMask = maskOf("maskedSignals", scene.size(), maskedSignals);
    try (NDScope scope = new NDScope();
        NDManager m = params.manager().newSubManager()) {
      Batch b = batch(m, List.of(scene), List.of(sMask), List.of(new float[scene.size()]));
      float[] h = encode(b).toFloatArray();
      scope.suppressNotUsedWarning();
      int d = config.width();
      double[][] outRows = new double[scene.size()][d];
      for (int i = 0; i < scene.size(); i++) {
        for (int k = 0; k < d; k++) {
          outRows[i][k] = h[i * d + k];
        }
      }
      return outRows;
    }
  }

  /**
   * Reconstructed windows of every node, with some nodes' signals hidden, in the signals' unit.
   *
   * @param scene the scene
   * @param maskedSignals indices of nodes whose signal is hidden
   * @return {@code [node][window]}
   */
  public double[][] reconstructSignals(SensorScene scene, Set<Integer> maskedSignals) {
    check(config, "scene", scene);
    float[] sMask = maskOf("maskedSignals", scene.size(), maskedSignals);
    try (NDScope scope = new NDScope();
        NDManager m = params.manager().newSubManager()) {
      Batch b = batch(m, List.of(scene), List.of(sMask), List.of(new float[scene.size()]));
      float[] y = signalHead.forward(encode(b)).toFloatArray();
      scope.suppressNotUsedWarning();
      int w = config.window();
      double[][] rows = new double[scene.size()][w];
      for (int i = 0; i < scene.size(); i++) {
        for (int k = 0; k < w; k++) {
          rows[i][k] = y[i * w + k] * signalScale;
        }
      }
      return rows;
    }
  }

  /**
   * Frozen node representations of many scenes, nothing masked, for {@link SparProbe}: each node's
   * input token and its encoder output side by side.
   *
   * @param scenes scenes that fit the config
   * @return one {@code [node][2·width]} array per scene
   */
  public List<double[][]> nodeRepresentations(List<SensorScene> scenes) {
    if (scenes == null || scenes.isEmpty()) {
      throw new IllegalArgumentException("scenes is empty: allowed >= 1 scene");
    }
    for (int s = 0; s < scenes.size(); s++) {
      check(config, "scenes[" + s + "]", scenes.get(s));
    }
    int d = config.width();
    List<double[][]> result = new ArrayList<>(scenes.size());
    int chunk = 256;
    for (int start = 0; start < scenes.size(); start += chunk) {
      List<SensorScene> part = scenes.subList(start, Math.min(scenes.size(), start + chunk));
      List<float[]> none = new ArrayList<>();
      for (SensorScene s : part) {
        none.add(new float[s.size()]);
      }
      try (NDScope scope = new NDScope();
          NDManager m = params.manager().newSubManager()) {
        Batch b = batch(m, part, none, none);
        NDArray t = tokens(b);
        NDArray h =
            ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(t, mixTokens(t, b)), 2);
        int nMax = (int) h.getShape().get(1);
        float[] a = h.toFloatArray();
        scope.suppressNotUsedWarning();
        for (int i = 0; i < part.size(); i++) {
          double[][] rows = new double[part.get(i).size()][2 * d];
          for (int j = 0; j < rows.length; j++) {
            for (int k = 0; k < 2 * d; k++) {
              rows[j][k] = a[(i * nMax + j) * 2 * d + k];
            }
          }
          result.add(rows);
        }
      }
    }
    return result;
  }

  /**
   * Frozen scene representations: mean and maximum of the node representations over the valid
   * nodes, nothing masked.
   *
   * @param scenes scenes that fit the config
   * @return {@code [scene][2·width]}
   */
  public double[][] representation(List<SensorScene> scenes) {
    if (scenes == null || scenes.isEmpty()) {
      throw new IllegalArgumentException("scenes is empty: allowed >= 1 scene");
    }
    for (int s = 0; s < scenes.size(); s++) {
      check(config, "scenes[" + s + "]", scenes.get(s));
    }
    int d = config.width();
    double[][] rows = new double[scenes.size()][2 * d];
    int chunk = 256;
    for (int start = 0; start < scenes.size(); start += chunk) {
      List<SensorScene> part = scenes.subList(start, Math.min(scenes.size(), start + chunk));
      List<float[]> none = new ArrayList<>();
      for (SensorScene s : part) {
        none.add(new float[s.size()]);
      }
      try (NDScope scope = new NDScope();
          NDManager m = params.manager().newSubManager()) {
        Batch b = batch(m, part, none, none);
        NDArray h = encode(b);
        NDArray valid = b.valid.expandDims(2);
        NDArray mean = h.mul(valid).sum(new int[] {1}).div(valid.sum(new int[] {1}));
        NDArray max = h.add(valid.sub(1).mul(1e4f)).max(new int[] {1});
        float[] a = mean.toFloatArray();
        float[] z = max.toFloatArray();
        scope.suppressNotUsedWarning();
        for (int i = 0; i < part.size(); i++) {
          for (int k = 0; k < d; k++) {
            rows[start + i][k] = a[i * d + k];
            rows[start + i][d + k] = z[i * d + k];
          }
        }
      }
    }
    return rows;
  }

  /**
   * The pretraining loss on scenes with masks drawn from {@code seed}, without a gradient step.
   *
   * @param scenes scenes that fit the config
   * @param seed seeds the masks
   * @return the weighted loss L of the class comment, averaged over batches of the config's size
   */
  public double pretrainingLoss(List<SensorScene> scenes, long seed) {
    if (scenes == null || scenes.isEmpty()) {
      throw new IllegalArgumentException("scenes is empty: allowed >= 1 scene");
    }
    SplittableRandom r = new SplittableRandom(seed);
    double total = 0;
    int batches = 0;
    for (int start = 0; start < scenes.size(); start += config.batchSize()) {
      List<SensorScene> part =
          scenes.subList(start, Math.min(scenes.size(), start + config.batchSize()));
      try (NDScope scope = new NDScope();
          NDManager m = params.manager().newSubManager()) {
        total += loss(m, part, r).getFloat();
        batches++;
        scope.suppressNotUsedWarning();
      }
    }
    return total / batches;
  }

  @Override
  public void close() {
    params.close();
  }

  private void train(List<SensorScene> scenes, Listener listener) {
    AdamW adam = new AdamW(params);
    SplittableRandom r = new SplittableRandom(config.seed() ^ 0x2545F4914F6CDD1DL);
    int n = scenes.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double sum = 0;
      int steps = 0;
      for (int start = 0; start < n; start += config.batchSize()) {
        int size = Math.min(config.batchSize(), n - start);
        List<SensorScene> part = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
          part.add(scenes.get(order[start + k]));
        }
        sum += step(adam, part, r);
        steps++;
      }
      listener.epochDone(epoch + 1, sum / steps);
    }
  }

  /** One AdamW step on the pretraining loss of a batch; returns the loss. */
  private double step(AdamW adam, List<SensorScene> part, SplittableRandom r) {
    try (NDScope scope = new NDScope();
        NDManager m = params.manager().newSubManager()) {
      double value;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = loss(m, part, r);
        value = loss.getFloat();
        gc.backward(loss);
      }
      double norm = adam.gradientNorm();
      if (!Double.isFinite(norm)) {
        adam.zeroGradients();
      } else {
        adam.update(
            config.learningRate(),
            WEIGHT_DECAY,
            BETA1,
            BETA2,
            EPSILON,
            norm > CLIP_NORM ? CLIP_NORM / norm : 1.0);
      }
      scope.suppressNotUsedWarning();
      return value;
    }
  }

  /** The weighted pretraining loss of a batch with masks drawn from {@code r}. */
  private NDArray loss(NDManager m, List<SensorScene> part, SplittableRandom r) {
    List<float[]> sMasks = new ArrayList<>();
    List<float[]> pMasks = new ArrayList<>();
    for (SensorScene s : part) {
      int n = s.size();
      int[] perm = permutation(n, r);
      int ks = n == 1 ? 1 : Math.max(1, (int) Math.round(config.signalMaskRatio() * n));
      ks = Math.min(ks, Math.max(1, n - 1));
      int kp = (int) Math.round(config.positionMaskRatio() * n);
      if (config.positionMaskRatio() > 0) {
        kp = Math.max(1, kp);
      }
      kp = Math.max(0, Math.min(kp, n - 1 - ks));
      float[] sm = new float[n];
      float[] pm = new float[n];
      for (int k = 0; k < ks; k++) {
        sm[perm[k]] = 1;
      }
      for (int k = ks; k < ks + kp; k++) {
        pm[perm[k]] = 1;
      }
      sMasks.add(sm);
      pMasks.add(pm);
    }
    Batch b = batch(m, part, sMasks, pMasks);
    NDArray h = encode(b);
    NDArray total = m.zeros(new Shape());
    if (config.signalWeight() > 0) {
      NDArray err = signalHead.forward(h).sub(b.targetSignals).square().mean(new int[] {2});
      NDArray weight = b.signalMask.squeeze(2).mul(b.valid);
      NDArray lossSignal = err.mul(weight).sum().div(weight.sum().maximum(1f));
      total = total.add(lossSignal.mul((float) config.signalWeight()));
    }
    if (config.positionWeight() > 0) {
      NDArray err = positionHead.forward(h).sub(b.targetPositions).square().mean(new int[] {2});
      NDArray weight = b.positionMask.squeeze(2).mul(b.valid);
      NDArray lossPosition = err.mul(weight).sum().div(weight.sum().maximum(1f));
      total = total.add(lossPosition.mul((float) config.positionWeight()));
    }
    return total;
  }

  /** Node representations {@code [batch, node, width]} of a prepared batch. */
  private NDArray encode(Batch b) {
    return mixTokens(tokens(b), b);
  }

  /** Input tokens {@code [batch, node, width]}: the summed embeddings before any mixing. */
  private NDArray tokens(Batch b) {
    NDArray h =
        signalMix
            .forward(signalIn.forward(b.signals).getNDArrayInternal().gelu())
            .mul(b.signalMask.neg().add(1f))
            .add(signalMask.mul(b.signalMask));
    if (config.spatial()) {
      h =
          h.add(
              spatial
                  .forward(b.fourier)
                  .mul(b.positionMask.neg().add(1f))
                  .add(positionMask.mul(b.positionMask)));
    }
    if (config.structural()) {
      h = h.add(structural.forward(b.roles));
    }
    return h;
  }

  /** The transformer blocks and the final norm, {@code [batch, node, width]} both sides. */
  private NDArray mixTokens(NDArray tokens, Batch b) {
    NDArray h = tokens;
    NDArray bias = Attention.keyBias(b.valid);
    for (int l = 0; l < config.layers(); l++) {
      NDArray x = norm1[l].forward(h);
      h = h.add(attention[l].forward(x, x, bias));
      h = h.add(feedForward[l].forward(norm2[l].forward(h)));
    }
    return out.forward(h);
  }

  /** The arrays of a batch, padded to its largest scene; masked inputs are zeroed here. */
  private Batch batch(
      NDManager m, List<SensorScene> scenes, List<float[]> sMasks, List<float[]> pMasks) {
    int b = scenes.size();
    int nMax = 1;
    for (SensorScene s : scenes) {
      nMax = Math.max(nMax, s.size());
    }
    int w = config.window();
    int f = config.fourierFeatures();
    float[] signals = new float[b * nMax * w];
    float[] targets = new float[b * nMax * w];
    float[] fourier = new float[b * nMax * 2 * f];
    float[] positions = new float[b * nMax * 2];
    long[] roles = new long[b * nMax];
    float[] valid = new float[b * nMax];
    float[] sMask = new float[b * nMax];
    float[] pMask = new float[b * nMax];
    for (int i = 0; i < b; i++) {
      List<SensorNode> nodes = scenes.get(i).nodes();
      for (int j = 0; j < nodes.size(); j++) {
        SensorNode node = nodes.get(j);
        int slot = i * nMax + j;
        boolean hideSignal = sMasks.get(i)[j] > 0;
        boolean hidePosition = pMasks.get(i)[j] > 0;
        valid[slot] = 1;
        sMask[slot] = hideSignal ? 1 : 0;
        pMask[slot] = hidePosition ? 1 : 0;
        for (int k = 0; k < w; k++) {
          float v = (float) (node.signal().get(k) / signalScale);
          targets[slot * w + k] = v;
          signals[slot * w + k] = hideSignal ? 0 : v;
        }
        double px = (node.x() - centre[0]) / positionScale;
        double py = (node.y() - centre[1]) / positionScale;
        positions[slot * 2] = (float) px;
        positions[slot * 2 + 1] = (float) py;
        if (!hidePosition) {
          for (int k = 0; k < f; k++) {
            double angle = 2 * Math.PI * (frequencies[2 * k] * px + frequencies[2 * k + 1] * py);
            fourier[slot * 2 * f + k] = (float) Math.sin(angle);
            fourier[slot * 2 * f + f + k] = (float) Math.cos(angle);
          }
        }
        roles[slot] = (long) node.mounting() * config.modalities() + node.modality();
      }
    }
    return new Batch(
        m.create(signals, new Shape(b, nMax, w)),
        m.create(targets, new Shape(b, nMax, w)),
        m.create(fourier, new Shape(b, nMax, 2L * f)),
        m.create(positions, new Shape(b, nMax, 2)),
        m.create(roles, new Shape(b, nMax)).toType(DataType.INT64, false),
        m.create(valid, new Shape(b, nMax)),
        m.create(sMask, new Shape(b, nMax, 1)),
        m.create(pMask, new Shape(b, nMax, 1)));
  }

  /** Rejects a scene whose window length or roles do not fit the config. */
  private static void check(SparConfig c, String field, SensorScene scene) {
    Checks.notNull(field, scene);
    if (scene.windowLength() != c.window()) {
      throw new IllegalArgumentException(
          field
              + " has windows of "
              + scene.windowLength()
              + " samples: allowed the config's window, "
              + c.window());
    }
    for (int i = 0; i < scene.size(); i++) {
      SensorNode n = scene.nodes().get(i);
      if (n.modality() >= c.modalities()) {
        throw new IllegalArgumentException(
            field
                + ".nodes["
                + i
                + "].modality = "
                + n.modality()
                + ": allowed 0 to "
                + (c.modalities() - 1));
      }
      long role = (long) n.mounting() * c.modalities() + n.modality();
      if (role >= c.roles()) {
        throw new IllegalArgumentException(
            field
                + ".nodes["
                + i
                + "].mounting = "
                + n.mounting()
                + ": allowed 0 to "
                + (c.roles() / c.modalities() - 1));
      }
    }
  }

  private static float[] maskOf(String field, int n, Set<Integer> indices) {
    Checks.notNull(field, indices);
    float[] mask = new float[n];
    for (int i : indices) {
      Checks.range(field + " index", i, 0, n - 1);
      mask[i] = 1;
    }
    return mask;
  }

  private static int[] permutation(int n, SplittableRandom r) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The tensors of one batch; masks are 1 where hidden. */
  private record Batch(
      NDArray signals,
      NDArray targetSignals,
      NDArray fourier,
      NDArray targetPositions,
      NDArray roles,
      NDArray valid,
      NDArray signalMask,
      NDArray positionMask) {}
}
