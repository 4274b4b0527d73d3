package io.delos.worldmodel.sensing;

import io.delos.sim.Vec;
import java.util.List;

/**
 * The coefficients of a multi-level wavelet transform of one series.
 *
 * <p>For the discrete transform, level j holds N/2^j coefficients; for the stationary transform
 * every level holds N. The details are listed finest first, the approximation is the coarsest
 * scaling level.
 *
 * @param wavelet the filters used
 * @param approximation scaling coefficients of the coarsest level J
 * @param details wavelet coefficients, {@code details.get(j - 1)} for level j = 1 (finest) to J
 */
public record WaveletDecomposition(Wavelet wavelet, Vec approximation, List<Vec> details) {
  /** Validates and copies the lists. */
  public WaveletDecomposition {
    Checks.notNull("wavelet", wavelet);
    Checks.notNull("approximation", approximation);
    Checks.notNull("details", details);
    if (details.isEmpty()) {
      throw new IllegalArgumentException("details is empty: allowed >= 1 level");
    }
    details = List.copyOf(details);
  }

  /** Number of levels J. */
  public int levels() {
    return details.size();
  }

  /** The detail coefficients of level j (1 = finest) as a fresh array. */
  public double[] detail(int level) {
    Checks.range("level", level, 1, details.size());
    return details.get(level - 1).toArray();
  }
}
