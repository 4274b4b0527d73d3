package io.delos.actors.eval;

import io.delos.worldmodel.physsm.ForecastWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive forecast a forecaster must beat: every grid point predicted as the last measurement of
 * the observed window at or before it.
 */
public final class HoldLast {
  private HoldLast() {}

  /**
   * Predictions for each window, {@code [time, observationSize]} in SI units, as {@link
   * io.delos.worldmodel.physsm.ForecastMetrics#measure} reads them.
   *
   * @param windows windows whose first point is measured
   */
  public static List<double[]> predict(List<ForecastWindow> windows) {
    List<double[]> out = new ArrayList<>(windows.size());
    for (ForecastWindow w : windows) {
      int o = w.observationSize();
      double[] p = new double[w.length() * o];
      int last = 0;
      for (int k = 0; k < w.length(); k++) {
        if (k < w.observedSteps() && w.kept(k)) {
          last = k;
        }
        for (int c = 0; c < o; c++) {
          p[k * o + c] = w.measured(last, c);
        }
      }
      out.add(p);
    }
    return out;
  }
}
