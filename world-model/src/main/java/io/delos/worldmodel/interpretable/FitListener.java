package io.delos.worldmodel.interpretable;

/**
 * Progress of a fit, called on the fitting thread after every epoch.
 *
 * <p>Implementations must be quick; they run between gradient steps.
 */
public interface FitListener {
  /** A listener that ignores progress and never stops a fit. */
  FitListener NONE = (epoch, maxEpochs, trainLoss, validationLoss) -> {};

  /**
   * One epoch is done.
   *
   * @param epoch epochs done, 1 to {@code maxEpochs}
   * @param maxEpochs the epoch budget
   * @param trainLoss mean training loss of the epoch, standardised target units squared
   * @param validationLoss mean squared validation error, standardised target units squared
   */
  void onEpoch(int epoch, int maxEpochs, double trainLoss, double validationLoss);

  /** Whether the fit should stop now, keeping the best weights so far (polled between steps). */
  default boolean stopRequested() {
    return false;
  }
}
