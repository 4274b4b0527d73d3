package io.delos.worldmodel.interpretable;

/**
 * Size and training settings of a concept-based Taylor model (CAT) and of the baselines trained
 * beside it.
 *
 * @param order polynomial order of the TaylorNet, 2 or 3
 * @param rank Tucker rank of every higher-order term, 1 to 64
 * @param encoderHidden width of the two hidden layers of each concept encoder, 0 to 256; 0 makes
 *     every encoder linear (a weighted sum of its group's standardised features, no bias)
 * @param penalty weight λ of the concept-magnitude penalty λ·mean(c²), >= 0
 * @param validationFraction share of the rows held out for early stopping, in (0, 0.5)
 * @param maxEpochs most passes over the training rows, 1 to 10000
 * @param patience epochs without a better validation loss before stopping, 1 to 1000
 * @param batchSize rows per gradient step, 1 to 65536
 * @param learningRate Adam step size, in (0, 1]
 * @param seed seeds the split, the initial weights and the shuffling
 */
public record CatConfig(
    int order,
    int rank,
    int encoderHidden,
    double penalty,
    double validationFraction,
    int maxEpochs,
    int patience,
    int batchSize,
    double learningRate,
    long seed) {
  /** Validates the settings. */
  public CatConfig {
    if (order != 2 && order != 3) {
      throw new IllegalArgumentException("order = " + order + ": allowed 2 or 3");
    }
    range("rank", rank, 1, 64);
    range("encoderHidden", encoderHidden, 0, 256);
    if (!(penalty >= 0) || Double.isInfinite(penalty)) {
      throw new IllegalArgumentException("penalty = " + penalty + ": allowed finite and >= 0");
    }
    if (!(validationFraction > 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "validationFraction = " + validationFraction + ": allowed (0, 0.5)");
    }
    range("maxEpochs", maxEpochs, 1, 10_000);
    range("patience", patience, 1, 1000);
    range("batchSize", batchSize, 1, 65_536);
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learningRate = " + learningRate + ": allowed (0, 1]");
    }
  }

  private static void range(String field, int value, int low, int high) {
    if (value < low || value > high) {
      throw new IllegalArgumentException(
          field + " = " + value + ": allowed " + low + " to " + high);
    }
  }

  /**
   * The defaults: order 2, rank 8, encoders with two hidden layers of 16, penalty 1e-3, 20% held
   * out, at most 300 epochs with patience 20, batches of 128, learning rate 3e-3.
   */
  public static CatConfig defaults(long seed) {
    return new CatConfig(2, 8, 16, 1e-3, 0.2, 300, 20, 128, 3e-3, seed);
  }

  /** A copy with another order. */
  public CatConfig withOrder(int newOrder) {
    return new CatConfig(
        newOrder,
        rank,
        encoderHidden,
        penalty,
        validationFraction,
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        seed);
  }

  /** A copy with another encoder width (0 for linear encoders). */
  public CatConfig withEncoderHidden(int width) {
    return new CatConfig(
        order,
        rank,
        width,
        penalty,
        validationFraction,
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        seed);
  }

  /** A copy with another epoch budget. */
  public CatConfig withMaxEpochs(int epochs) {
    return new CatConfig(
        order,
        rank,
        encoderHidden,
        penalty,
        validationFraction,
        epochs,
        patience,
        batchSize,
        learningRate,
        seed);
  }

  /** A copy with another Tucker rank. */
  public CatConfig withRank(int newRank) {
    return new CatConfig(
        order,
        newRank,
        encoderHidden,
        penalty,
        validationFraction,
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        seed);
  }
}
