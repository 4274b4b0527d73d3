package io.delos.worldmodel.sequence;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains any {@link SequenceModel} on mixed batches across systems (Wang et al., ICML 2026, §4):
 * AdamW with warm-up and cosine decay ({@link TrainingSettings}), gradient clipping by global norm,
 * progress through a {@link TrainingListener}, periodic checkpoints, and exact resumption.
 *
 * <p>The batch of step s is drawn from a generator seeded by (seed, s), so a run resumed from a
 * checkpoint after step s sees the same batches as one that never stopped.
 *
 * <p>Each step's tensors live in an {@link NDScope} and a sub-manager closed at the end of the
 * step, so native memory stays flat over long runs.
 *
 * <p>Threading: one training run per model at a time; the calling thread does the work.
 */
public final class SequenceTrainer {
  private final SequenceModel model;
  private final SystemRegistry registry;
  private final TrainingSettings settings;
  private final AdamW optimizer;
  private final Map<String, String> notes = new LinkedHashMap<>();
  private Path checkpoint;
  private TrajectoryWindows validation;
  private int validateEvery = Integer.MAX_VALUE;
  private List<WindowBatch> validationBatches;
  private int step;

  /**
   * Prepares training.
   *
   * @param model the model; its parameters are trained in place
   * @param registry the systems, saved with checkpoints
   * @param settings optimiser, schedule and budget
   */
  public SequenceTrainer(SequenceModel model, SystemRegistry registry, TrainingSettings settings) {
    this.model = model;
    this.registry = registry;
    this.settings = settings;
    this.optimizer = new AdamW(model.params());
  }

  /**
   * Writes a checkpoint to {@code file} every {@code settings.checkpointEvery()} steps and at the
   * end; when the file exists and holds a training checkpoint of this model, training resumes from
   * it.
   *
   * @return this trainer
   * @throws CheckpointException when the file exists but belongs to another model kind or size
   */
  public SequenceTrainer checkpointTo(Path file) {
    this.checkpoint = file;
    if (Files.exists(file)) {
      Checkpoint c = Checkpoint.read(file);
      if (!c.kind().equals(model.kind()) || !c.config().equals(model.config())) {
        throw new CheckpointException(
            file
                + " holds a '"
                + c.kind()
                + "' model of configuration '"
                + c.config().name()
                + "'; cannot resume a '"
                + model.kind()
                + "' of '"
                + model.config().name()
                + "'");
      }
      model.params().load(c.parameters());
      if (!c.optimizer().isEmpty()) {
        optimizer.restore(c.optimizer(), c.step());
      }
      step = (int) c.step();
    }
    return this;
  }

  /** Adds free-form notes (the command, the seed) to every checkpoint written. */
  public SequenceTrainer notes(Map<String, String> more) {
    notes.putAll(more);
    return this;
  }

  /**
   * Measures the loss on {@code data}'s evaluation windows every {@code every} steps and at the
   * end.
   *
   * @return this trainer
   */
  public SequenceTrainer validateOn(TrajectoryWindows data, int every, int perSystem) {
    this.validation = data;
    this.validateEvery = every;
    WestWorldConfig c = model.config();
    this.validationBatches =
        data.evaluation(c.window(), c.observed(), c.window(), perSystem, settings.batchSize());
    return this;
  }

  /** Steps taken so far (including those of a resumed checkpoint). */
  public int step() {
    return step;
  }

  /**
   * Trains until {@code settings.steps()} steps are done.
   *
   * @param data training windows
   * @param listener progress
   * @return the last validation loss, or NaN when there is no validation data
   */
  public double train(TrajectoryWindows data, TrainingListener listener) {
    WestWorldConfig c = model.config();
    listener.started(model.kind(), step, settings.steps(), model.params().count());
    long t0 = System.nanoTime();
    double lastValidation = Double.NaN;
    while (step < settings.steps()) {
      SplittableRandom random = new SplittableRandom(mix(settings.seed(), step));
      WindowBatch batch =
          data.sample(
              random, settings.batchSize(), c.window(), c.observed(), settings.fullPrefixShare());
      double lr = settings.learningRate(step);
      double loss;
      double norm;
      try (NDScope scope = new NDScope();
          NDManager m = model.params().manager().newSubManager()) {
        WindowBatch.Tensors x = batch.tensors(m);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray l = model.loss(batch, x);
          gc.backward(l);
          loss = l.getFloat();
        }
        norm = optimizer.gradientNorm();
        if (!Double.isFinite(norm) || !Double.isFinite(loss)) {
          optimizer.zeroGradients();
          listener.skipped(step + 1);
        } else {
          double scale = norm > settings.clipNorm() ? settings.clipNorm() / norm : 1.0;
          optimizer.update(
              lr,
              settings.weightDecay(),
              settings.beta1(),
              settings.beta2(),
              settings.epsilon(),
              scale);
        }
        scope.suppressNotUsedWarning();
      }
      step++;
      listener.stepped(step, settings.steps(), loss, lr, norm, (System.nanoTime() - t0) / 1e9);
      if (validation != null && (step % validateEvery == 0 || step == settings.steps())) {
        lastValidation = validationLoss();
        listener.validated(step, lastValidation);
      }
      if (checkpoint != null
          && (step % settings.checkpointEvery() == 0 || step == settings.steps())) {
        save(checkpoint);
        listener.checkpointed(step, checkpoint);
      }
    }
    return lastValidation;
  }

  /** The mean loss over the validation batches, without gradients. */
  public double validationLoss() {
    if (validationBatches == null) {
      return Double.NaN;
    }
    double sum = 0;
    int n = 0;
    for (WindowBatch b : validationBatches) {
      try (NDScope scope = new NDScope();
          NDManager m = model.params().manager().newSubManager()) {
        sum += model.loss(b, b.tensors(m)).getFloat() * b.batch();
        n += b.batch();
        scope.suppressNotUsedWarning();
      }
    }
    return sum / Math.max(1, n);
  }

  /** Writes a training checkpoint (parameters and optimiser state) to {@code file}. */
  public void save(Path file) {
    new Checkpoint(
            model.kind(),
            model.config(),
            registry,
            settings,
            step,
            notes,
            model.params().snapshot(),
            optimizer.state())
        .write(file);
  }

  /** A 64-bit mix of two numbers (SplitMix64's finaliser), for per-step seeds. */
  static long mix(long seed, long step) {
    long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
