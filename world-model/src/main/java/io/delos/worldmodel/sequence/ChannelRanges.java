package io.delos.worldmodel.sequence;

import io.delos.sim.Trajectory;
import io.delos.sim.json.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-channel normalisation of one system to [0, 1] (Wang et al., ICML 2026, §3.1):
 *
 * <pre>
 *   ṽ = clip((v − lo) / (hi − lo), 0, 1),   v = lo + ṽ (hi − lo)
 * </pre>
 *
 * with lo and hi taken from the system's own data: the 0.5 % and 99.5 % quantiles, widened by 10 %
 * of their distance on each side, so that rare spikes do not squash the rest of a channel into a
 * few bins. A channel that never changes gets the range v ± ½ and maps to ½.
 *
 * <p>Arrays are in the system's channel order; values carry the channels' own units.
 *
 * @param obsLow lo per observation channel
 * @param obsHigh hi per observation channel
 * @param actLow lo per action channel
 * @param actHigh hi per action channel
 */
public record ChannelRanges(double[] obsLow, double[] obsHigh, double[] actLow, double[] actHigh) {
  /** Lower quantile of the range. */
  public static final double LOW_QUANTILE = 0.005;

  /** Upper quantile of the range. */
  public static final double HIGH_QUANTILE = 0.995;

  /** Share of the quantile distance added on each side. */
  public static final double MARGIN = 0.1;

  /** Copies and validates the arrays. */
  public ChannelRanges {
    obsLow = obsLow.clone();
    obsHigh = obsHigh.clone();
    actLow = actLow.clone();
    actHigh = actHigh.clone();
    check("observation", obsLow, obsHigh);
    check("action", actLow, actHigh);
  }

  private static void check(String what, double[] low, double[] high) {
    if (low.length != high.length) {
      throw new IllegalArgumentException(
          what + " ranges: " + low.length + " lows but " + high.length + " highs");
    }
    for (int i = 0; i < low.length; i++) {
      if (!(high[i] > low[i]) || !Double.isFinite(low[i]) || !Double.isFinite(high[i])) {
        throw new IllegalArgumentException(
            what
                + " channel "
                + i
                + " range ["
                + low[i]
                + ", "
                + high[i]
                + "]: need finite lo < hi");
      }
    }
  }

  /**
   * Fits the ranges to every row of {@code trajectories}.
   *
   * @throws IllegalArgumentException when the list is empty or sizes differ
   */
  public static ChannelRanges fit(List<Trajectory> trajectories) {
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("no trajectories to fit channel ranges to");
    }
    int n = trajectories.get(0).observationSize();
    int m = trajectories.get(0).actionSize();
    int rows = 0;
    for (Trajectory t : trajectories) {
      if (t.observationSize() != n || t.actionSize() != m) {
        throw new IllegalArgumentException(
            "trajectories of one system differ in size: "
                + t.observationSize()
                + "x"
                + t.actionSize()
                + " vs "
                + n
                + "x"
                + m);
      }
      rows += t.length();
    }
    double[][] ob = new double[2][n];
    double[][] ac = new double[2][m];
    double[] column = new double[rows];
    for (int c = 0; c < n; c++) {
      int i = 0;
      for (Trajectory t : trajectories) {
        for (int k = 0; k < t.length(); k++) {
          column[i++] = t.observation(k, c);
        }
      }
      range(column, ob, c);
    }
    for (int c = 0; c < m; c++) {
      int i = 0;
      for (Trajectory t : trajectories) {
        for (int k = 0; k < t.length(); k++) {
          column[i++] = t.action(k, c);
        }
      }
      range(column, ac, c);
    }
    return new ChannelRanges(ob[0], ob[1], ac[0], ac[1]);
  }

  private static void range(double[] column, double[][] out, int c) {
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    double lo = quantile(sorted, LOW_QUANTILE);
    double hi = quantile(sorted, HIGH_QUANTILE);
    double span = hi - lo;
    if (span < 1e-9 * Math.max(1, Math.abs(lo))) {
      double mid = 0.5 * (lo + hi);
      out[0][c] = mid - 0.5;
      out[1][c] = mid + 0.5;
    } else {
      out[0][c] = lo - MARGIN * span;
      out[1][c] = hi + MARGIN * span;
    }
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  /** Number of observation channels. */
  public int observationSize() {
    return obsLow.length;
  }

  /** Number of action channels. */
  public int actionSize() {
    return actLow.length;
  }

  /** Observation channel {@code c}'s value mapped to [0, 1] and clipped. */
  public double normaliseObservation(int c, double v) {
    return clip01((v - obsLow[c]) / (obsHigh[c] - obsLow[c]));
  }

  /** Action channel {@code c}'s value mapped to [0, 1] and clipped. */
  public double normaliseAction(int c, double v) {
    return clip01((v - actLow[c]) / (actHigh[c] - actLow[c]));
  }

  /** A normalised observation value of channel {@code c} in the channel's unit. */
  public double denormaliseObservation(int c, double v) {
    return obsLow[c] + v * (obsHigh[c] - obsLow[c]);
  }

  private static double clip01(double x) {
    return x < 0 ? 0 : (x > 1 ? 1 : x);
  }

  @Override
  public double[] obsLow() {
    return obsLow.clone();
  }

  @Override
  public double[] obsHigh() {
    return obsHigh.clone();
  }

  @Override
  public double[] actLow() {
    return actLow.clone();
  }

  @Override
  public double[] actHigh() {
    return actHigh.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelRanges r
        && Arrays.equals(obsLow, r.obsLow)
        && Arrays.equals(obsHigh, r.obsHigh)
        && Arrays.equals(actLow, r.actLow)
        && Arrays.equals(actHigh, r.actHigh);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(obsLow) * 31 + Arrays.hashCode(actLow);
  }

  @Override
  public String toString() {
    return "ChannelRanges[" + obsLow.length + " observations, " + actLow.length + " actions]";
  }

  /** The ranges as plain maps and lists for JSON (doubles written exactly). */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("obsLow", obsLow.clone());
    out.put("obsHigh", obsHigh.clone());
    out.put("actLow", actLow.clone());
    out.put("actHigh", actHigh.clone());
    return out;
  }

  /** Reads ranges written by {@link #toJson}. */
  public static ChannelRanges fromJson(JsonValue v) {
    v.allowOnly("obsLow", "obsHigh", "actLow", "actHigh");
    return new ChannelRanges(
        v.get("obsLow").asDoubles(-1),
        v.get("obsHigh").asDoubles(-1),
        v.get("actLow").asDoubles(-1),
        v.get("actHigh").asDoubles(-1));
  }
}
