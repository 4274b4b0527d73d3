package io.delos.worldmodel.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectiveScanTest {
  /** Float32 agreement between two summation orders of the same recurrence, in output units. */
  private static final double TOLERANCE = 2e-5;

  private static NDArray random(
      NDManager m, SplittableRandom r, double lo, double hi, long... dims) {
    Shape s = new Shape(dims);
    float[] v = new float[(int) s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(lo, hi);
    }
    return m.create(v, s);
  }

  /** The recurrence in plain Java double precision, independent of the engine. */
  private static double[] reference(
      float[] x,
      float[] dt,
      float[] a,
      float[] b,
      float[] c,
      float[] h0,
      int n,
      int l,
      int heads,
      int p,
      int s) {
    double[] y = new double[n * l * heads * p];
    for (int i = 0; i < n; i++) {
      for (int h = 0; h < heads; h++) {
        double[][] state = new double[s][p];
        if (h0 != null) {
          for (int k = 0; k < s; k++) {
            for (int j = 0; j < p; j++) {
              state[k][j] = h0[((i * heads + h) * s + k) * p + j];
            }
          }
        }
        for (int t = 0; t < l; t++) {
          double d = dt[(i * l + t) * heads + h];
          double decay = Math.exp(d * a[h]);
          for (int k = 0; k < s; k++) {
            double bk = b[(i * l + t) * s + k];
            for (int j = 0; j < p; j++) {
              double xj = x[((i * l + t) * heads + h) * p + j];
              state[k][j] = decay * state[k][j] + d * bk * xj;
            }
          }
          for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int k = 0; k < s; k++) {
              sum += c[(i * l + t) * s + k] * state[k][j];
            }
            y[((i * l + t) * heads + h) * p + j] = sum;
          }
        }
      }
    }
    return y;
  }

  @ParameterizedTest(name = "time {0}, chunk {1}, initial state {2}")
  @CsvSource({
    "1, 4, false",
    "7, 1, false",
    "16, 4, false",
    "21, 8, true",
    "33, 5, true",
    "12, 64, true"
  })
  void chunkedScanEqualsTheStepByStepRecurrence(int l, int chunk, boolean withState) {
    int n = 3;
    int heads = 2;
    int p = 3;
    int s = 4;
    SplittableRandom r = new SplittableRandom(l * 31L + chunk);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = random(m, r, -1, 1, n, l, heads, p);
      NDArray dt = random(m, r, 0.01, 0.6, n, l, heads);
      NDArray a = random(m, r, -8, -0.2, heads);
      NDArray b = random(m, r, -1, 1, n, l, s);
      NDArray c = random(m, r, -1, 1, n, l, s);
      NDArray h0 = withState ? random(m, r, -1, 1, n, heads, s, p) : null;
      float[] chunked = SelectiveScan.chunked(x, dt, a, b, c, h0, chunk).toFloatArray();
      float[] stepwise = SelectiveScan.recurrent(x, dt, a, b, c, h0).toFloatArray();
      double[] exact =
          reference(
              x.toFloatArray(),
              dt.toFloatArray(),
              a.toFloatArray(),
              b.toFloatArray(),
              c.toFloatArray(),
              withState ? h0.toFloatArray() : null,
              n,
              l,
              heads,
              p,
              s);
      assertThat(chunked).hasSize(exact.length);
      for (int i = 0; i < exact.length; i++) {
        assertThat((double) chunked[i])
            .isCloseTo(exact[i], org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat((double) stepwise[i])
            .isCloseTo(exact[i], org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void longDecaysStayFiniteBecauseSegmentSumsAreNonPositive() {
    SplittableRandom r = new SplittableRandom(5);
    try (NDManager m = NDManager.newBaseManager()) {
      int l = 64;
      NDArray x = random(m, r, -1, 1, 2, l, 1, 2);
      NDArray dt = random(m, r, 5, 10, 2, l, 1);
      NDArray a = m.create(new float[] {-20f});
      NDArray b = random(m, r, -1, 1, 2, l, 3);
      NDArray c = random(m, r, -1, 1, 2, l, 3);
      float[] y = SelectiveScan.chunked(x, dt, a, b, c, null, 16).toFloatArray();
      for (float v : y) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }

  @Test
  void mismatchedShapesAreRejectedNamingTheAxes() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(2, 5, 3, 4));
      NDArray dt = m.zeros(new Shape(2, 5, 2));
      NDArray a = m.zeros(new Shape(3));
      NDArray b = m.zeros(new Shape(2, 5, 8));
      assertThatThrownBy(() -> SelectiveScan.chunked(x, dt, a, b, b, null, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scan.dt")
          .hasMessageContaining("[rows, time, heads]")
          .hasMessageContaining("got [2, 5, 2]");
    }
  }
}
