package io.delos.worldmodel.sensing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.delos.sim.Vec;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.sequence.AdamW;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small sequence classifier over token sequences, the same for every tokenizer so that tokenizers
 * can be compared: a per-token encoder, one temporal convolution of width 3 over the token axis,
 * masked mean and max pooling, and a linear head.
 *
 * <p>Token features: the token's shape values, its length in seconds and its start as a fraction of
 * the stream's duration, standardised with the training set's mean and deviation.
 *
 * <p>Shapes: tokens {@code [batch, token, feature]} and mask {@code [batch, token]} → encoder
 * {@code [batch, token, hidden]} → convolution over (previous, own, next) {@code [batch, token,
 * hidden]} → pooled {@code [batch, 2·hidden]} → logits {@code [batch, class]}.
 *
 * <p>Not thread-safe: one call at a time; {@link #close} frees the native memory.
 */
public final class TokenClassifier implements AutoCloseable {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  private static final double CLIP_NORM = 5;

  /**
   * Training settings.
   *
   * @param hidden width of the encoder and the convolution, 1 to 1024
   * @param epochs passes over the training sequences, 1 to 10000
   * @param batchSize sequences per step, 1 to 4096
   * @param learningRate Adam step size, in (0, 1]
   * @param seed seeds the weights and the shuffling
   */
  public record Settings(int hidden, int epochs, int batchSize, double learningRate, long seed) {
    /** Validates the settings. */
    public Settings {
      Checks.range("hidden", hidden, 1, 1024);
      Checks.range("epochs", epochs, 1, 10_000);
      Checks.range("batchSize", batchSize, 1, 4096);
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new IllegalArgumentException(
            "learningRate = " + learningRate + ": allowed in (0, 1]");
      }
    }
  }

  /**
   * One labelled stream.
   *
   * @param tokens the stream's tokens
   * @param sampleRate samples per second of the stream, Hz, > 0
   * @param label class index, >= 0
   */
  public record Example(Tokenization tokens, double sampleRate, int label) {
    /** Validates the fields. */
    public Example {
      Checks.notNull("tokens", tokens);
      if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
        throw new IllegalArgumentException(
            "sampleRate = " + sampleRate + " Hz: allowed finite and > 0 Hz");
      }
      Checks.range("label", label, 0, Integer.MAX_VALUE);
    }
  }

  private final Params params;
  private final Dense encoder;
  private final Dense convolution;
  private final Dense head;
  private final int features;
  private final int classes;
  private final double[] mean;
  private final double[] std;

  private TokenClassifier(
      int features, int classes, int hidden, double[] mean, double[] std, long seed) {
    this.params = new Params(Device.cpu(), seed);
    this.encoder = new Dense(params, "tokens.encoder", features, hidden);
    this.convolution = new Dense(params, "tokens.conv", 3L * hidden, hidden);
    this.head = new Dense(params, "tokens.head", 2L * hidden, classes);
    this.features = features;
    this.classes = classes;
    this.mean = mean;
    this.std = std;
  }

  /**
   * Trains a classifier.
   *
   * @param train labelled streams, all with the same channels and shape length
   * @param classes number of classes, 2 to 1000, larger than every label
   * @param settings training settings
   * @throws IllegalArgumentException for an empty set, mixed token sizes or a label out of range
   */
  public static TokenClassifier fit(List<Example> train, int classes, Settings settings) {
    Checks.notNull("settings", settings);
    Checks.range("classes", classes, 2, 1000);
    if (train == null || train.isEmpty()) {
      throw new IllegalArgumentException("train is empty: allowed >= 1 example");
    }
    int f = train.get(0).tokens().channels() * train.get(0).tokens().shapeLength() + 2;
    double[] sum = new double[f];
    double[] sumSq = new double[f];
    long count = 0;
    for (Example e : train) {
      Checks.range("label", e.label(), 0, classes - 1);
      for (double[] row : rows(e, f)) {
        for (int i = 0; i < f; i++) {
          sum[i] += row[i];
          sumSq[i] += row[i] * row[i];
        }
        count++;
      }
    }
    double[] mean = new double[f];
    double[] std = new double[f];
    for (int i = 0; i < f; i++) {
      mean[i] = sum[i] / count;
      double spread = Math.sqrt(Math.max(sumSq[i] / count - mean[i] * mean[i], 0));
      // A feature constant in training (a patch's length) is centred but not scaled, so that a
      // slightly different value at test time stays slightly different.
      std[i] = spread > 1e-6 ? spread : 1;
    }
    TokenClassifier model =
        new TokenClassifier(f, classes, settings.hidden(), mean, std, settings.seed());
    try {
      model.train(train, settings);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Predicted class of each example. */
  public int[] predict(List<Example> examples) {
    int[] out = new int[examples.size()];
    int chunk = 256;
    for (int start = 0; start < examples.size(); start += chunk) {
      List<Example> part = examples.subList(start, Math.min(examples.size(), start + chunk));
      try (NDScope scope = new NDScope();
          NDManager m = params.manager().newSubManager()) {
        NDArray logits = forward(m, part);
        long[] argmax = logits.argMax(1).toLongArray();
        for (int i = 0; i < argmax.length; i++) {
          out[start + i] = (int) argmax[i];
        }
        scope.suppressNotUsedWarning();
      }
    }
    return out;
  }

  /** Share of examples whose predicted class is their label, in [0, 1]. */
  public double accuracy(List<Example> examples) {
    int[] p = predict(examples);
    int right = 0;
    for (int i = 0; i < p.length; i++) {
      right += p[i] == examples.get(i).label() ? 1 : 0;
    }
    return p.length == 0 ? 0 : (double) right / p.length;
  }

  /** Scalar parameters. */
  public long parameterCount() {
    return params.count();
  }

  @Override
  public void close() {
    params.close();
  }

  private void train(List<Example> train, Settings s) {
    AdamW adam = new AdamW(params);
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x2545F4914F6CDD1DL);
    int n = train.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int start = 0; start < n; start += s.batchSize()) {
        int b = Math.min(s.batchSize(), n - start);
        List<Example> batch = new java.util.ArrayList<>(b);
        for (int k = 0; k < b; k++) {
          batch.add(train.get(order[start + k]));
        }
        step(adam, batch, s.learningRate());
      }
    }
  }

  /** One Adam step on the mean cross-entropy −mean(log softmax(logits)[label]). */
  private void step(AdamW adam, List<Example> batch, double lr) {
    try (NDScope scope = new NDScope();
        NDManager m = params.manager().newSubManager()) {
      float[] oneHot = new float[batch.size() * classes];
      for (int i = 0; i < batch.size(); i++) {
        oneHot[i * classes + batch.get(i).label()] = 1;
      }
      NDArray y = m.create(oneHot, new Shape(batch.size(), classes));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = forward(m, batch).logSoftmax(1).mul(y).sum(new int[] {1}).neg().mean();
        gc.backward(loss);
      }
      double norm = adam.gradientNorm();
      if (!Double.isFinite(norm)) {
        adam.zeroGradients();
      } else {
        adam.update(lr, 0, BETA1, BETA2, EPSILON, norm > CLIP_NORM ? CLIP_NORM / norm : 1.0);
      }
      scope.suppressNotUsedWarning();
    }
  }

  /** Logits {@code [batch, class]} of a batch, padded to its longest token sequence. */
  private NDArray forward(NDManager m, List<Example> batch) {
    int b = batch.size();
    int t = 1;
    for (Example e : batch) {
      t = Math.max(t, e.tokens().size());
    }
    float[] x = new float[b * t * features];
    float[] mask = new float[b * t];
    for (int i = 0; i < b; i++) {
      List<double[]> rows = rows(batch.get(i), features);
      for (int k = 0; k < rows.size(); k++) {
        double[] row = rows.get(k);
        int base = (i * t + k) * features;
        for (int c = 0; c < features; c++) {
          x[base + c] = (float) ((row[c] - mean[c]) / std[c]);
        }
        mask[i * t + k] = 1;
      }
    }
    NDArray tokens = m.create(x, new Shape(b, t, features));
    NDArray valid = m.create(mask, new Shape(b, t, 1));
    NDArray h = Activation.relu(encoder.forward(tokens)).mul(valid);
    long hidden = h.getShape().get(2);
    NDArray zero = m.zeros(new Shape(b, 1, hidden));
    NDArray previous = t == 1 ? zero : NDArrays.concat(new NDList(zero, h.get(":, :-1, :")), 1);
    NDArray next = t == 1 ? zero : NDArrays.concat(new NDList(h.get(":, 1:, :"), zero), 1);
    NDArray c =
        Activation.relu(convolution.forward(NDArrays.concat(new NDList(previous, h, next), 2)))
            .mul(valid);
    NDArray meanPool = c.sum(new int[] {1}).div(valid.sum(new int[] {1}));
    NDArray maxPool = c.add(valid.sub(1).mul(1e4f)).max(new int[] {1});
    return head.forward(NDArrays.concat(new NDList(meanPool, maxPool), 1));
  }

  /** Feature rows of an example's tokens: shape, length (s), start / duration. */
  private static List<double[]> rows(Example e, int f) {
    Tokenization z = e.tokens();
    if (z.channels() * z.shapeLength() + 2 != f) {
      throw new IllegalArgumentException(
          "example has "
              + (z.channels() * z.shapeLength())
              + " shape values per token: allowed "
              + (f - 2)
              + " like the first training example");
    }
    List<double[]> out = new java.util.ArrayList<>(z.size());
    for (Token k : z.tokens()) {
      double[] row = new double[f];
      Vec shape = k.shape();
      shape.copyTo(row, 0);
      row[f - 2] = k.length() / e.sampleRate();
      row[f - 1] = (double) k.start() / z.length();
      out.add(row);
    }
    return out;
  }
}
