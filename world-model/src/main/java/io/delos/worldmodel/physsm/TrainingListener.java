package io.delos.worldmodel.physsm;

/**
 * Progress of a forecaster's training, for progress bars and logs; the library itself prints
 * nothing. Every method has an empty default. Called on the training thread.
 */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Training starts.
   *
   * @param arm the forecaster being trained
   * @param iterations gradient steps planned
   */
  default void started(Arm arm, int iterations) {}

  /**
   * One gradient step finished.
   *
   * @param arm the forecaster
   * @param iteration 0-based step
   * @param loss total loss
   * @param reconstruction mean squared error on normalised observations
   * @param kl KL term (before β)
   * @param regulariser physics state regulariser (before λ; 0 where not defined)
   */
  default void iteration(
      Arm arm, int iteration, double loss, double reconstruction, double kl, double regulariser) {}

  /**
   * A step was skipped because its loss or gradient was not finite.
   *
   * @param arm the forecaster
   * @param iteration 0-based step
   */
  default void skipped(Arm arm, int iteration) {}

  /**
   * The held-out windows were evaluated.
   *
   * @param arm the forecaster
   * @param iteration 0-based step after which it ran
   * @param error mean squared error on their measured, normalised observations
   * @param best whether this is the best so far (its parameters are kept)
   */
  default void validated(Arm arm, int iteration, double error, boolean best) {}

  /**
   * Training ended.
   *
   * @param arm the forecaster
   * @param seconds wall time
   */
  default void finished(Arm arm, double seconds) {}
}
