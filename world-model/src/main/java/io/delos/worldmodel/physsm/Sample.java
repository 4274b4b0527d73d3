package io.delos.worldmodel.physsm;

/**
 * One sequence as a network reads it: the encoder's points (measured, in the observed window) and
 * the rollout grid the prediction is made on, which starts at the first encoder point and contains
 * every encoder point.
 *
 * <p>Arrays are row-major and owned by this object (built and read only inside the package).
 */
final class Sample {
  final double[] encTimes;
  final double[] encObs;
  final double[] encActs;
  final double[] rollTimes;
  final double[] rollActs;
  final double[] targets;
  final boolean[] targetMask;
  final int[] encToRoll;

  /**
   * A sample.
   *
   * @param encTimes {@code [Te]}, s, increasing
   * @param encObs {@code [Te, o]}, SI
   * @param encActs {@code [Te, m]}, SI
   * @param rollTimes {@code [Tr]}, s, increasing, {@code rollTimes[0] == encTimes[0]}
   * @param rollActs {@code [Tr, m]}, SI, each held to the next point
   * @param targets {@code [Tr, o]}, SI, or {@code null}
   * @param targetMask {@code [Tr]}: where {@code targets} count, or {@code null}
   * @param encToRoll {@code [Te]}: the rollout index of each encoder point
   */
  Sample(
      double[] encTimes,
      double[] encObs,
      double[] encActs,
      double[] rollTimes,
      double[] rollActs,
      double[] targets,
      boolean[] targetMask,
      int[] encToRoll) {
    this.encTimes = encTimes;
    this.encObs = encObs;
    this.encActs = encActs;
    this.rollTimes = rollTimes;
    this.rollActs = rollActs;
    this.targets = targets;
    this.targetMask = targetMask;
    this.encToRoll = encToRoll;
  }

  int encLength() {
    return encTimes.length;
  }

  int rollLength() {
    return rollTimes.length;
  }

  /** What a sample is built for. */
  enum Mode {
    /** Measured points as targets, the grid cut at a horizon. */
    TRAIN,
    /** Measured points as targets, on the full grid. */
    VALIDATE,
    /** The truth on the full grid as targets. */
    EVALUATE
  }

  /**
   * A sample of a window.
   *
   * @param w the window
   * @param mode what it is for
   * @param horizon grid points of the window the rollout covers (TRAIN only), >= observedSteps
   */
  static Sample of(ForecastWindow w, Mode mode, int horizon) {
    int o = w.observationSize();
    int m = w.actionSize();
    int te = w.observedCount();
    double[] encTimes = new double[te];
    double[] encObs = new double[te * o];
    double[] encActs = new double[te * m];
    int[] encGrid = new int[te];
    int e = 0;
    for (int k = 0; k < w.observedSteps(); k++) {
      if (w.kept(k)) {
        encTimes[e] = w.time(k);
        for (int c = 0; c < o; c++) {
          encObs[e * o + c] = w.measured(k, c);
        }
        for (int c = 0; c < m; c++) {
          encActs[e * m + c] = w.action(k, c);
        }
        encGrid[e++] = k;
      }
    }
    // The rollout covers every grid point (a model integrates through dropped points with their
    // known actions); only measured points count as targets unless the truth is scored.
    int end =
        mode == Mode.TRAIN
            ? Math.min(w.length(), Math.max(horizon, w.observedSteps()))
            : w.length();
    int[] grid = new int[end];
    for (int k = 0; k < end; k++) {
      grid[k] = k;
    }
    int tr = grid.length;
    double[] rollTimes = new double[tr];
    double[] rollActs = new double[tr * m];
    double[] targets = new double[tr * o];
    boolean[] mask = new boolean[tr];
    int[] gridToRoll = new int[w.length()];
    for (int i = 0; i < tr; i++) {
      int k = grid[i];
      gridToRoll[k] = i;
      rollTimes[i] = w.time(k);
      for (int c = 0; c < m; c++) {
        rollActs[i * m + c] = w.action(k, c);
      }
      boolean truth = mode == Mode.EVALUATE;
      mask[i] = truth || w.kept(k);
      for (int c = 0; c < o; c++) {
        targets[i * o + c] = truth ? w.truth(k, c) : w.measured(k, c);
      }
    }
    int[] encToRoll = new int[te];
    for (int i = 0; i < te; i++) {
      encToRoll[i] = gridToRoll[encGrid[i]];
    }
    return new Sample(encTimes, encObs, encActs, rollTimes, rollActs, targets, mask, encToRoll);
  }
}
