package io.delos.worldmodel.sequence;

import java.nio.file.Path;

/**
 * Progress of a training run. The library prints nothing; a command line draws a progress bar from
 * these calls, a test ignores them. Calls come from the training thread.
 */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Training starts.
   *
   * @param kind model kind
   * @param firstStep step it starts from (above 0 when resumed)
   * @param steps total steps
   * @param parameters number of scalar parameters
   */
  default void started(String kind, int firstStep, int steps, long parameters) {}

  /**
   * One optimiser step finished.
   *
   * @param step the step just taken, 1-based
   * @param steps total steps
   * @param loss training loss of the batch
   * @param learningRate the learning rate used
   * @param gradientNorm global gradient norm before clipping
   * @param seconds wall time since training started, s
   */
  default void stepped(
      int step, int steps, double loss, double learningRate, double gradientNorm, double seconds) {}

  /**
   * A step's gradient was not finite and the step was skipped.
   *
   * @param step the step, 1-based
   */
  default void skipped(int step) {}

  /**
   * The validation loss was measured.
   *
   * @param step after this step
   * @param loss mean loss over the validation batches
   */
  default void validated(int step, double loss) {}

  /**
   * A checkpoint was written.
   *
   * @param step after this step
   * @param file where
   */
  default void checkpointed(int step, Path file) {}
}
