package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WaveletTransformsTest {
  /** Reconstruction error per sample, in the signal's units. */
  private static final double EXACT = 1e-12;

  private static double[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian() * 2 + 0.5;
    }
    return x;
  }

  @Test
  void discreteTransformReconstructsEveryWaveletAndLevelExactly() {
    for (Wavelet w : Wavelet.values()) {
      for (int levels = 1; levels <= 5; levels++) {
        double[] x = random(128, 31L * levels + w.ordinal());
        double[] back =
            DiscreteWaveletTransform.inverse(DiscreteWaveletTransform.forward(x, w, levels));
        for (int i = 0; i < x.length; i++) {
          assertThat(back[i]).as("%s J=%d [%d]", w, levels, i).isCloseTo(x[i], within(EXACT));
        }
      }
    }
  }

  @Test
  void stationaryTransformReconstructsExactlyAndPreservesEnergy() {
    for (Wavelet w : Wavelet.values()) {
      for (int levels = 1; levels <= 5; levels++) {
        double[] x = random(100, 17L * levels + w.ordinal());
        WaveletDecomposition c = StationaryWaveletTransform.forward(x, w, levels);
        assertThat(c.approximation().size()).isEqualTo(x.length);
        double energy = 0;
        for (double v : c.approximation().toArray()) {
          energy += v * v;
        }
        for (int j = 1; j <= levels; j++) {
          assertThat(c.detail(j)).hasSize(x.length);
          for (double v : c.detail(j)) {
            energy += v * v;
          }
        }
        double signal = 0;
        for (double v : x) {
          signal += v * v;
        }
        assertThat(energy).as("%s J=%d energy", w, levels).isCloseTo(signal, within(1e-9));
        double[] back = StationaryWaveletTransform.inverse(c);
        for (int i = 0; i < x.length; i++) {
          assertThat(back[i]).as("%s J=%d [%d]", w, levels, i).isCloseTo(x[i], within(EXACT));
        }
      }
    }
  }

  @Test
  void highPassFilterIsOrthogonalToLowPassAndBothHaveUnitNorm() {
    for (Wavelet w : Wavelet.values()) {
      double hh = 0;
      double gg = 0;
      double hg = 0;
      for (int k = 0; k < w.length(); k++) {
        hh += w.lowPass()[k] * w.lowPass()[k];
        gg += w.highPass()[k] * w.highPass()[k];
        hg += w.lowPass()[k] * w.highPass()[k];
      }
      assertThat(hh).as("%s |h|²", w).isCloseTo(1, within(1e-14));
      assertThat(gg).as("%s |g|²", w).isCloseTo(1, within(1e-14));
      assertThat(hg).as("%s h·g", w).isCloseTo(0, within(1e-14));
    }
  }

  @Test
  void emptyNonFiniteAndTooShortSeriesAreRefusedNamingFieldAndValue() {
    assertThatThrownBy(() -> DiscreteWaveletTransform.forward(new double[0], Wavelet.HAAR, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x is empty");
    assertThatThrownBy(
            () -> StationaryWaveletTransform.forward(new double[] {1, Double.NaN}, Wavelet.DB2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x[1] = NaN")
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> DiscreteWaveletTransform.forward(new double[24], Wavelet.DB4, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 24")
        .hasMessageContaining("levels = 4")
        .hasMessageContaining("multiple of 2^4 = 16");
    assertThatThrownBy(() -> StationaryWaveletTransform.forward(new double[7], Wavelet.HAAR, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 7")
        .hasMessageContaining(">= 2^3 = 8");
    assertThatThrownBy(() -> StationaryWaveletTransform.forward(new double[8], Wavelet.HAAR, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("levels = 0: allowed 1 to 20");
    assertThatThrownBy(() -> Wavelet.parse("sym5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wavelet = 'sym5'");
  }
}
