package io.delos.worldmodel.sensing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.Params;
import io.delos.worldmodel.sequence.AdamW;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A downstream head fitted on frozen node representations ({@link
 * SparModel#nodeRepresentations(List)}): attention pooling over a scene's nodes followed by a
 * one-hidden-layer perceptron, either a regressor (mean squared error on standardised targets, for
 * localisation) or a classifier (cross-entropy). The representations are inputs only; no gradient
 * reaches the encoder.
 *
 * <pre>
 *   uⱼ = gelu(W_v hⱼ),  αⱼ = softmax_j(W_a gelu(W_s hⱼ)),  z = [Σⱼ α_{j,q} uⱼ]_q,  y = W₂ gelu(W₁ z)
 * </pre>
 *
 * <p>Node features are standardised with the training nodes' mean and deviation; regression targets
 * too, and predictions are returned in the targets' unit.
 *
 * <p>Shapes: nodes {@code [scene, node, feature]} → pooled {@code [scene, query·hidden]} → {@code
 * [scene, output]}.
 *
 * <p>Not thread-safe: one call at a time; {@link #close} frees the native memory.
 */
public final class SparProbe implements AutoCloseable {
  private static final double WEIGHT_DECAY = 1e-3;
  private static final int QUERIES = 4;

  /**
   * Fitting settings.
   *
   * @param hidden hidden width, 1 to 4096
   * @param epochs passes over the scenes, 1 to 100000
   * @param batchSize scenes per step, 1 to 65536
   * @param learningRate AdamW step size, in (0, 1]
   * @param seed seeds weights and shuffling
   */
  public record Settings(int hidden, int epochs, int batchSize, double learningRate, long seed) {
    /** Validates the settings. */
    public Settings {
      Checks.range("hidden", hidden, 1, 4096);
      Checks.range("epochs", epochs, 1, 100_000);
      Checks.range("batchSize", batchSize, 1, 65_536);
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new IllegalArgumentException(
            "learningRate = " + learningRate + ": allowed in (0, 1]");
      }
    }
  }

  private final Params params;
  private final Dense value;
  private final Dense scoreHidden;
  private final Dense score;
  private final Dense mix;
  private final Dense outLayer;
  private final int features;
  private final int hidden;
  private final double[] mean;
  private final double[] std;
  private final double[] targetMean;
  private final double[] targetStd;
  private final int classes;

  /**
   * What a fitted probe is besides its parameter values: its sizes and standardisation.
   *
   * @param features node features it reads, >= 1
   * @param hidden hidden width, 1 to 4096
   * @param classes classes of a classifier, 2 to 1000, or 0 for a regressor
   * @param featureMean mean of each node feature over the fitting nodes
   * @param featureStd deviation of each node feature, > 0
   * @param targetMean mean of each regression target (zeros for a classifier); its length is the
   *     number of outputs, which for a classifier is {@code classes}
   * @param targetStd deviation of each regression target, > 0 (zeros for a classifier)
   */
  public record Fitted(
      int features,
      int hidden,
      int classes,
      double[] featureMean,
      double[] featureStd,
      double[] targetMean,
      double[] targetStd) {
    /** Validates the sizes and copies the arrays. */
    public Fitted {
      Checks.range("features", features, 1, 1 << 20);
      Checks.range("hidden", hidden, 1, 4096);
      if (classes != 0) {
        Checks.range("classes", classes, 2, 1000);
      }
      Checks.notNull("featureMean", featureMean);
      Checks.notNull("featureStd", featureStd);
      Checks.notNull("targetMean", targetMean);
      Checks.notNull("targetStd", targetStd);
      if (featureMean.length != features || featureStd.length != features) {
        throw new IllegalArgumentException(
            "featureMean and featureStd have "
                + featureMean.length
                + " and "
                + featureStd.length
                + " values: allowed features = "
                + features);
      }
      if (targetMean.length < 1
          || targetStd.length != targetMean.length
          || (classes > 0 && targetMean.length != classes)) {
        throw new IllegalArgumentException(
            "targetMean and targetStd have "
                + targetMean.length
                + " and "
                + targetStd.length
                + " values: allowed one per output"
                + (classes > 0 ? " (classes = " + classes + ")" : ", >= 1"));
      }
      Checks.series("featureMean", featureMean);
      Checks.series("targetMean", targetMean);
      for (int i = 0; i < features; i++) {
        if (!(featureStd[i] > 0) || !Double.isFinite(featureStd[i])) {
          throw new IllegalArgumentException(
              "featureStd[" + i + "] = " + featureStd[i] + ": allowed finite and > 0");
        }
      }
      for (int i = 0; i < targetStd.length && classes == 0; i++) {
        if (!(targetStd[i] > 0) || !Double.isFinite(targetStd[i])) {
          throw new IllegalArgumentException(
              "targetStd[" + i + "] = " + targetStd[i] + ": allowed finite and > 0");
        }
      }
      featureMean = featureMean.clone();
      featureStd = featureStd.clone();
      targetMean = targetMean.clone();
      targetStd = targetStd.clone();
    }

    /** Copies the array. */
    @Override
    public double[] featureMean() {
      return featureMean.clone();
    }

    /** Copies the array. */
    @Override
    public double[] featureStd() {
      return featureStd.clone();
    }

    /** Copies the array. */
    @Override
    public double[] targetMean() {
      return targetMean.clone();
    }

    /** Copies the array. */
    @Override
    public double[] targetStd() {
      return targetStd.clone();
    }
  }

  private SparProbe(int features, int hidden, int outputs, int classes, long seed) {
    this.params = new Params(Device.cpu(), seed);
    int h = hidden;
    this.value = new Dense(params, "probe.value", features, h);
    this.scoreHidden = new Dense(params, "probe.score.hidden", features, h);
    this.score = new Dense(params, "probe.score", h, QUERIES);
    this.mix = new Dense(params, "probe.mix", (long) QUERIES * h, h);
    this.outLayer = new Dense(params, "probe.out", h, outputs);
    this.features = features;
    this.hidden = hidden;
    this.classes = classes;
    this.mean = new double[features];
    this.std = new double[features];
    this.targetMean = new double[outputs];
    this.targetStd = new double[outputs];
  }

  private SparProbe(int features, int outputs, int classes, Settings s, List<double[][]> x) {
    this(features, s.hidden(), outputs, classes, s.seed());
    moments(x.stream().flatMap(java.util.Arrays::stream).toArray(double[][]::new), mean, std);
  }

  /**
   * A fitted probe rebuilt from what {@link #fitted()} and {@link #parameterValues()} gave.
   *
   * @param fitted its sizes and standardisation
   * @param values its parameters by name
   * @throws IllegalArgumentException when the values do not name exactly the probe's parameters
   *     with their sizes
   */
  public static SparProbe restore(Fitted fitted, Map<String, float[]> values) {
    Checks.notNull("fitted", fitted);
    Checks.notNull("values", values);
    SparProbe p =
        new SparProbe(
            fitted.features(), fitted.hidden(), fitted.targetMean().length, fitted.classes(), 0);
    try {
      p.params.load(values);
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    System.arraycopy(fitted.featureMean(), 0, p.mean, 0, p.features);
    System.arraycopy(fitted.featureStd(), 0, p.std, 0, p.features);
    System.arraycopy(fitted.targetMean(), 0, p.targetMean, 0, p.targetMean.length);
    System.arraycopy(fitted.targetStd(), 0, p.targetStd, 0, p.targetStd.length);
    return p;
  }

  /** This probe's sizes and standardisation. */
  public Fitted fitted() {
    return new Fitted(features, hidden, classes, mean, std, targetMean, targetStd);
  }

  /** Every parameter's values by name, in creation order (a copy). */
  public Map<String, float[]> parameterValues() {
    return params.snapshot();
  }

  /** Node features each scene's rows must have. */
  public int features() {
    return features;
  }

  /**
   * Fits a regressor.
   *
   * @param x node features of each scene {@code [scene][node][feature]}, finite, >= 1 node each
   * @param y targets {@code [scene][output]}, finite, one row per scene
   * @param settings fitting settings
   * @throws IllegalArgumentException for empty, ragged, non-finite or mismatched input
   */
  public static SparProbe regression(List<double[][]> x, double[][] y, Settings settings) {
    Checks.notNull("settings", settings);
    int f = scenes("x", x, -1);
    matrix("y", y);
    rows("y", y.length, x.size());
    SparProbe p = new SparProbe(f, y[0].length, 0, settings, x);
    moments(y, p.targetMean, p.targetStd);
    try {
      p.fit(x, y, null, settings);
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /**
   * Fits a classifier.
   *
   * @param x node features of each scene {@code [scene][node][feature]}, finite, >= 1 node each
   * @param labels class of each scene, 0 to {@code classes − 1}
   * @param classes number of classes, 2 to 1000
   * @param settings fitting settings
   * @throws IllegalArgumentException for empty, ragged, non-finite or mismatched input
   */
  public static SparProbe classification(
      List<double[][]> x, int[] labels, int classes, Settings settings) {
    Checks.notNull("settings", settings);
    Checks.range("classes", classes, 2, 1000);
    int f = scenes("x", x, -1);
    Checks.notNull("labels", labels);
    rows("labels", labels.length, x.size());
    for (int i = 0; i < labels.length; i++) {
      Checks.range("labels[" + i + "]", labels[i], 0, classes - 1);
    }
    SparProbe p = new SparProbe(f, classes, classes, settings, x);
    try {
      p.fit(x, null, labels, settings);
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** Regression outputs {@code [scene][output]} in the targets' unit. */
  public double[][] predict(List<double[][]> x) {
    if (classes > 0) {
      throw new IllegalStateException("predict is for regressors; use classify");
    }
    float[] y = outputs(x);
    int k = targetMean.length;
    double[][] outRows = new double[x.size()][k];
    for (int i = 0; i < x.size(); i++) {
      for (int j = 0; j < k; j++) {
        outRows[i][j] = targetMean[j] + targetStd[j] * y[i * k + j];
      }
    }
    return outRows;
  }

  /** Predicted class of each scene. */
  public int[] classify(List<double[][]> x) {
    if (classes == 0) {
      throw new IllegalStateException("classify is for classifiers; use predict");
    }
    float[] logits = outputs(x);
    int[] labels = new int[x.size()];
    for (int i = 0; i < x.size(); i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (logits[i * classes + c] > logits[i * classes + best]) {
          best = c;
        }
      }
      labels[i] = best;
    }
    return labels;
  }

  @Override
  public void close() {
    params.close();
  }

  private float[] outputs(List<double[][]> x) {
    scenes("x", x, features);
    int outputs = classes > 0 ? classes : targetMean.length;
    float[] all = new float[x.size() * outputs];
    int chunk = 256;
    for (int start = 0; start < x.size(); start += chunk) {
      int end = Math.min(x.size(), start + chunk);
      int[] rows = new int[end - start];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = start + i;
      }
      try (NDScope scope = new NDScope();
          NDManager m = params.manager().newSubManager()) {
        float[] y = forward(m, x, rows).toFloatArray();
        System.arraycopy(y, 0, all, start * outputs, y.length);
        scope.suppressNotUsedWarning();
      }
    }
    return all;
  }

  private void fit(List<double[][]> x, double[][] y, int[] labels, Settings s) {
    AdamW adam = new AdamW(params);
    SplittableRandom r = new SplittableRandom(s.seed() ^ 0x9E3779B97F4A7C15L);
    int n = x.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int start = 0; start < n; start += s.batchSize()) {
        int b = Math.min(s.batchSize(), n - start);
        int[] rows = java.util.Arrays.copyOfRange(order, start, start + b);
        try (NDScope scope = new NDScope();
            NDManager m = params.manager().newSubManager()) {
          NDArray target = target(m, rows, y, labels);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = forward(m, x, rows);
            NDArray loss =
                classes > 0
                    ? out.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean()
                    : out.sub(target).square().mean();
            gc.backward(loss);
          }
          double norm = adam.gradientNorm();
          if (!Double.isFinite(norm)) {
            adam.zeroGradients();
          } else {
            adam.update(
                s.learningRate(), WEIGHT_DECAY, 0.9, 0.999, 1e-8, norm > 5 ? 5 / norm : 1.0);
          }
          scope.suppressNotUsedWarning();
        }
      }
    }
  }

  /** Outputs {@code [rows, output]} of the scenes at {@code rows}, padded to the largest one. */
  private NDArray forward(NDManager m, List<double[][]> x, int[] rows) {
    int b = rows.length;
    int nMax = 1;
    for (int i : rows) {
      nMax = Math.max(nMax, x.get(i).length);
    }
    float[] v = new float[b * nMax * features];
    float[] valid = new float[b * nMax];
    for (int i = 0; i < b; i++) {
      double[][] scene = x.get(rows[i]);
      for (int j = 0; j < scene.length; j++) {
        valid[i * nMax + j] = 1;
        for (int k = 0; k < features; k++) {
          v[(i * nMax + j) * features + k] = (float) ((scene[j][k] - mean[k]) / std[k]);
        }
      }
    }
    NDArray h = m.create(v, new Shape(b, nMax, features));
    NDArray mask = m.create(valid, new Shape(b, nMax, 1));
    NDArray u = value.forward(h).getNDArrayInternal().gelu();
    NDArray scores =
        score
            .forward(scoreHidden.forward(h).getNDArrayInternal().gelu())
            .add(mask.sub(1).mul(1e4f));
    NDArray alpha = scores.softmax(1);
    NDArray pooled = alpha.transpose(0, 2, 1).matMul(u).reshape(b, -1);
    return outLayer.forward(mix.forward(pooled).getNDArrayInternal().gelu());
  }

  private NDArray target(NDManager m, int[] rows, double[][] y, int[] labels) {
    if (classes > 0) {
      float[] oneHot = new float[rows.length * classes];
      for (int i = 0; i < rows.length; i++) {
        oneHot[i * classes + labels[rows[i]]] = 1;
      }
      return m.create(oneHot, new Shape(rows.length, classes));
    }
    int k = targetMean.length;
    float[] t = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < k; j++) {
        t[i * k + j] = (float) ((y[rows[i]][j] - targetMean[j]) / targetStd[j]);
      }
    }
    return m.create(t, new Shape(rows.length, k));
  }

  private static void moments(double[][] x, double[] mean, double[] std) {
    int f = mean.length;
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
      }
    }
    for (int j = 0; j < f; j++) {
      std[j] = std[j] > 1e-12 ? Math.sqrt(std[j]) : 1;
    }
  }

  /** Checks scenes of node rows; returns the feature count. */
  private static int scenes(String field, List<double[][]> x, int expected) {
    if (x == null || x.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty (0 scenes): allowed >= 1 scene");
    }
    int f = expected;
    for (int s = 0; s < x.size(); s++) {
      String name = field + "[" + s + "]";
      matrix(name, x.get(s));
      if (f < 0) {
        f = x.get(s)[0].length;
      }
      if (x.get(s)[0].length != f) {
        throw new IllegalArgumentException(
            name + " has " + x.get(s)[0].length + " features per node: allowed " + f);
      }
    }
    return f;
  }

  private static void matrix(String field, double[][] x) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException(field + " is empty (0 rows): allowed >= 1 row");
    }
    for (int i = 0; i < x.length; i++) {
      Checks.series(field + "[" + i + "]", x[i]);
      if (x[i].length != x[0].length) {
        throw new IllegalArgumentException(
            field
                + "["
                + i
                + "] has "
                + x[i].length
                + " values: allowed the length of "
                + field
                + "[0], "
                + x[0].length);
      }
    }
  }

  private static void rows(String field, int n, int expected) {
    if (n != expected) {
      throw new IllegalArgumentException(
          field + " has " + n + " rows: allowed one per scene of x, " + expected);
    }
  }
}
