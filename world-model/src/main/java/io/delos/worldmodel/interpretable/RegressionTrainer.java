package io.delos.worldmodel.interpretable;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.delos.worldmodel.sequence.AdamW;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mini-batch Adam (AdamW with no weight decay) on standardised rows, with early stopping on the
 * validation loss: the weights of the best validation epoch are kept.
 *
 * <p>Threading: confined to the calling thread.
 */
final class RegressionTrainer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  private static final double CLIP_NORM = 5;
  private static final int EVAL_CHUNK = 4096;

  /**
   * What a fit did.
   *
   * @param epochs epochs run
   * @param validationLoss best mean squared validation error, standardised units squared
   * @param stopped whether the listener stopped it
   */
  record Result(int epochs, double validationLoss, boolean stopped) {}

  private RegressionTrainer() {}

  /**
   * Fits {@code net}.
   *
   * @param xTrain training rows, row-major {@code [row, feature]}
   * @param yTrain training targets {@code [row]}
   * @param xVal validation rows
   * @param yVal validation targets
   * @param features columns per row
   */
  static Result fit(
      Network net,
      float[] xTrain,
      float[] yTrain,
      float[] xVal,
      float[] yVal,
      int features,
      CatConfig config,
      FitListener listener) {
    AdamW adam = new AdamW(net.params());
    SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    int n = yTrain.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double best = validationLoss(net, xVal, yVal, features);
    Map<String, float[]> bestWeights = net.params().snapshot();
    int sinceBest = 0;
    int epoch = 0;
    boolean stopped = false;
    while (epoch < config.maxEpochs() && sinceBest < config.patience()) {
      shuffle(order, random);
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start < n; start += config.batchSize()) {
        if (listener.stopRequested()) {
          stopped = true;
          break;
        }
        int b = Math.min(config.batchSize(), n - start);
        float[] xb = new float[b * features];
        float[] yb = new float[b];
        for (int k = 0; k < b; k++) {
          int row = order[start + k];
          System.arraycopy(xTrain, row * features, xb, k * features, features);
          yb[k] = yTrain[row];
        }
        lossSum += step(net, adam, xb, yb, features, config.learningRate());
        batches++;
      }
      if (stopped) {
        break;
      }
      epoch++;
      double validation = validationLoss(net, xVal, yVal, features);
      if (validation < best) {
        best = validation;
        bestWeights = net.params().snapshot();
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      listener.onEpoch(epoch, config.maxEpochs(), lossSum / Math.max(1, batches), validation);
    }
    net.params().load(bestWeights);
    return new Result(epoch, best, stopped);
  }

  private static double step(
      Network net, AdamW adam, float[] xb, float[] yb, int features, double lr) {
    try (NDScope scope = new NDScope();
        NDManager m = net.params().manager().newSubManager()) {
      NDArray x = m.create(xb, new Shape(yb.length, features));
      NDArray y = m.create(yb, new Shape(yb.length));
      double loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = net.loss(x, y);
        gc.backward(l);
        loss = l.getFloat();
      }
      double norm = adam.gradientNorm();
      if (!Double.isFinite(norm) || !Double.isFinite(loss)) {
        adam.zeroGradients();
      } else {
        double scale = norm > CLIP_NORM ? CLIP_NORM / norm : 1.0;
        adam.update(lr, 0, BETA1, BETA2, EPSILON, scale);
      }
      scope.suppressNotUsedWarning();
      return loss;
    }
  }

  /** Mean squared error of {@code net} on rows, standardised units squared. */
  static double validationLoss(Network net, float[] x, float[] y, int features) {
    float[] p = predict(net, x, y.length, features);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (p[i] - y[i]) * (double) (p[i] - y[i]);
    }
    return sum / y.length;
  }

  /** Standardised predictions for {@code rows} rows, computed in chunks without gradients. */
  static float[] predict(Network net, float[] x, int rows, int features) {
    float[] out = new float[rows];
    for (int start = 0; start < rows; start += EVAL_CHUNK) {
      int b = Math.min(EVAL_CHUNK, rows - start);
      float[] xb = new float[b * features];
      System.arraycopy(x, start * features, xb, 0, b * features);
      try (NDScope scope = new NDScope();
          NDManager m = net.params().manager().newSubManager()) {
        float[] p = net.predict(m.create(xb, new Shape(b, features))).toFloatArray();
        System.arraycopy(p, 0, out, start, b);
        scope.suppressNotUsedWarning();
      }
    }
    return out;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
