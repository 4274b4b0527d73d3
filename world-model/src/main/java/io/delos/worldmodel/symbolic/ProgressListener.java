package io.delos.worldmodel.symbolic;

/**
 * Receives progress of a symbolic regression run. Called on the run's thread; implementations
 * should return quickly and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = p -> {};

  /** Stages of a run. */
  enum Stage {
    /** Fitting the neural data generator. */
    GENERATOR,
    /** Choosing the order in which variables are released. */
    ORDER,
    /** Releasing one variable: single-variable regression and the freezing rule. */
    RELEASE,
    /** Refitting every constant on the real data. */
    REFIT,
    /** Genetic programming over all variables (ScaleSR's polish, or the plain GP baseline). */
    SEARCH,
    /** Finished. */
    DONE
  }

  /**
   * One report.
   *
   * @param stage current stage
   * @param message what happened, one line
   * @param fraction share of the time budget spent, in [0, 1]
   */
  record Progress(Stage stage, String message, double fraction) {
    /** Validates the report. */
    public Progress {
      java.util.Objects.requireNonNull(stage, "stage");
      java.util.Objects.requireNonNull(message, "message");
      fraction = Math.max(0, Math.min(1, fraction));
    }
  }

  /** Called for each report. */
  void onProgress(Progress progress);
}
