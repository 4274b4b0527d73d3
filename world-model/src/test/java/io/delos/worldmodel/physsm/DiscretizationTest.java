package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscretizationTest {
  /** Float64 round-off in the inverse and products, dimensionless. */
  private static final double ROUND_OFF = 1e-12;

  private static double[][] randomMatrix(SplittableRandom r, int n, int m, double spread) {
    double[][] a = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        a[i][j] = spread * (2 * r.nextDouble() - 1);
      }
    }
    return a;
  }

  private static NDArray batchOf(NDManager mg, double[][] a) {
    int n = a.length;
    int m = a[0].length;
    double[] flat = new double[n * m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, flat, i * m, m);
    }
    return mg.create(flat, new Shape(1, n, m));
  }

  private static double[][] matrixOf(NDArray a) {
    int n = (int) a.getShape().get(1);
    int m = (int) a.getShape().get(2);
    double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * m, out[i], 0, m);
    }
    return out;
  }

  /** Max error of the bilinear Ā, B̄ against exp(ΔtA) and the exact zero-order-hold input. */
  private static double[] errors(double[][] a, double[][] b, double dt) {
    try (NDManager mg = NDManager.newBaseManager()) {
      NDList bar =
          Discretization.bilinear(
              batchOf(mg, a), batchOf(mg, b), mg.create(new double[] {dt}, new Shape(1)));
      double[][] aBar = matrixOf(bar.get(0));
      double[][] bBar = matrixOf(bar.get(1));
      return new double[] {
        Matrices.maxAbsDifference(aBar, Matrices.exp(Matrices.scale(a, dt))),
        Matrices.maxAbsDifference(bBar, Matrices.zohInput(a, b, dt))
      };
    }
  }

  @Test
  void bilinearRuleMatchesTheMatrixExponentialToThirdOrderForSmallSteps() {
    SplittableRandom r = new SplittableRandom(7);
    double[][] a = randomMatrix(r, 5, 5, 2);
    double[][] b = randomMatrix(r, 5, 2, 1);
    double[] coarse = errors(a, b, 1e-2);
    double[] fine = errors(a, b, 1e-3);
    // The local error of the trapezoidal rule is Δt³ A³/12: ten times smaller steps, a thousand
    // times smaller error (allowing a factor 2 for the neglected higher orders).
    assertThat(fine[0]).isLessThan(1e-7);
    assertThat(fine[1]).isLessThan(1e-7);
    assertThat(coarse[0] / fine[0]).isGreaterThan(500);
    assertThat(coarse[1] / fine[1]).isGreaterThan(500);
  }

  @Test
  void bilinearStepEqualsTheDiscretisedSystemAppliedToStateAndInput() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] a = randomMatrix(r, 4, 4, 3);
    double[][] b = randomMatrix(r, 4, 2, 1);
    try (NDManager mg = NDManager.newBaseManager()) {
      NDArray aa = batchOf(mg, a);
      NDArray bb = batchOf(mg, b);
      NDArray dt = mg.create(new double[] {0.07}, new Shape(1));
      NDArray z = mg.create(new double[] {0.3, -1.2, 0.5, 2.0}, new Shape(1, 4));
      NDArray u = mg.create(new double[] {0.4, -0.8}, new Shape(1, 2));
      NDList bar = Discretization.bilinear(aa, bb, dt);
      double[] expected =
          bar.get(0)
              .matMul(z.expandDims(2))
              .add(bar.get(1).matMul(u.expandDims(2)))
              .squeeze(2)
              .toDoubleArray();
      double[] actual = Discretization.bilinearStep(z, u, aa, bb, dt).toDoubleArray();
      for (int i = 0; i < 4; i++) {
        assertThat(actual[i]).isCloseTo(expected[i], within(ROUND_OFF));
      }
    }
  }

  @Test
  void zeroGapHoldsTheState() {
    SplittableRandom r = new SplittableRandom(5);
    double[][] a = randomMatrix(r, 3, 3, 4);
    double[][] b = randomMatrix(r, 3, 1, 1);
    try (NDManager mg = NDManager.newBaseManager()) {
      NDList bar =
          Discretization.bilinear(
              batchOf(mg, a), batchOf(mg, b), mg.create(new double[] {0}, new Shape(1)));
      assertThat(Matrices.maxAbsDifference(matrixOf(bar.get(0)), Matrices.identity(3)))
          .isLessThan(ROUND_OFF);
      assertThat(Matrices.maxAbsDifference(matrixOf(bar.get(1)), new double[3][1]))
          .isLessThan(ROUND_OFF);
    }
  }

  @Test
  void bilinearRuleKeepsAStableSystemStableForAnyStep() {
    // A damped oscillator, eigenvalues −0.5 ± 3i: every step, however long, must contract.
    double[][] a = {{0, 1}, {-9.25, -1}};
    for (double dt : new double[] {0.01, 0.5, 5, 50}) {
      try (NDManager mg = NDManager.newBaseManager()) {
        NDList bar =
            Discretization.bilinear(
                batchOf(mg, a),
                batchOf(mg, new double[][] {{0}, {1}}),
                mg.create(new double[] {dt}, new Shape(1)));
        double[][] aBar = matrixOf(bar.get(0));
        double[][] p = aBar;
        for (int k = 0; k < 200; k++) {
          p = Matrices.multiply(p, aBar);
        }
        assertThat(Math.abs(p[0][0]) + Math.abs(p[1][1])).as("Δt = %s s", dt).isLessThan(1);
      }
    }
  }

  @Test
  void zeroOrderHoldOfADiagonalIsExactForComplexModes() {
    double[] re = {-0.5, -2.0};
    double[] im = {3.0, 0.0};
    double[] gaps = {0.05, 0.37};
    try (NDManager mg = NDManager.newBaseManager()) {
      NDList zoh =
          Discretization.zeroOrderHoldDiagonal(
              mg.create(re), mg.create(im), mg.create(gaps, new Shape(1, 2)));
      double[] aRe = zoh.get(0).toDoubleArray();
      double[] aIm = zoh.get(1).toDoubleArray();
      double[] gRe = zoh.get(2).toDoubleArray();
      double[] gIm = zoh.get(3).toDoubleArray();
      for (int t = 0; t < 2; t++) {
        for (int p = 0; p < 2; p++) {
          double h = gaps[t];
          // exp(λh) and (exp(λh) − 1)/λ for λ = re + i·im, by hand.
          double mag = Math.exp(re[p] * h);
          double er = mag * Math.cos(im[p] * h);
          double ei = mag * Math.sin(im[p] * h);
          double norm = re[p] * re[p] + im[p] * im[p];
          double gr = ((er - 1) * re[p] + ei * im[p]) / norm;
          double gi = (ei * re[p] - (er - 1) * im[p]) / norm;
          int i = t * 2 + p;
          assertThat(aRe[i]).isCloseTo(er, within(ROUND_OFF));
          assertThat(aIm[i]).isCloseTo(ei, within(ROUND_OFF));
          assertThat(gRe[i]).isCloseTo(gr, within(ROUND_OFF));
          assertThat(gIm[i]).isCloseTo(gi, within(ROUND_OFF));
          // g → Δt as λΔt → 0: the hold integrates the input over the step.
        }
      }
    }
  }
}
