package io.delos.worldmodel.physsm;

import io.delos.worldmodel.data.Normalizer;
import java.util.List;

/**
 * Forecast errors over a set of windows, scored against each window's noise-free truth (its
 * measurement where the truth is unknown) at every grid point, dropped ones included.
 *
 * <p>MAE and MSE are on normalised observations ((value − mean)/std per channel, with the training
 * windows' statistics), averaged over channels, points and windows: interpolation over the observed
 * window, extrapolation over the forecast window. Displacement errors are Euclidean distances of a
 * planar position in its unit (m) over the forecast window: average (ADE) and at its last point
 * (FDE); NaN when no position channels are given.
 *
 * @param interpolationMae mean absolute error inside the observed window
 * @param interpolationMse mean squared error inside the observed window
 * @param extrapolationMae mean absolute error over the forecast window
 * @param extrapolationMse mean squared error over the forecast window
 * @param ade average displacement error over the forecast window, m
 * @param fde final displacement error, m
 */
public record ForecastMetrics(
    double interpolationMae,
    double interpolationMse,
    double extrapolationMae,
    double extrapolationMse,
    double ade,
    double fde) {

  /**
   * Scores predictions.
   *
   * @param predictions per window, {@code [time, observationSize]} in SI units (as from {@link
   *     Forecaster#predict})
   * @param windows the windows, in the same order
   * @param normalizer the statistics errors are normalised with
   * @param positionChannels the x and y channels of a planar position for ADE and FDE, or an empty
   *     array
   * @throws IllegalArgumentException when sizes disagree
   */
  public static ForecastMetrics measure(
      List<double[]> predictions,
      List<ForecastWindow> windows,
      Normalizer normalizer,
      int[] positionChannels) {
    if (predictions.size() != windows.size() || windows.isEmpty()) {
      throw new IllegalArgumentException(
          predictions.size() + " predictions for " + windows.size() + " windows: need equal, >= 1");
    }
    if (positionChannels.length != 0 && positionChannels.length != 2) {
      throw new IllegalArgumentException(
          "positionChannels has " + positionChannels.length + " entries: allowed 0 or 2 (x, y)");
    }
    double[] std = normalizer.std();
    int o = normalizer.width();
    double inAbs = 0;
    double inSq = 0;
    double exAbs = 0;
    double exSq = 0;
    long inCount = 0;
    long exCount = 0;
    double ade = 0;
    long adeCount = 0;
    double fde = 0;
    for (int i = 0; i < windows.size(); i++) {
      ForecastWindow w = windows.get(i);
      double[] p = predictions.get(i);
      if (p.length != w.length() * o) {
        throw new IllegalArgumentException(
            "predictions[" + i + "] has " + p.length + " values: expected " + w.length() * o);
      }
      for (int k = 0; k < w.length(); k++) {
        boolean extrapolation = k >= w.observedSteps();
        for (int c = 0; c < o; c++) {
          double e = (p[k * o + c] - w.truth(k, c)) / std[c];
          if (extrapolation) {
            exAbs += Math.abs(e);
            exSq += e * e;
            exCount++;
          } else {
            inAbs += Math.abs(e);
            inSq += e * e;
            inCount++;
          }
        }
        if (extrapolation && positionChannels.length == 2) {
          double dx = p[k * o + positionChannels[0]] - w.truth(k, positionChannels[0]);
          double dy = p[k * o + positionChannels[1]] - w.truth(k, positionChannels[1]);
          double dist = Math.hypot(dx, dy);
          ade += dist;
          adeCount++;
          if (k == w.length() - 1) {
            fde += dist;
          }
        }
      }
    }
    boolean positions = positionChannels.length == 2;
    return new ForecastMetrics(
        inAbs / inCount,
        inSq / inCount,
        exAbs / exCount,
        exSq / exCount,
        positions ? ade / adeCount : Double.NaN,
        positions ? fde / windows.size() : Double.NaN);
  }
}
