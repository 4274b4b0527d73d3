package io.delos.worldmodel.sequence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation metric of Wang et al. (ICML 2026, §5.1): mean absolute and mean squared error of
 * the predicted observations, normalised per system and channel to [0, 1] ({@link ChannelRanges}),
 * over every predicted step and real channel of the evaluation windows.
 *
 * <p>Errors are averaged within each system first, then over systems (each system counts once,
 * whatever its channel count).
 *
 * @param mae mean over systems of each system's mean absolute error, normalised units
 * @param mse mean over systems of each system's mean squared error, normalised units²
 * @param perSystem each system's (MAE, MSE)
 * @param windows number of windows evaluated
 */
public record PredictionError(
    double mae, double mse, Map<String, double[]> perSystem, int windows) {
  /** Copies the map. */
  public PredictionError {
    perSystem = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perSystem));
  }

  /**
   * Evaluates a model on windows whose observed masks say what it is given.
   *
   * @param model the model
   * @param batches evaluation windows ({@link TrajectoryWindows#evaluation})
   * @return the errors
   */
  public static PredictionError of(SequenceModel model, List<WindowBatch> batches) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    int windows = 0;
    for (WindowBatch b : batches) {
      float[] p = model.predict(b);
      accumulate(b, p, sums);
      windows += b.batch();
    }
    return summarise(sums, windows);
  }

  /**
   * Adds one batch's absolute and squared errors to per-system sums {abs, sq, count}, for callers
   * that score predictions made elsewhere (a persistence baseline, say).
   *
   * @param b the windows
   * @param predicted {@code [batch, time, obsChannels]}
   * @param sums per-system sums, updated
   */
  public static void accumulate(WindowBatch b, float[] predicted, Map<String, double[]> sums) {
    int t = b.time();
    int co = b.obsChannels();
    for (int i = 0; i < b.batch(); i++) {
      double[] s = sums.computeIfAbsent(b.systems().get(i), k -> new double[3]);
      for (int k = 0; k < t; k++) {
        if (b.observed(i, k)) {
          continue;
        }
        for (int c = 0; c < co; c++) {
          if (!b.obsValid(i, c)) {
            continue;
          }
          double e = predicted[(i * t + k) * co + c] - b.obs(i, k, c);
          s[0] += Math.abs(e);
          s[1] += e * e;
          s[2] += 1;
        }
      }
    }
  }

  /** The errors of per-system sums filled by {@link #accumulate}. */
  public static PredictionError summarise(Map<String, double[]> sums, int windows) {
    Map<String, double[]> per = new LinkedHashMap<>();
    double mae = 0;
    double mse = 0;
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      double n = Math.max(1, e.getValue()[2]);
      double a = e.getValue()[0] / n;
      double q = e.getValue()[1] / n;
      per.put(e.getKey(), new double[] {a, q});
      mae += a;
      mse += q;
    }
    int k = Math.max(1, per.size());
    return new PredictionError(mae / k, mse / k, per, windows);
  }
}
