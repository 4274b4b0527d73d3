package io.delos.worldmodel.mlp;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.delos.sim.Dynamics;
import io.delos.sim.State;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.data.Transitions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * A feed-forward network that predicts the change of the observation over one control step:
 *
 * <pre>
 *   x⁺ = x + σ_Δ ⊙ MLP([(x − μₓ)/σₓ, (u − μᵤ)/σᵤ]) + μ_Δ
 * </pre>
 *
 * trained with mean squared error on normalised deltas (Adam, early stopping on a held-out split).
 * The single model of a PETS-style ensemble (Chua et al., NeurIPS 2018), and the model the model
 * host serves before WestWorld is trained.
 *
 * <p>Shapes: network input {@code [batch, n + m]}, output {@code [batch, n]}. Rollouts run the
 * whole batch through the network once per horizon step.
 *
 * <p>Threading: {@link #rollout} is synchronized; one rollout runs at a time.
 */
public final class MlpDynamics implements Dynamics, AutoCloseable {
  /**
   * Hears about training as it goes; the caller decides what to show.
   *
   * <p>Threading: called on the training thread.
   */
  public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = (epoch, maxEpochs, validationLoss) -> {};

    /**
     * An epoch finished.
     *
     * @param epoch epochs finished so far, >= 1
     * @param maxEpochs the epoch limit of the run
     * @param validationLoss mean squared error on normalised deltas of the held-out transitions
     *     after this epoch (0 when nothing is held out)
     */
    void onEpoch(int epoch, int maxEpochs, double validationLoss);

    /**
     * Asked before every epoch; true stops training, which then throws {@link
     * CancellationException}.
     */
    default boolean stopRequested() {
      return false;
    }

    /**
     * Asked before every epoch after the first; true ends training there and keeps the best
     * parameters so far (a time budget ran out), without an exception.
     */
    default boolean finishEarly() {
      return false;
    }
  }

  private final Model model;
  private final List<Integer> hidden;
  private final ParameterStore parameters;
  private final Normalizer x;
  private final Normalizer u;
  private final Normalizer delta;
  private final double[] xMean;
  private final double[] xStd;
  private final double[] uMean;
  private final double[] uStd;
  private final double[] dMean;
  private final double[] dStd;
  private final int n;
  private final int m;
  private final double validationLoss;
  private final int epochsRun;

  private MlpDynamics(
      Model model,
      List<Integer> hidden,
      Normalizer x,
      Normalizer u,
      Normalizer delta,
      double validationLoss,
      int epochsRun) {
    this.model = model;
    this.hidden = List.copyOf(hidden);
    this.parameters = new ParameterStore(model.getNDManager(), false);
    this.x = x;
    this.u = u;
    this.delta = delta;
    this.n = x.width();
    this.m = u.width();
    this.xMean = x.mean();
    this.xStd = x.std();
    this.uMean = u.mean();
    this.uStd = u.std();
    this.dMean = delta.mean();
    this.dStd = delta.std();
    this.validationLoss = validationLoss;
    this.epochsRun = epochsRun;
  }

  private static SequentialBlock network(List<Integer> hidden, int out) {
    SequentialBlock block = new SequentialBlock();
    for (int h : hidden) {
      block.add(Linear.builder().setUnits(h).build());
      block.add(Activation::relu);
    }
    block.add(Linear.builder().setUnits(out).build());
    return block;
  }

  /**
   * Trains a model on recorded trajectories.
   *
   * @param trajectories transitions within episodes are used
   * @param config size and training settings
   * @return the trained model, on the engine's default device
   */
  public static MlpDynamics train(List<Trajectory> trajectories, MlpConfig config) {
    return train(trajectories, config, TrainingListener.NONE);
  }

  /**
   * Trains a model on recorded trajectories, reporting each epoch.
   *
   * @param trajectories transitions within episodes are used
   * @param config size and training settings
   * @param listener hears each epoch and may stop the training
   * @return the trained model, on the engine's default device
   * @throws CancellationException when the listener asked to stop
   */
  public static MlpDynamics train(
      List<Trajectory> trajectories, MlpConfig config, TrainingListener listener) {
    Transitions t = Transitions.of(trajectories);
    double[] deltas = deltas(t);
    Normalizer nx = Normalizer.fit(t.states(), t.count(), t.n());
    Normalizer nu = Normalizer.fit(t.actions(), t.count(), t.m());
    Normalizer nd = Normalizer.fit(deltas, t.count(), t.n());
    return fit(t, deltas, nx, nu, nd, config, config.hidden(), null, listener);
  }

  /**
   * Fine-tunes a copy of this model on more trajectories: training starts from this model's weights
   * and keeps its architecture and normalisation statistics. This model is unchanged.
   *
   * @param trajectories transitions within episodes are used; sizes must match this model's
   * @param config training settings; its hidden widths are ignored (the architecture is kept)
   * @param listener hears each epoch and may stop the training
   * @return the fine-tuned model
   * @throws IllegalArgumentException when the trajectories' sizes differ from the model's
   * @throws CancellationException when the listener asked to stop
   */
  public MlpDynamics fineTune(
      List<Trajectory> trajectories, MlpConfig config, TrainingListener listener) {
    Transitions t = Transitions.of(trajectories);
    if (t.n() != n || t.m() != m) {
      throw new IllegalArgumentException(
          "trajectories are "
              + t.n()
              + "x"
              + t.m()
              + " (observations x actions): this model is "
              + n
              + "x"
              + m);
    }
    return fit(t, deltas(t), x, u, delta, config, hidden, model, listener);
  }

  /** Hidden layer widths. */
  public List<Integer> hidden() {
    return hidden;
  }

  private static double[] deltas(Transitions t) {
    double[] deltas = new double[t.count() * t.n()];
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] = t.next()[i] - t.states()[i];
    }
    return deltas;
  }

  private static MlpDynamics fit(
      Transitions t,
      double[] deltas,
      Normalizer nx,
      Normalizer nu,
      Normalizer nd,
      MlpConfig config,
      List<Integer> hidden,
      Model initial,
      TrainingListener listener) {
    int n = t.n();
    int m = t.m();
    int count = t.count();
    float[] inputs = new float[count * (n + m)];
    float[] targets = new float[count * n];
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < n; c++) {
        inputs[i * (n + m) + c] = (float) ((t.states()[i * n + c] - nx.mean()[c]) / nx.std()[c]);
        targets[i * n + c] = (float) ((deltas[i * n + c] - nd.mean()[c]) / nd.std()[c]);
      }
      for (int c = 0; c < m; c++) {
        inputs[i * (n + m) + n + c] =
            (float) ((t.actions()[i * m + c] - nu.mean()[c]) / nu.std()[c]);
      }
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    shuffle(order, random);
    int validation = (int) Math.round(count * config.validationFraction());
    int training = count - validation;

    Engine.getInstance().setRandomSeed((int) config.seed());
    Model model = Model.newInstance("mlp-dynamics", Device.cpu());
    model.setBlock(network(hidden, n));
    DefaultTrainingConfig trainingConfig =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .build())
            .optDevices(new Device[] {Device.cpu()});
    double best = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    int epochs = 0;
    NDList bestParameters = null;
    try (Trainer trainer = model.newTrainer(trainingConfig)) {
      trainer.initialize(new Shape(config.batchSize(), n + m));
      if (initial != null) {
        copyParameters(initial, model);
      }
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        if (epoch > 0 && bestParameters != null && listener.finishEarly()) {
          break;
        }
        if (listener.stopRequested()) {
          if (bestParameters != null) {
            bestParameters.close();
          }
          model.close();
          throw new CancellationException(
              "training stopped on request after " + epochs + " epochs");
        }
        epochs++;
        int[] trainOrder = java.util.Arrays.copyOfRange(order, 0, training);
        shuffle(trainOrder, random);
        for (int start = 0; start < training; start += config.batchSize()) {
          int size = Math.min(config.batchSize(), training - start);
          try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray in = rows(batch, inputs, n + m, trainOrder, start, size);
            NDArray target = rows(batch, targets, n, trainOrder, start, size);
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray prediction = trainer.forward(new NDList(in)).singletonOrThrow();
              NDArray loss = prediction.sub(target).square().mean();
              gc.backward(loss);
            }
            trainer.step();
          }
        }
        double loss =
            validation > 0
                ? meanLoss(trainer, inputs, targets, n, m, order, training, validation)
                : 0;
        listener.onEpoch(epochs, config.epochs(), loss);
        if (loss < best - 1e-6 || validation == 0) {
          best = loss;
          sinceBest = 0;
          if (bestParameters != null) {
            bestParameters.close();
          }
          bestParameters = snapshot(model);
        } else if (++sinceBest >= config.patience()) {
          break;
        }
      }
    }
    restore(model, bestParameters);
    return new MlpDynamics(model, hidden, nx, nu, nd, best, epochs);
  }

  private static void copyParameters(Model from, Model to) {
    var source = from.getBlock().getParameters().values();
    var target = to.getBlock().getParameters().values();
    if (source.size() != target.size()) {
      throw new IllegalStateException(
          "cannot copy " + source.size() + " parameters into " + target.size());
    }
    for (int i = 0; i < source.size(); i++) {
      target.get(i).getArray().set(source.get(i).getArray().toFloatArray());
    }
  }

  private static NDList snapshot(Model model) {
    NDList copy = new NDList();
    model.getBlock().getParameters().values().forEach(p -> copy.add(p.getArray().duplicate()));
    return copy;
  }

  private static void restore(Model model, NDList saved) {
    if (saved == null) {
      return;
    }
    var params = model.getBlock().getParameters().values();
    int i = 0;
    for (var p : params) {
      p.getArray().set(saved.get(i++).toFloatArray());
    }
    saved.close();
  }

  private static double meanLoss(
      Trainer trainer,
      float[] inputs,
      float[] targets,
      int n,
      int m,
      int[] order,
      int from,
      int count) {
    double sum = 0;
    int chunk = 4096;
    for (int start = 0; start < count; start += chunk) {
      int size = Math.min(chunk, count - start);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray in = rows(batch, inputs, n + m, order, from + start, size);
        NDArray target = rows(batch, targets, n, order, from + start, size);
        NDArray prediction = trainer.evaluate(new NDList(in)).singletonOrThrow();
        sum += prediction.sub(target).square().sum().getFloat();
      }
    }
    return sum / ((double) count * n);
  }

  private static NDArray rows(
      NDManager manager, float[] data, int width, int[] order, int start, int size) {
    float[] out = new float[size * width];
    for (int r = 0; r < size; r++) {
      System.arraycopy(data, order[start + r] * width, out, r * width, width);
    }
    return manager.create(out, new Shape(size, width));
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Mean squared error on normalised deltas of the held-out transitions at the kept epoch. */
  public double validationLoss() {
    return validationLoss;
  }

  /** Epochs trained before early stopping. */
  public int epochsRun() {
    return epochsRun;
  }

  @Override
  public int observationSize() {
    return n;
  }

  @Override
  public int actionSize() {
    return m;
  }

  @Override
  public synchronized double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    int batch = starts.size();
    double[] out = new double[batch * horizon * n];
    float[] state = new float[batch * n];
    for (int b = 0; b < batch; b++) {
      for (int c = 0; c < n; c++) {
        state[b * n + c] = (float) starts.get(b).observation().get(c);
      }
    }
    float[] input = new float[batch * (n + m)];
    try (NDManager manager = model.getNDManager().newSubManager()) {
      for (int h = 0; h < horizon; h++) {
        for (int b = 0; b < batch; b++) {
          for (int c = 0; c < n; c++) {
            input[b * (n + m) + c] = (float) ((state[b * n + c] - xMean[c]) / xStd[c]);
          }
          for (int c = 0; c < m; c++) {
            double a = actions[(b * horizon + h) * m + c];
            input[b * (n + m) + n + c] = (float) ((a - uMean[c]) / uStd[c]);
          }
        }
        float[] d;
        try (NDManager step = manager.newSubManager()) {
          NDArray in = step.create(input, new Shape(batch, n + m));
          NDArray prediction =
              model.getBlock().forward(parameters, new NDList(in), false).singletonOrThrow();
          d = prediction.toType(DataType.FLOAT32, false).toFloatArray();
        }
        for (int b = 0; b < batch; b++) {
          for (int c = 0; c < n; c++) {
            double next = state[b * n + c] + d[b * n + c] * dStd[c] + dMean[c];
            state[b * n + c] = (float) next;
            out[(b * horizon + h) * n + c] = next;
          }
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
