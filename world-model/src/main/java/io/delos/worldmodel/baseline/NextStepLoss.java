package io.delos.worldmodel.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.nn.SoftHistogram;
import io.delos.worldmodel.sequence.WindowBatch;
import java.util.function.Function;

/**
 * Teacher-forced next-step training and autoregressive rollout shared by the causal transformer
 * baselines: the observation tokens of step t predict the observations of step t + 1.
 */
final class NextStepLoss {
  private NextStepLoss() {}

  /**
   * Cross-entropy of the next-step predictions over every step pair and real channel.
   *
   * @param logits {@code [batch, time, obsChannel, K]}: step t's prediction of step t + 1
   * @param x the batch
   * @return a scalar
   */
  static NDArray loss(SoftHistogram h, NDArray logits, WindowBatch.Tensors x) {
    long b = x.obs().getShape().get(0);
    long co = x.obs().getShape().get(2);
    NDArray predicted = logits.get(new NDIndex(":, :-1"));
    NDArray target = x.obs().get(new NDIndex(":, 1:"));
    NDArray ce = h.crossEntropy(predicted, target);
    NDArray mask = x.obsValid().reshape(b, 1, co).broadcast(ce.getShape());
    return ce.mul(mask).sum().div(mask.sum().maximum(1f));
  }

  /**
   * Rolls the model out step by step: at each step the logits of the steps so far give the next
   * observation's expectation, which is written into the window where it is not observed.
   *
   * @param batch windows with observed masks
   * @param manager parent manager for temporaries
   * @param h the value histogram
   * @param logitsOf maps the first s + 1 steps of a batch to logits {@code [batch, s + 1,
   *     obsChannel, K]}
   * @return {@code [batch, time, obsChannel]}
   */
  static float[] rollout(
      WindowBatch batch,
      NDManager manager,
      SoftHistogram h,
      Function<WindowBatch.Tensors, NDArray> logitsOf) {
    int b = batch.batch();
    int t = batch.time();
    int co = batch.obsChannels();
    float[] out = batch.observations();
    for (int s = 0; s + 1 < t; s++) {
      if (MlpEnsemble.allObserved(batch, s + 1)) {
        continue;
      }
      try (NDScope scope = new NDScope();
          NDManager m = manager.newSubManager()) {
        WindowBatch.Tensors full = batch.withObservations(out).tensors(m);
        WindowBatch.Tensors x = prefix(full, s + 1);
        NDArray logits = logitsOf.apply(x);
        NDArray next = h.expectation(logits.get(new NDIndex(":, {}", s))).mul(full.obsValid());
        float[] n = next.toFloatArray();
        for (int i = 0; i < b; i++) {
          if (!batch.observed(i, s + 1)) {
            System.arraycopy(n, i * co, out, (i * t + s + 1) * co, co);
          }
        }
        scope.suppressNotUsedWarning();
      }
    }
    return out;
  }

  /** The first {@code steps} steps of a batch. */
  static WindowBatch.Tensors prefix(WindowBatch.Tensors x, int steps) {
    NDIndex first = new NDIndex(":, :{}", steps);
    return new WindowBatch.Tensors(
        x.obs().get(first),
        x.act().get(first),
        x.obsValid(),
        x.actValid(),
        x.observed().get(first),
        x.obsBody(),
        x.actBody());
  }

  static Shape shape(long... dims) {
    return new Shape(dims);
  }
}
