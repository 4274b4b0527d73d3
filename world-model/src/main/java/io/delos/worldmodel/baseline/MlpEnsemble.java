package io.delos.worldmodel.baseline;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;

/**
 * The PETS-style baseline (Chua et al., "Deep reinforcement learning in a handful of trials using
 * probabilistic dynamics models", NeurIPS 2018), as the WestWorld paper compares with it (Wang et
 * al., ICML 2026, §5.1): an ensemble of E multilayer perceptrons, each predicting the next
 * normalised observation from the current one and the action,
 *
 * <pre>
 *   ôₜ₊₁ = clip(oₜ + (1/E) Σₑ fₑ([oₜ, aₜ, mask_o, mask_a]), 0, 1)
 * </pre>
 *
 * rolled out autoregressively from the last observed step. To take systems of different sizes in
 * one batch, observations and actions are zero-padded to the configuration's largest counts and the
 * channel masks are inputs too. Each member is trained with mean squared error on the normalised
 * one-step change (teacher forcing on every step pair of each window).
 *
 * <p>Limitation: members are deterministic (no Gaussian output head) and differ only by their
 * initialisation, not by bootstrapped data; the rollout uses the ensemble mean.
 *
 * <p>Shapes: member input {@code [E, rows, 2(maxObs + maxAct)]}, output {@code [E, rows, maxObs]}.
 */
public final class MlpEnsemble implements SequenceModel {
  private static final int LAYERS = 3;
  private final WestWorldConfig config;
  private final Params params;
  private final NDArray[] weights = new NDArray[LAYERS + 1];
  private final NDArray[] biases = new NDArray[LAYERS + 1];
  private final int members;
  private final long maxObs;
  private final long maxAct;

  /** Builds the ensemble with fresh parameters. */
  public MlpEnsemble(WestWorldConfig config, Device device, long seed) {
    this.config = config;
    this.params = new Params(device, seed);
    this.members = config.ensemble();
    this.maxObs = config.maxObservations();
    this.maxAct = config.maxActions();
    long in = 2 * (maxObs + maxAct);
    long h = config.mlpHidden();
    long[] widths = {in, h, h, h, maxObs};
    for (int l = 0; l <= LAYERS; l++) {
      double gain = l == LAYERS ? 0.1 : 1.0;
      weights[l] =
          params.normal(
              "mlp.layer" + l + ".w",
              gain / Math.sqrt(widths[l]),
              members,
              widths[l],
              widths[l + 1]);
      biases[l] = params.constant("mlp.layer" + l + ".b", 0, members, 1, widths[l + 1]);
    }
  }

  @Override
  public String kind() {
    return "mlp-ensemble";
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

  /** Member outputs {@code [E, rows, maxObs]} for inputs {@code [rows, 2(maxObs + maxAct)]}. */
  private NDArray members(NDArray input) {
    NDArray h =
        input.expandDims(0).broadcast(members, input.getShape().get(0), input.getShape().get(1));
    for (int l = 0; l <= LAYERS; l++) {
      h = h.matMul(weights[l]).add(biases[l]);
      if (l < LAYERS) {
        h = Activation.relu(h);
      }
    }
    return h;
  }

  /**
   * The padded input rows of every (window, step).
   *
   * @param obs {@code [batch, time, maxObs]} padded
   * @param act {@code [batch, time, maxAct]} padded
   * @param masks {@code [batch, 1, maxObs + maxAct]}
   * @return {@code [batch, time, 2(maxObs + maxAct)]}
   */
  private static NDArray rows(NDArray obs, NDArray act, NDArray masks) {
    long b = obs.getShape().get(0);
    long t = obs.getShape().get(1);
    NDArray m = masks.broadcast(b, t, masks.getShape().get(2));
    return NDArrays.concat(new NDList(obs, act, m), -1);
  }

  private NDArray pad(NDArray x, long to) {
    long have = x.getShape().get(2);
    if (have == to) {
      return x;
    }
    Shape s = new Shape(x.getShape().get(0), x.getShape().get(1), to - have);
    return NDArrays.concat(new NDList(x, x.getManager().zeros(s)), 2);
  }

  private NDArray masks(WindowBatch.Tensors x) {
    long b = x.obs().getShape().get(0);
    NDArray mo = pad(x.obsValid().reshape(b, 1, -1), maxObs);
    NDArray ma = pad(x.actValid().reshape(b, 1, -1), maxAct);
    return NDArrays.concat(new NDList(mo, ma), -1);
  }

  @Override
  public NDArray loss(WindowBatch batch, WindowBatch.Tensors x) {
    check(batch);
    long b = batch.batch();
    long t = batch.time();
    NDArray obs = pad(x.obs(), maxObs);
    NDArray act = pad(x.act(), maxAct);
    NDArray in = rows(obs, act, masks(x)).get(new NDIndex(":, :-1"));
    NDArray target = obs.get(new NDIndex(":, 1:")).sub(obs.get(new NDIndex(":, :-1")));
    NDArray out = members(in.reshape(b * (t - 1), -1)).reshape(members, b, t - 1, maxObs);
    NDArray valid = pad(x.obsValid().reshape(b, 1, -1), maxObs).reshape(1, b, 1, maxObs);
    NDArray err = out.sub(target.expandDims(0)).square().mul(valid);
    return err.sum().div(valid.sum().mul((float) (members * (t - 1))).maximum(1f));
  }

  @Override
  public float[] predict(WindowBatch batch) {
    check(batch);
    int b = batch.batch();
    int t = batch.time();
    int co = batch.obsChannels();
    float[] out = batch.observations();
    try (NDScope scope = new NDScope();
        NDManager m = params.manager().newSubManager()) {
      WindowBatch.Tensors x = batch.tensors(m);
      NDArray masks = masks(x);
      NDArray act = pad(x.act(), maxAct);
      NDArray validObs = x.obsValid();
      for (int s = 0; s + 1 < t; s++) {
        if (allObserved(batch, s + 1)) {
          continue;
        }
        NDArray current = pad(m.create(slice(out, b, t, co, s), new Shape(b, 1, co)), maxObs);
        NDArray in = rows(current, act.get(new NDIndex(":, {}:{}", s, s + 1)), masks);
        NDArray delta = members(in.reshape(b, -1)).mean(new int[] {0});
        NDArray next =
            current
                .reshape(b, maxObs)
                .add(delta)
                .clip(0, 1)
                .get(new NDIndex(":, :{}", co))
                .mul(validObs);
        float[] n = next.toFloatArray();
        for (int i = 0; i < b; i++) {
          if (!batch.observed(i, s + 1)) {
            System.arraycopy(n, i * co, out, (i * t + s + 1) * co, co);
          }
        }
      }
      scope.suppressNotUsedWarning();
    }
    return out;
  }

  static boolean allObserved(WindowBatch batch, int step) {
    for (int i = 0; i < batch.batch(); i++) {
      if (!batch.observed(i, step)) {
        return false;
      }
    }
    return true;
  }

  static float[] slice(float[] values, int b, int t, int co, int step) {
    float[] s = new float[b * co];
    for (int i = 0; i < b; i++) {
      System.arraycopy(values, (i * t + step) * co, s, i * co, co);
    }
    return s;
  }

  @Override
  public void close() {
    params.close();
  }
}
