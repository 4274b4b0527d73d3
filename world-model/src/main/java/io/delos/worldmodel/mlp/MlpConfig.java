package io.delos.worldmodel.mlp;

import java.util.List;

/**
 * Size and training settings of an MLP dynamics model.
 *
 * @param hidden widths of the hidden layers, each >= 1
 * @param epochs most passes over the training transitions, >= 1
 * @param batchSize transitions per gradient step, >= 1
 * @param learningRate Adam step size, > 0
 * @param validationFraction share of transitions held out for early stopping, in [0, 0.5)
 * @param patience epochs without validation improvement before stopping, >= 1
 * @param seed seeds initialisation and shuffling
 */
public record MlpConfig(
    List<Integer> hidden,
    int epochs,
    int batchSize,
    double learningRate,
    double validationFraction,
    int patience,
    long seed) {
  /** Validates the configuration. */
  public MlpConfig {
    hidden = List.copyOf(hidden);
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden width " + h + ": must be >= 1");
      }
    }
    if (epochs < 1 || batchSize < 1 || patience < 1) {
      throw new IllegalArgumentException(
          "epochs "
              + epochs
              + ", batchSize "
              + batchSize
              + ", patience "
              + patience
              + ": each must be >= 1");
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate = " + learningRate + ": must be > 0");
    }
    if (!(validationFraction >= 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "validationFraction = " + validationFraction + ": allowed [0, 0.5)");
    }
  }

  /** Two hidden layers of 128: small enough to plan through at hundreds of rollouts a step. */
  public static MlpConfig small(long seed) {
    return new MlpConfig(List.of(128, 128), 60, 256, 1e-3, 0.1, 8, seed);
  }
}
