package io.delos.worldmodel.symbolic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The data generator of ScaleSR (Chu et al. 2023, arXiv 2306.04718, Section 3.1): a multilayer
 * perceptron fitted to the user's table, which then answers queries at inputs the table never held
 * (the control-variable experiments).
 *
 * <p>Network: {@code [batch, variables] → Linear(h₁) → tanh → … → Linear(1) → [batch, 1]}, on
 * standardised inputs and target (tanh keeps every one-variable slice smooth, as the regression
 * that reads it expects), in double precision. Training minimises mean squared error in two phases:
 * Adam on mini-batches drawn with a seeded shuffle, its step halved when the validation error
 * stalls; then full-batch L-BFGS, which reaches the accuracy a symbolic fit of the slices needs.
 * Each phase stops early on a held-out validation split and the best weights are restored. Weights
 * are initialised from the seed (Glorot-uniform), so a fit depends only on its data, settings and
 * seed.
 *
 * <p>Gradients are computed by explicit backpropagation on DJL arrays rather than through DJL's
 * gradient collector, which the PyTorch engine allows only one of per process; so generators can be
 * fitted on several threads at once. Adam and L-BFGS update the weights, held in plain Java.
 *
 * <p>Threading: a generator is confined to one thread at a time.
 */
public final class NeuralGenerator implements Oracle, AutoCloseable {
  private static final int QUERY_CHUNK = 16_384;
  private static final double ADAM_BETA1 = 0.9;
  private static final double ADAM_BETA2 = 0.999;
  private static final double ADAM_EPSILON = 1e-8;

  /**
   * Network and training settings.
   *
   * @param hidden units per hidden layer, each >= 1, at least one layer
   * @param batchSize points per Adam step, >= 1
   * @param learningRate initial Adam step size, > 0
   * @param adamEpochs passes of Adam over the training split at most, >= 0
   * @param lbfgsIterations full-batch L-BFGS iterations after Adam at most, >= 0
   * @param patience Adam epochs, or L-BFGS validation checks (one per 10 iterations), without a
   *     better validation error before that phase stops, >= 2; Adam's step halves after a third
   * @param validationFraction share of the rows held out for early stopping, in (0, 0.5]
   */
  public record Settings(
      List<Integer> hidden,
      int batchSize,
      double learningRate,
      int adamEpochs,
      int lbfgsIterations,
      int patience,
      double validationFraction) {
    /**
     * Three tanh layers of 32; Adam (batches of 128, step 3e-3) for up to 100 epochs, then up to
     * 2000 L-BFGS iterations; patience 30; a fifth of the rows for validation.
     */
    public static final Settings DEFAULT =
        new Settings(List.of(32, 32, 32), 128, 3e-3, 100, 2000, 30, 0.2);

    /** Validates the settings. */
    public Settings {
      hidden = List.copyOf(hidden);
      if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
        throw new IllegalArgumentException(
            "hidden = " + hidden + ": need at least one layer, each of >= 1 units");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize = " + batchSize + ": must be >= 1");
      }
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learningRate = " + learningRate + ": must be > 0");
      }
      if (adamEpochs < 0 || lbfgsIterations < 0 || adamEpochs + lbfgsIterations == 0) {
        throw new IllegalArgumentException(
            "adamEpochs = "
                + adamEpochs
                + ", lbfgsIterations = "
                + lbfgsIterations
                + ": each >= 0, not both 0");
      }
      if (patience < 2) {
        throw new IllegalArgumentException("patience = " + patience + ": must be >= 2");
      }
      if (!(validationFraction > 0 && validationFraction <= 0.5)) {
        throw new IllegalArgumentException(
            "validationFraction = " + validationFraction + ": allowed (0, 0.5]");
      }
    }
  }

  private final NDManager manager;
  private final int variables;
  private final int[] widths;
  private final double[] inputMean;
  private final double[] inputScale;
  private final double targetMean;
  private final double targetScale;
  private double[] weights;
  private double validationMse = Double.NaN;
  private int epochs;

  private NeuralGenerator(
      int variables,
      List<Integer> hidden,
      double[] inputMean,
      double[] inputScale,
      double targetMean,
      double targetScale) {
    this.manager = NDManager.newBaseManager();
    this.variables = variables;
    this.widths = new int[hidden.size() + 2];
    widths[0] = variables;
    for (int l = 0; l < hidden.size(); l++) {
      widths[l + 1] = hidden.get(l);
    }
    widths[widths.length - 1] = 1;
    this.inputMean = inputMean;
    this.inputScale = inputScale;
    this.targetMean = targetMean;
    this.targetScale = targetScale;
  }

  /**
   * Fits a generator to a table.
   *
   * @param inputs {@code [variables][rows]}
   * @param target {@code [rows]}
   * @param settings network and training settings
   * @param seed seeds initialisation, the split and the batches
   * @param budget training stops early when it is exhausted (the best weights so far are kept)
   * @throws IllegalArgumentException when sizes disagree or there are fewer than 10 rows
   */
  public static NeuralGenerator fit(
      double[][] inputs, double[] target, Settings settings, long seed, Budget budget) {
    Objects.requireNonNull(settings, "settings");
    int d = inputs.length;
    int n = target.length;
    if (d == 0) {
      throw new IllegalArgumentException("inputs has no variables");
    }
    if (n < 10) {
      throw new IllegalArgumentException("target has " + n + " rows: need >= 10");
    }
    for (int v = 0; v < d; v++) {
      if (inputs[v].length != n) {
        throw new IllegalArgumentException(
            "inputs[" + v + "] has " + inputs[v].length + " rows, target has " + n);
      }
    }
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int v = 0; v < d; v++) {
      double[] ms = meanAndScale(inputs[v]);
      mean[v] = ms[0];
      scale[v] = ms[1];
    }
    double[] yms = meanAndScale(target);
    SplittableRandom random = new SplittableRandom(seed);
    NeuralGenerator g = new NeuralGenerator(d, settings.hidden(), mean, scale, yms[0], yms[1]);
    try {
      g.weights = g.initialWeights(random.split());
      g.train(inputs, target, settings, random, budget);
      return g;
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  private static double[] meanAndScale(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    s = Math.sqrt(s / v.length);
    return new double[] {m, s > 1e-12 * (1 + Math.abs(m)) ? s : 1};
  }

  /** Total number of weights: per layer a [in, out] matrix then an [out] bias. */
  private int weightCount() {
    int c = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      c += widths[l] * widths[l + 1] + widths[l + 1];
    }
    return c;
  }

  /** Glorot-uniform matrices and zero biases, from the seed. */
  private double[] initialWeights(SplittableRandom random) {
    double[] w = new double[weightCount()];
    int at = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      double limit = Math.sqrt(6.0 / (in + out));
      for (int i = 0; i < in * out; i++) {
        w[at++] = random.nextDouble(-limit, limit);
      }
      at += out;
    }
    return w;
  }

  /**
   * Mean squared error of the network on standardised rows, and optionally its gradient, computed
   * with DJL arrays: forward {@code Aₗ = tanh(Aₗ₋₁Wₗ + bₗ)}, backward by the chain rule {@code δₗ =
   * (δₗ₊₁Wₗ₊₁ᵀ) ⊙ (1 − Aₗ²)}, {@code ∂L/∂Wₗ = Aₗ₋₁ᵀδₗ}.
   *
   * @param x rows {@code [rows, variables]}, row-major
   * @param y targets {@code [rows]}, or null to only predict
   * @param w the weights
   * @param gradient receives ∂L/∂w, or null
   * @param prediction receives the {@code [rows]} outputs, or null
   * @return the loss, or NaN when {@code y} is null
   */
  private double pass(
      double[] x, double[] y, int rows, double[] w, double[] gradient, double[] prediction) {
    int layers = widths.length - 1;
    try (NDManager sub = manager.newSubManager()) {
      NDArray[] mats = new NDArray[layers];
      NDArray[] biases = new NDArray[layers];
      int at = 0;
      for (int l = 0; l < layers; l++) {
        int in = widths[l];
        int out = widths[l + 1];
        mats[l] = sub.create(Arrays.copyOfRange(w, at, at + in * out), new Shape(in, out));
        at += in * out;
        biases[l] = sub.create(Arrays.copyOfRange(w, at, at + out), new Shape(1, out));
        at += out;
      }
      NDArray[] acts = new NDArray[layers];
      acts[0] = sub.create(x, new Shape(rows, variables));
      NDArray out = null;
      for (int l = 0; l < layers; l++) {
        NDArray z = acts[l].matMul(mats[l]).add(biases[l]);
        if (l + 1 < layers) {
          acts[l + 1] = z.tanh();
        } else {
          out = z;
        }
      }
      if (prediction != null) {
        System.arraycopy(out.toDoubleArray(), 0, prediction, 0, rows);
      }
      if (y == null) {
        return Double.NaN;
      }
      NDArray err = out.sub(sub.create(y, new Shape(rows, 1)));
      double loss = err.square().mean().getDouble();
      if (gradient == null) {
        return loss;
      }
      NDArray delta = err.mul(2.0 / rows);
      int end = gradient.length;
      for (int l = layers - 1; l >= 0; l--) {
        int in = widths[l];
        int o = widths[l + 1];
        double[] gb = delta.sum(new int[] {0}).toDoubleArray();
        double[] gw = acts[l].transpose().matMul(delta).toDoubleArray();
        end -= o;
        System.arraycopy(gb, 0, gradient, end, o);
        end -= in * o;
        System.arraycopy(gw, 0, gradient, end, in * o);
        if (l > 0) {
          NDArray back = delta.matMul(mats[l].transpose());
          delta = back.mul(acts[l].square().neg().add(1));
        }
      }
      return loss;
    }
  }

  private void train(
      double[][] inputs,
      double[] target,
      Settings settings,
      SplittableRandom random,
      Budget budget) {
    int n = target.length;
    int d = variables;
    int[] order = GeneticProgramming.sampleRows(n, n, random);
    int nVal = Math.max(1, (int) Math.round(n * settings.validationFraction()));
    int nTrain = n - nVal;
    double[] xTrain = new double[nTrain * d];
    double[] yTrain = new double[nTrain];
    double[] xVal = new double[nVal * d];
    double[] yVal = new double[nVal];
    for (int i = 0; i < n; i++) {
      int r = order[i];
      boolean val = i >= nTrain;
      int row = val ? i - nTrain : i;
      for (int v = 0; v < d; v++) {
        double z = (inputs[v][r] - inputMean[v]) / inputScale[v];
        if (val) {
          xVal[row * d + v] = z;
        } else {
          xTrain[row * d + v] = z;
        }
      }
      double t = (target[r] - targetMean) / targetScale;
      if (val) {
        yVal[row] = t;
      } else {
        yTrain[row] = t;
      }
    }
    int p = weights.length;
    double[] best = weights.clone();
    double[] bestVal = {pass(xVal, yVal, nVal, weights, null, null)};

    // Phase 1: Adam (Kingma and Ba 2015) on mini-batches finds the basin.
    double lr = settings.learningRate();
    double[] m1 = new double[p];
    double[] m2 = new double[p];
    double[] grad = new double[p];
    long t = 0;
    int stale = 0;
    int batch = Math.min(settings.batchSize(), nTrain);
    int[] idx = new int[nTrain];
    for (int i = 0; i < nTrain; i++) {
      idx[i] = i;
    }
    double[] xb = new double[batch * d];
    double[] yb = new double[batch];
    for (int epoch = 0; epoch < settings.adamEpochs() && !budget.exhausted(); epoch++) {
      for (int i = nTrain - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
      }
      for (int start = 0; start + batch <= nTrain; start += batch) {
        for (int k = 0; k < batch; k++) {
          int r = idx[start + k];
          System.arraycopy(xTrain, r * d, xb, k * d, d);
          yb[k] = yTrain[r];
        }
        pass(xb, yb, batch, weights, grad, null);
        t++;
        double c1 = 1 - Math.pow(ADAM_BETA1, t);
        double c2 = 1 - Math.pow(ADAM_BETA2, t);
        for (int i = 0; i < p; i++) {
          m1[i] = ADAM_BETA1 * m1[i] + (1 - ADAM_BETA1) * grad[i];
          m2[i] = ADAM_BETA2 * m2[i] + (1 - ADAM_BETA2) * grad[i] * grad[i];
          weights[i] -= lr * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + ADAM_EPSILON);
        }
      }
      epochs++;
      double val = pass(xVal, yVal, nVal, weights, null, null);
      if (val < bestVal[0] * (1 - 1e-4)) {
        bestVal[0] = val;
        best = weights.clone();
        stale = 0;
      } else {
        stale++;
        if (stale % Math.max(1, settings.patience() / 3) == 0) {
          lr *= 0.5;
        }
        if (stale >= settings.patience()) {
          break;
        }
      }
    }
    weights = best.clone();

    // Phase 2: full-batch L-BFGS polishes to the accuracy the regression needs.
    if (settings.lbfgsIterations() > 0 && !budget.exhausted()) {
      double[][] bestHolder = {best};
      int[] staleChecks = {0};
      double[] w = best.clone();
      Lbfgs.minimise(
          (x, g) -> pass(xTrain, yTrain, nTrain, x, g, null),
          w,
          20,
          settings.lbfgsIterations(),
          (k, x, value) -> {
            if (k % 10 != 9) {
              return !budget.exhausted();
            }
            epochs++;
            double val = pass(xVal, yVal, nVal, x, null, null);
            if (val < bestVal[0] * (1 - 1e-4)) {
              bestVal[0] = val;
              bestHolder[0] = x.clone();
              staleChecks[0] = 0;
            } else if (++staleChecks[0] >= settings.patience()) {
              return false;
            }
            return !budget.exhausted();
          });
      weights = bestHolder[0].clone();
    }
    validationMse = bestVal[0] * targetScale * targetScale;
  }

  @Override
  public double[] query(double[][] inputs) {
    if (inputs.length != variables) {
      throw new IllegalArgumentException(
          "inputs has " + inputs.length + " variables: the generator was fitted on " + variables);
    }
    int n = inputs[0].length;
    double[] out = new double[n];
    double[] chunk = new double[Math.min(n, QUERY_CHUNK) * variables];
    double[] pred = new double[Math.min(n, QUERY_CHUNK)];
    for (int start = 0; start < n; start += QUERY_CHUNK) {
      int m = Math.min(QUERY_CHUNK, n - start);
      for (int v = 0; v < variables; v++) {
        if (inputs[v].length != n) {
          throw new IllegalArgumentException(
              "inputs[" + v + "] has " + inputs[v].length + " points, inputs[0] has " + n);
        }
        for (int i = 0; i < m; i++) {
          chunk[i * variables + v] = (inputs[v][start + i] - inputMean[v]) / inputScale[v];
        }
      }
      double[] x = m == pred.length ? chunk : Arrays.copyOf(chunk, m * variables);
      pass(x, null, m, weights, null, pred);
      for (int i = 0; i < m; i++) {
        out[start + i] = pred[i] * targetScale + targetMean;
      }
    }
    return out;
  }

  /** Mean squared error on the validation split at the kept weights, in target units squared. */
  public double validationMse() {
    return validationMse;
  }

  /** Adam epochs plus L-BFGS validation checks run. */
  public int epochs() {
    return epochs;
  }

  /** Number of input variables. */
  public int variables() {
    return variables;
  }

  @Override
  public void close() {
    manager.close();
  }
}
