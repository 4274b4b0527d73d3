package io.delos.worldmodel.physsm;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
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
import io.delos.worldmodel.physsm.internal.Net;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * A trained forecaster of one system: Phy-SSM or one of its baselines (see {@link Arm}), trained on
 * noisy, irregularly sampled windows.
 *
 * <p>Time is explicit throughout: the encoder reads each measurement with its own gap to the
 * previous one, and the latent integrators (the unit's bilinear rule, the latent ODE's RK4) step
 * from one grid time to the next with that step's gap. Grids are refined so that no integration
 * step exceeds the training grid's period ({@link #controlPeriod()}); a long gap between
 * measurements is integrated in several steps with the actions in force.
 *
 * <p>Two ways to ask for predictions:
 *
 * <ul>
 *   <li>{@link #forecast}: timestamped, possibly irregular observations of a recent window plus the
 *       actions to come, predictions at any requested times at or after the first observation
 *       (inside the window: interpolation; beyond it: extrapolation).
 *   <li>{@link #rollout} ({@link Dynamics}): planners give one observation per start and actions on
 *       the training control period; the posterior then rests on that single measurement.
 * </ul>
 *
 * <p>Threading: {@link #forecast}, {@link #predict} and {@link #rollout} are synchronized; one call
 * runs at a time. Training is confined to the calling thread.
 */
public final class Forecaster implements Dynamics, AutoCloseable {
  private final Model model;
  private final ForecastNetwork network;
  private final ParameterStore store;
  private final PhysicsDeclaration declaration;
  private final Arm arm;
  private final ForecastConfig config;
  private final Normalizer normalizer;
  private final Normalizer actionStatistics;
  private final double nominalGap;
  private final int observationSize;
  private final double validationError;
  private final int bestIteration;
  private final int skipped;
  private final double trainingSeconds;

  private Forecaster(
      Model model,
      ForecastNetwork network,
      PhysicsDeclaration declaration,
      Arm arm,
      ForecastConfig config,
      Normalizer normalizer,
      Normalizer actionStatistics,
      double nominalGap,
      double validationError,
      int bestIteration,
      int skipped,
      double trainingSeconds) {
    this.model = model;
    this.network = network;
    this.store = new ParameterStore(model.getNDManager(), false);
    this.declaration = declaration;
    this.arm = arm;
    this.config = config;
    this.normalizer = normalizer;
    this.actionStatistics = actionStatistics;
    this.nominalGap = nominalGap;
    this.observationSize = normalizer.width();
    this.validationError = validationError;
    this.bestIteration = bestIteration;
    this.skipped = skipped;
    this.trainingSeconds = trainingSeconds;
  }

  /**
   * Trains a forecaster.
   *
   * @param windows training windows of one system (a share is held out, see {@link
   *     ForecastConfig#validationFraction()}); all of them fit the observation normaliser
   * @param declaration the system's physics (the S5 arm drops it, the latent ODE uses only its
   *     sizes and action scales)
   * @param arm which forecaster
   * @param config sizes and training settings
   * @param listener progress
   * @return the forecaster at the step with the lowest validation error
   * @throws IllegalArgumentException when windows are empty or disagree with the declaration
   */
  public static Forecaster train(
      List<ForecastWindow> windows,
      PhysicsDeclaration declaration,
      Arm arm,
      ForecastConfig config,
      TrainingListener listener) {
    Objects.requireNonNull(declaration, "declaration");
    Objects.requireNonNull(arm, "arm");
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("windows is empty: need at least one training window");
    }
    int o = windows.get(0).observationSize();
    for (int i = 0; i < windows.size(); i++) {
      ForecastWindow w = windows.get(i);
      if (w.observationSize() != o || w.actionSize() != declaration.actionSize()) {
        throw new IllegalArgumentException(
            "windows["
                + i
                + "] has "
                + w.observationSize()
                + " observations and "
                + w.actionSize()
                + " actions: expected "
                + o
                + " and the declaration's "
                + declaration.actionSize());
      }
    }
    long start = System.nanoTime();
    listener.started(arm, config.iterations());
    Normalizer normalizer = normalizerOf(windows);
    Normalizer actions = actionStatistics(windows);
    double gap = medianGap(windows);

    SplittableRandom random = new SplittableRandom(config.seed());
    int[] order = permutation(windows.size(), random);
    int validationCount =
        windows.size() >= 4 ? (int) Math.round(windows.size() * config.validationFraction()) : 0;
    List<ForecastWindow> validation = new ArrayList<>();
    List<ForecastWindow> training = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      (i < validationCount ? validation : training).add(windows.get(order[i]));
    }

    Device device = Engine.getInstance().defaultDevice();
    Model model = Model.newInstance("forecast-" + arm.name().toLowerCase(), device);
    ForecastNetwork network = create(arm, declaration, config, normalizer, actions);
    model.setBlock(network);
    Tracker rate =
        Tracker.cosine()
            .setBaseValue((float) config.learningRate())
            .optFinalValue((float) (config.learningRate() / 10))
            .setMaxUpdates(config.iterations())
            .build();
    DefaultTrainingConfig trainingConfig =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(Optimizer.adam().optLearningRateTracker(rate).build())
            .optDevices(new Device[] {device});
    double best = Double.POSITIVE_INFINITY;
    int bestIteration = -1;
    int skipped = 0;
    float[][] bestParameters = null;
    try (Trainer trainer = model.newTrainer(trainingConfig)) {
      trainer.initialize(new Shape(1));
      network.seed(new SplittableRandom(config.seed() ^ 0x5DEECE66DL));
      List<Parameter> parameters = new ArrayList<>(network.getParameters().values());
      int cursor = 0;
      int[] trainOrder = permutation(training.size(), random);
      for (int it = 0; it < config.iterations(); it++) {
        double progress =
            config.curriculum() == 0
                ? 1
                : Math.min(1, (it + 1) / (config.curriculum() * config.iterations()));
        List<Sample> samples = new ArrayList<>(config.batchSize());
        for (int b = 0; b < config.batchSize(); b++) {
          if (cursor == trainOrder.length) {
            trainOrder = permutation(training.size(), random);
            cursor = 0;
          }
          ForecastWindow w = training.get(trainOrder[cursor++]);
          int horizon =
              w.observedSteps() + (int) Math.round(progress * (w.length() - w.observedSteps()));
          samples.add(Sample.of(w, Sample.Mode.TRAIN, horizon));
        }
        boolean ok;
        double[] terms = new double[4];
        try (NDManager batch = trainer.getManager().newSubManager()) {
          NDList in =
              ForecastBatch.of(batch, samples, normalizer, gap, network.latentWidth(), random);
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList out = trainer.forward(in);
            NDArray loss = out.get("loss");
            terms[0] = loss.getFloat();
            terms[1] = out.get("reconstruction").getFloat();
            terms[2] = out.get("kl").getFloat();
            terms[3] = out.get("regulariser").getFloat();
            ok = Double.isFinite(terms[0]);
            if (ok) {
              gc.backward(loss);
              ok = clipGradients(batch, parameters, config.gradientClip());
            }
          }
          if (!ok) {
            zeroGradients(parameters);
          }
          if (ok) {
            trainer.step();
          }
        }
        if (ok) {
          listener.iteration(arm, it, terms[0], terms[1], terms[2], terms[3]);
        } else {
          skipped++;
          listener.skipped(arm, it);
        }
        boolean last = it == config.iterations() - 1;
        if (!validation.isEmpty() && ((it + 1) % config.validateEvery() == 0 || last)) {
          double error = validationError(trainer, network, validation, normalizer, gap);
          boolean improved = error < best;
          if (improved) {
            best = error;
            bestIteration = it;
            bestParameters = snapshot(parameters);
          }
          listener.validated(arm, it, error, improved);
        }
      }
    }
    if (bestParameters != null) {
      restore(network.getParameters().values(), bestParameters);
    } else {
      bestIteration = config.iterations() - 1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    listener.finished(arm, seconds);
    return new Forecaster(
        model,
        network,
        declaration,
        arm,
        config,
        normalizer,
        actions,
        gap,
        best,
        bestIteration,
        skipped,
        seconds);
  }

  /**
   * Rebuilds a forecaster from saved parts (see {@link ForecasterCheckpoint}): a network made as
   * training makes it, with the given parameter values.
   *
   * @param values each parameter's values by name, in the network's parameter order
   * @throws IllegalArgumentException when the names or sizes differ from the network's
   */
  static Forecaster restore(
      PhysicsDeclaration declaration,
      Arm arm,
      ForecastConfig config,
      Normalizer normalizer,
      Normalizer actionStatistics,
      double nominalGap,
      double validationError,
      int bestIteration,
      int skipped,
      double trainingSeconds,
      Map<String, float[]> values) {
    Model model =
        Model.newInstance(
            "forecast-" + arm.name().toLowerCase(Locale.ROOT),
            Engine.getInstance().defaultDevice());
    try {
      ForecastNetwork network = create(arm, declaration, config, normalizer, actionStatistics);
      model.setBlock(network);
      network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1));
      List<String> names = network.getParameters().keys();
      if (!names.equals(new ArrayList<>(values.keySet()))) {
        throw new IllegalArgumentException(
            "parameters " + values.keySet() + " do not match the network's " + names);
      }
      List<Parameter> parameters = network.getParameters().values();
      for (int i = 0; i < parameters.size(); i++) {
        long size = parameters.get(i).getArray().size();
        float[] v = values.get(names.get(i));
        if (v.length != size) {
          throw new IllegalArgumentException(
              "parameter "
                  + names.get(i)
                  + " has "
                  + v.length
                  + " values: the network's has "
                  + size);
        }
      }
      restore(parameters, values.values().toArray(new float[0][]));
      return new Forecaster(
          model,
          network,
          declaration,
          arm,
          config,
          normalizer,
          actionStatistics,
          nominalGap,
          validationError,
          bestIteration,
          skipped,
          trainingSeconds);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  static ForecastNetwork create(
      Arm arm,
      PhysicsDeclaration declaration,
      ForecastConfig config,
      Normalizer observations,
      Normalizer actions) {
    return switch (arm) {
      case PHY_SSM -> new PhySsmNetwork(declaration, config, observations, actions);
      case NO_REGULARISER ->
          new PhySsmNetwork(declaration, config.withLambda(0), observations, actions);
      case S5 -> new PhySsmNetwork(declaration.withoutPhysics(), config, observations, actions);
      case NO_UNIT -> new NoUnitNetwork(declaration, config, observations, actions);
      case LATENT_ODE -> new LatentOdeNetwork(declaration, config, observations, actions);
    };
  }

  /** Per-channel statistics of every action of the windows (networks read actions standardised). */
  static Normalizer actionStatistics(List<ForecastWindow> windows) {
    int m = windows.get(0).actionSize();
    int rows = windows.stream().mapToInt(ForecastWindow::length).sum();
    double[] values = new double[rows * m];
    int r = 0;
    for (ForecastWindow w : windows) {
      for (int k = 0; k < w.length(); k++) {
        for (int c = 0; c < m; c++) {
          values[r * m + c] = w.action(k, c);
        }
        r++;
      }
    }
    Normalizer fitted = Normalizer.fit(values, rows, m);
    double[] std = fitted.std();
    for (int c = 0; c < m; c++) {
      std[c] = Math.max(std[c], CONSTANT_CHANNEL_SPREAD);
    }
    return new Normalizer(fitted.mean(), std);
  }

  /** Scales gradients to a global norm of at most {@code clip}; false when one is not finite. */
  private static boolean clipGradients(NDManager scratch, List<Parameter> parameters, double clip) {
    double sum = 0;
    List<NDArray> gradients = new ArrayList<>(parameters.size());
    for (Parameter p : parameters) {
      NDArray g = p.getArray().getGradient();
      g.attach(scratch);
      gradients.add(g);
      sum += g.square().sum().getFloat();
    }
    double norm = Math.sqrt(sum);
    if (!Double.isFinite(norm)) {
      return false;
    }
    if (norm > clip) {
      float scale = (float) (clip / norm);
      for (NDArray g : gradients) {
        g.muli(scale);
      }
    }
    return true;
  }

  /** Overwrites every gradient with zeros (PyTorch accumulates them until an optimiser step). */
  private static void zeroGradients(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      NDArray array = p.getArray();
      if (array.hasGradient()) {
        // An indexed in-place write: set(float[]) would make the tensor borrow a Java buffer
        // that dies with this temporary wrapper.
        try (NDArray g = array.getGradient()) {
          g.set(new NDIndex("..."), 0);
        }
      }
    }
  }

  private static double validationError(
      Trainer trainer,
      ForecastNetwork network,
      List<ForecastWindow> validation,
      Normalizer normalizer,
      double gap) {
    double sum = 0;
    double count = 0;
    for (int from = 0; from < validation.size(); from += 32) {
      List<Sample> samples = new ArrayList<>();
      for (ForecastWindow w : validation.subList(from, Math.min(validation.size(), from + 32))) {
        samples.add(Sample.of(w, Sample.Mode.VALIDATE, w.length()));
      }
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDList in = ForecastBatch.of(batch, samples, normalizer, gap, network.latentWidth(), null);
        NDList out = trainer.evaluate(in);
        NDArray mask = in.get("targetMask");
        double n = mask.sum().getFloat() * normalizer.width();
        sum += out.get("reconstruction").getFloat() * n;
        count += n;
      }
    }
    return sum / Math.max(1, count);
  }

  private static float[][] snapshot(List<Parameter> parameters) {
    float[][] out = new float[parameters.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = parameters.get(i).getArray().toFloatArray();
    }
    return out;
  }

  private static void restore(List<Parameter> parameters, float[][] values) {
    if (values.length != parameters.size()) {
      throw new IllegalArgumentException(
          values.length + " parameter tensors given: the network has " + parameters.size());
    }
    for (int i = 0; i < values.length; i++) {
      Net.set(parameters.get(i), values[i]);
    }
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A channel whose spread is below this, in its unit, is not scaled up (std taken as 1). */
  public static final double CONSTANT_CHANNEL_SPREAD = 1e-3;

  /**
   * Per-channel statistics of every measured observation of the windows, the normalisation the
   * forecasters learn in and errors are reported in. A channel that barely moves (spread below
   * {@link #CONSTANT_CHANNEL_SPREAD}, for example a locked joint) keeps its unit, so that its
   * round-off is not magnified into large normalised errors.
   *
   * @param windows windows of one system
   */
  public static Normalizer normalizerOf(List<ForecastWindow> windows) {
    int o = windows.get(0).observationSize();
    int rows = 0;
    for (ForecastWindow w : windows) {
      for (int k = 0; k < w.length(); k++) {
        if (w.kept(k)) {
          rows++;
        }
      }
    }
    double[] values = new double[rows * o];
    int r = 0;
    for (ForecastWindow w : windows) {
      for (int k = 0; k < w.length(); k++) {
        if (w.kept(k)) {
          for (int c = 0; c < o; c++) {
            values[r * o + c] = w.measured(k, c);
          }
          r++;
        }
      }
    }
    Normalizer fitted = Normalizer.fit(values, rows, o);
    double[] std = fitted.std();
    for (int c = 0; c < o; c++) {
      if (std[c] < CONSTANT_CHANNEL_SPREAD) {
        std[c] = 1;
      }
    }
    return new Normalizer(fitted.mean(), std);
  }

  private static double medianGap(List<ForecastWindow> windows) {
    List<Double> gaps = new ArrayList<>();
    for (ForecastWindow w : windows) {
      for (int k = 1; k < w.length(); k++) {
        gaps.add(w.time(k) - w.time(k - 1));
      }
    }
    gaps.sort(null);
    return gaps.get(gaps.size() / 2);
  }

  /** Which forecaster this is. */
  public Arm arm() {
    return arm;
  }

  /** The physics declaration it was built with. */
  public PhysicsDeclaration declaration() {
    return declaration;
  }

  /** Every parameter's values by name, in the network's order (copies). */
  synchronized Map<String, float[]> parameterValues() {
    Map<String, float[]> out = new LinkedHashMap<>();
    network
        .getParameters()
        .forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
    return out;
  }

  /**
   * A fingerprint of the parameter values: the CRC-32 of their float32 bits, as 8 hex digits. A
   * saved and a loaded forecaster share it; it names the served version.
   */
  public String fingerprint() {
    CRC32 crc = new CRC32();
    for (float[] v : parameterValues().values()) {
      ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      crc.update(b.array());
    }
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  /**
   * Saves this forecaster into a folder (see {@link ForecasterCheckpoint} for the layout).
   *
   * @param folder created when missing; its two files are replaced
   * @param notes free-form strings kept with it (the command that made it, the data seed)
   * @throws IllegalArgumentException when its declaration is not {@link KnownPhysics#forFamily} of
   *     its system (loading rebuilds the declaration from the name)
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public void save(Path folder, Map<String, String> notes) {
    ForecasterCheckpoint.write(this, folder, notes);
  }

  /**
   * Loads a forecaster saved by {@link #save}.
   *
   * @param folder the folder it was saved in
   * @throws ForecasterCheckpointException when the folder holds no forecaster, an unknown format
   *     version, damaged parameters, or one whose physics declaration no longer matches this
   *     build's; the message names the folder and what was found
   */
  public static Forecaster load(Path folder) {
    return ForecasterCheckpoint.read(folder).forecaster();
  }

  /** The sizes and training settings it was built with. */
  public ForecastConfig config() {
    return config;
  }

  /** The per-channel action statistics its networks standardise actions with. */
  public Normalizer actionStatistics() {
    return actionStatistics;
  }

  /** The observation statistics its outputs are normalised with. */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** The control period it assumes for {@link #rollout}: the training grid's median gap, s. */
  public double controlPeriod() {
    return nominalGap;
  }

  /** Validation error at the kept step (mean squared, normalised), or infinity without one. */
  public double validationError() {
    return validationError;
  }

  /** The step whose parameters were kept. */
  public int bestIteration() {
    return bestIteration;
  }

  /** Steps skipped for a non-finite loss or gradient. */
  public int skippedIterations() {
    return skipped;
  }

  /** Wall time of training, s. */
  public double trainingSeconds() {
    return trainingSeconds;
  }

  /**
   * Predicts every grid point of each window from its observed window's measured points: what the
   * evaluation scores (interpolation over the observed window, extrapolation beyond it).
   *
   * @param windows windows of this system
   * @return per window, predicted observations {@code [time, observationSize]} in SI units
   */
  public synchronized List<double[]> predict(List<ForecastWindow> windows) {
    List<Sample> samples = new ArrayList<>(windows.size());
    for (ForecastWindow w : windows) {
      samples.add(Sample.of(w, Sample.Mode.EVALUATE, w.length()));
    }
    List<double[]> out = new ArrayList<>();
    for (double[][] r : run(samples, null)) {
      out.add(r[0]);
    }
    return out;
  }

  /**
   * Forecasts observations at requested times.
   *
   * @param observed the measured rows of a recent window: times (irregular gaps allowed),
   *     observations and the actions applied from each row
   * @param future actions from {@code future.start()} on (commands to come), or {@code null} to
   *     hold the last observed action
   * @param queryTimes when to predict, s, each at or after the first observed time, in any order
   * @return predictions in the order of {@code queryTimes}
   * @throws IllegalArgumentException when sizes disagree or a query time precedes the window
   */
  public synchronized Forecast forecast(
      Trajectory observed, ActionSchedule future, double[] queryTimes) {
    return forecast(observed, future, queryTimes, 0, 0);
  }

  /** Most posterior draws one forecast may ask for. */
  public static final int MAX_DRAWS = 1000;

  /**
   * Forecasts observations at requested times with their spread under the posterior.
   *
   * <p>The predictions are those of {@link #forecast(Trajectory, ActionSchedule, double[])}: the
   * forecast decoded from the posterior's mean. The spread is the sample standard deviation, per
   * time and channel, of the forecasts decoded from {@code draws} samples of the arm's Gaussian
   * posterior, drawn with the reparameterisation training uses (Phy-SSM, S5 and λ = 0: the
   * encoder's state posterior at every measurement; without the unit: at every grid point; the
   * latent ODE: its initial state and parameters). It says how uncertain the latent state is given
   * these measurements. It leaves out measurement noise (the decoder has no output variance) and
   * model error, so it understates the actual error of a forecaster that is wrong.
   *
   * @param observed as for the three-argument form
   * @param future as for the three-argument form
   * @param queryTimes as for the three-argument form
   * @param draws posterior samples: 0 for no spread, otherwise 2 to {@link #MAX_DRAWS}
   * @param seed seeds the draws: the same inputs and seed give the same spread
   * @return predictions in the order of {@code queryTimes}, with a spread when {@code draws > 0}
   * @throws IllegalArgumentException when sizes disagree, a query time precedes the window or
   *     {@code draws} is out of range
   */
  public synchronized Forecast forecast(
      Trajectory observed, ActionSchedule future, double[] queryTimes, int draws, long seed) {
    if (draws != 0 && (draws < 2 || draws > MAX_DRAWS)) {
      throw new IllegalArgumentException(
          "draws = " + draws + ": allowed 0 (no spread) or 2 to " + MAX_DRAWS);
    }
    if (observed.length() == 0) {
      throw new IllegalArgumentException("observed has no rows: need at least one measurement");
    }
    if (observed.observationSize() != observationSize
        || observed.actionSize() != declaration.actionSize()) {
      throw new IllegalArgumentException(
          "observed has "
              + observed.observationSize()
              + " observations and "
              + observed.actionSize()
              + " actions: this forecaster reads "
              + observationSize
              + " and "
              + declaration.actionSize());
    }
    if (future != null && future.actionSize() != declaration.actionSize()) {
      throw new IllegalArgumentException(
          "future has "
              + future.actionSize()
              + " actions per entry: expected "
              + declaration.actionSize());
    }
    double t0 = observed.time(0);
    TreeSet<Double> grid = new TreeSet<>();
    double end = t0;
    for (int i = 0; i < queryTimes.length; i++) {
      double q = queryTimes[i];
      if (!(q >= t0) || !Double.isFinite(q)) {
        throw new IllegalArgumentException(
            "queryTimes["
                + i
                + "] = "
                + q
                + " s: must be finite and >= the first observed time "
                + t0
                + " s");
      }
      grid.add(q);
      end = Math.max(end, q);
    }
    for (int k = 0; k < observed.length(); k++) {
      grid.add(observed.time(k));
    }
    if (future != null) {
      for (int i = 0; i < future.count(); i++) {
        if (future.time(i) > t0 && future.time(i) < end) {
          grid.add(future.time(i));
        }
      }
    }
    double[] times = refine(grid.stream().mapToDouble(Double::doubleValue).toArray(), nominalGap);
    int m = declaration.actionSize();
    int o = observationSize;
    double[] acts = new double[times.length * m];
    int row = 0;
    for (int k = 0; k < times.length; k++) {
      double[] a;
      if (future != null && times[k] >= future.start()) {
        a = future.at(times[k]);
      } else {
        while (row + 1 < observed.length() && observed.time(row + 1) <= times[k]) {
          row++;
        }
        a = observed.action(row);
      }
      System.arraycopy(a, 0, acts, k * m, m);
    }
    int[] encToRoll = new int[observed.length()];
    for (int k = 0; k < observed.length(); k++) {
      encToRoll[k] = Arrays.binarySearch(times, observed.time(k));
    }
    Sample s =
        new Sample(
            observed.times(),
            observed.observations(),
            observed.actions(),
            times,
            acts,
            null,
            null,
            encToRoll);
    double[][] r = run(List.of(s), null).get(0);
    int n = r[1].length / times.length;
    int[] rows = new int[queryTimes.length];
    double[] obs = new double[queryTimes.length * o];
    double[] lat = new double[queryTimes.length * n];
    for (int i = 0; i < queryTimes.length; i++) {
      int k = Arrays.binarySearch(times, queryTimes[i]);
      rows[i] = k;
      System.arraycopy(r[0], k * o, obs, i * o, o);
      System.arraycopy(r[1], k * n, lat, i * n, n);
    }
    double[] spread = draws == 0 ? null : spread(s, rows, draws, seed);
    return new Forecast(queryTimes.clone(), obs, spread, draws, lat, o, n);
  }

  /**
   * Sample standard deviation (n − 1 in the denominator) of the forecasts of {@code draws}
   * posterior samples at grid rows {@code rows}: {@code [rows, o]}, SI units.
   */
  private double[] spread(Sample s, int[] rows, int draws, long seed) {
    int o = observationSize;
    double[] sum = new double[rows.length * o];
    double[] sumSq = new double[rows.length * o];
    // Centred on the first draw, so that the sums of squares do not cancel catastrophically.
    double[] shift = null;
    List<double[][]> drawn = run(Collections.nCopies(draws, s), new SplittableRandom(seed));
    for (double[][] d : drawn) {
      double[] p = d[0];
      if (shift == null) {
        shift = new double[rows.length * o];
        for (int i = 0; i < rows.length; i++) {
          System.arraycopy(p, rows[i] * o, shift, i * o, o);
        }
      }
      for (int i = 0; i < rows.length; i++) {
        for (int c = 0; c < o; c++) {
          double v = p[rows[i] * o + c] - shift[i * o + c];
          sum[i * o + c] += v;
          sumSq[i * o + c] += v * v;
        }
      }
    }
    double[] std = new double[rows.length * o];
    for (int j = 0; j < std.length; j++) {
      double mean = sum[j] / draws;
      std[j] = Math.sqrt(Math.max(0, (sumSq[j] - draws * mean * mean) / (draws - 1)));
    }
    return std;
  }

  /**
   * The grid with extra points wherever a gap exceeds {@code maxStep}, splitting it evenly: the
   * integrators never step further than the training grid's period.
   */
  static double[] refine(double[] times, double maxStep) {
    List<Double> out = new ArrayList<>();
    out.add(times[0]);
    for (int k = 1; k < times.length; k++) {
      double gap = times[k] - times[k - 1];
      int pieces = (int) Math.ceil(gap / maxStep - 1e-6);
      for (int j = 1; j < pieces; j++) {
        out.add(times[k - 1] + gap * j / pieces);
      }
      out.add(times[k]);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Most entries of a batch's {@code [batch, Tr, Te]} placement matrix, to bound memory. */
  private static final long MAX_PLACEMENT_ENTRIES = 1L << 24;

  /**
   * Runs samples through the network; per sample, [observations SI, latent]. Samples are batched 64
   * at a time, fewer when they are long.
   *
   * @param random posterior noise, or {@code null} for the posterior mean
   */
  private List<double[][]> run(List<Sample> samples, SplittableRandom random) {
    List<double[][]> out = new ArrayList<>(samples.size());
    double[] mean = normalizer.mean();
    double[] std = normalizer.std();
    int o = observationSize;
    long longest = 1;
    for (Sample sample : samples) {
      longest = Math.max(longest, (long) sample.rollLength() * sample.encLength());
    }
    int per = (int) Math.max(1, Math.min(64, MAX_PLACEMENT_ENTRIES / longest));
    for (int from = 0; from < samples.size(); from += per) {
      List<Sample> chunk = samples.subList(from, Math.min(samples.size(), from + per));
      try (NDManager manager = model.getNDManager().newSubManager()) {
        NDList in =
            ForecastBatch.of(manager, chunk, normalizer, nominalGap, network.latentWidth(), random);
        NDList result = network.forward(store, in, false);
        NDArray prediction = result.get("prediction");
        NDArray latent = result.get("latent");
        long tr = prediction.getShape().get(1);
        long n = latent.getShape().get(2);
        float[] p = prediction.toType(DataType.FLOAT32, false).toFloatArray();
        float[] z = latent.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < chunk.size(); i++) {
          int len = chunk.get(i).rollLength();
          double[] obs = new double[len * o];
          double[] lat = new double[(int) (len * n)];
          for (int k = 0; k < len; k++) {
            for (int c = 0; c < o; c++) {
              obs[k * o + c] = p[(int) ((i * tr + k) * o + c)] * std[c] + mean[c];
            }
            for (int j = 0; j < n; j++) {
              lat[(int) (k * n + j)] = z[(int) ((i * tr + k) * n + j)];
            }
          }
          out.add(new double[][] {obs, lat});
        }
      }
    }
    return out;
  }

  @Override
  public int observationSize() {
    return observationSize;
  }

  @Override
  public int actionSize() {
    return declaration.actionSize();
  }

  /**
   * Rolls each start forward under its actions, one {@link #controlPeriod()} per action. The
   * posterior of each start rests on its single observation.
   */
  @Override
  public synchronized double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    int m = declaration.actionSize();
    int o = observationSize;
    List<Sample> samples = new ArrayList<>(starts.size());
    for (int b = 0; b < starts.size(); b++) {
      double[] times = new double[horizon + 1];
      double[] acts = new double[(horizon + 1) * m];
      for (int h = 0; h <= horizon; h++) {
        times[h] = h * nominalGap;
        int src = Math.min(h, horizon - 1);
        System.arraycopy(actions, (b * horizon + src) * m, acts, h * m, m);
      }
      samples.add(
          new Sample(
              new double[] {0},
              starts.get(b).observation().toArray(),
              Arrays.copyOfRange(acts, 0, m),
              times,
              acts,
              null,
              null,
              new int[] {0}));
    }
    double[] out = new double[starts.size() * horizon * o];
    List<double[][]> results = run(samples, null);
    for (int b = 0; b < starts.size(); b++) {
      System.arraycopy(results.get(b)[0], o, out, b * horizon * o, horizon * o);
    }
    return out;
  }

  /** Releases the network; waits for a running forecast or rollout to finish. */
  @Override
  public synchronized void close() {
    model.close();
  }
}
