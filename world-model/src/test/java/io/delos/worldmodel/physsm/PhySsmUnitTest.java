package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.data.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhySsmUnitTest {
  /** Global error of the bilinear rule at steps up to 30 ms over 2 s of a 4 rad/s swing, rad. */
  private static final double INTEGRATION_TOLERANCE = 0.02;

  /** A fresh unit adds nothing to the known physics: a frictionless, unforced rod pendulum. */
  private static double[] rollOut(double[] times, double theta, double omega) {
    PhySsmUnit unit =
        new PhySsmUnit(
            KnownPhysics.pendulum(10, 1),
            8,
            4,
            10,
            100,
            new Normalizer(new double[] {0}, new double[] {1}));
    try (NDManager mg = NDManager.newBaseManager()) {
      unit.initialize(mg, DataType.FLOAT32, new Shape(1));
      unit.seed(new SplittableRandom(3));
      int t = times.length;
      float[] gaps = new float[t];
      for (int k = 1; k < t; k++) {
        gaps[k] = (float) (times[k] - times[k - 1]);
      }
      float[] cellGaps = gaps.clone();
      cellGaps[0] = gaps[1];
      NDArray z0 =
          mg.create(
              new float[] {
                (float) theta, (float) omega, (float) Math.sin(theta), (float) Math.cos(theta)
              },
              new Shape(1, 4));
      NDArray out =
          unit.rollout(
              new ParameterStore(mg, false),
              z0,
              mg.zeros(new Shape(1, t, 1)),
              mg.create(gaps, new Shape(1, t)),
              mg.create(cellGaps, new Shape(1, t)),
              null,
              null,
              false);
      float[] last = out.get(":, {}, :", t - 1).toFloatArray();
      return new double[] {last[0], last[1], last[2], last[3]};
    }
  }

  /** θ̈ = 15 sin θ by RK4 at 0.1 ms. */
  private static double[] truth(double theta, double omega, double duration) {
    int steps = (int) Math.round(duration / 1e-4);
    double h = duration / steps;
    for (int i = 0; i < steps; i++) {
      double k1t = omega;
      double k1w = 15 * Math.sin(theta);
      double k2t = omega + h / 2 * k1w;
      double k2w = 15 * Math.sin(theta + h / 2 * k1t);
      double k3t = omega + h / 2 * k2w;
      double k3w = 15 * Math.sin(theta + h / 2 * k2t);
      double k4t = omega + h * k3w;
      double k4w = 15 * Math.sin(theta + h * k3t);
      theta += h / 6 * (k1t + 2 * k2t + 2 * k3t + k4t);
      omega += h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    }
    return new double[] {theta, omega};
  }

  @Test
  void regularAndIrregularGridsBothReachTheTrueStateOfTheKnownPhysics() {
    double theta0 = Math.PI - 1.2;
    double omega0 = 0.5;
    double duration = 2.0;
    double[] regular = new double[201];
    for (int k = 0; k <= 200; k++) {
      regular[k] = k * 0.01;
    }
    SplittableRandom r = new SplittableRandom(9);
    List<Double> t = new ArrayList<>(List.of(0.0));
    while (t.get(t.size() - 1) < duration - 0.03) {
      t.add(t.get(t.size() - 1) + r.nextDouble(0.005, 0.03));
    }
    t.add(duration);
    double[] irregular = t.stream().mapToDouble(Double::doubleValue).toArray();

    double[] expected = truth(theta0, omega0, duration);
    for (double[] grid : new double[][] {regular, irregular}) {
      double[] z = rollOut(grid, theta0, omega0);
      assertThat(z[0]).isCloseTo(expected[0], within(INTEGRATION_TOLERANCE));
      assertThat(z[1]).isCloseTo(expected[1], within(4 * INTEGRATION_TOLERANCE));
      assertThat(z[2]).isCloseTo(Math.sin(expected[0]), within(INTEGRATION_TOLERANCE));
      assertThat(z[3]).isCloseTo(Math.cos(expected[0]), within(INTEGRATION_TOLERANCE));
      // The bilinear rule turns the skew-symmetric block of (sin θ, cos θ) into a rotation.
      assertThat(z[2] * z[2] + z[3] * z[3]).isCloseTo(1, within(1e-4));
    }
  }

  @Test
  void aSingleLongStepIsNotTheSameAsManyShortOnes() {
    // Gaps are used, not ignored: the same end time reached in 2 or in 200 steps differs by the
    // discretisation error of the long steps, which is large for a 1 s step.
    double[] coarse = rollOut(new double[] {0, 1.0, 2.0}, Math.PI - 1.2, 0.5);
    double[] expected = truth(Math.PI - 1.2, 0.5, 2.0);
    assertThat(Math.abs(coarse[0] - expected[0])).isGreaterThan(10 * INTEGRATION_TOLERANCE);
  }
}
