package io.delos.worldmodel.physsm;

import io.delos.worldmodel.physsm.internal.Gaussian;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test data: a rod pendulum (zero upright, θ̈ = 15 sin θ − c θ̇ + 3 u, the catalogue pendulum with
 * joint friction c) driven by smooth random torque, integrated by RK4 at 1 ms, sampled on a regular
 * grid, measured as [sin θ, cos θ, ω] with Gaussian noise, with points dropped at random.
 */
final class PendulumWindows {
  static final double GRAVITY_TERM = 15;
  static final double FRICTION = 0.3;
  static final double TORQUE_GAIN = 3;

  private PendulumWindows() {}

  /**
   * Windows of {@code length} points, {@code observed} of them observed.
   *
   * @param count windows
   * @param length grid points per window
   * @param observed points in the observed window
   * @param period grid period, s
   * @param noise observation noise standard deviation
   * @param drop probability of dropping a point (never the first)
   * @param seed seeds everything
   */
  static List<ForecastWindow> generate(
      int count, int length, int observed, double period, double noise, double drop, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ForecastWindow> out = new ArrayList<>();
    for (int w = 0; w < count; w++) {
      double theta = Math.PI + random.nextDouble(-2.0, 2.0);
      double omega = random.nextDouble(-1.5, 1.5);
      double u = random.nextDouble(-1, 1);
      double[] times = new double[length];
      double[] truth = new double[length * 3];
      double[] measured = new double[length * 3];
      double[] actions = new double[length];
      boolean[] kept = new boolean[length];
      for (int k = 0; k < length; k++) {
        times[k] = k * period;
        truth[k * 3] = Math.sin(theta);
        truth[k * 3 + 1] = Math.cos(theta);
        truth[k * 3 + 2] = omega;
        for (int c = 0; c < 3; c++) {
          measured[k * 3 + c] = truth[k * 3 + c] + noise * Gaussian.draw(random);
        }
        kept[k] = k == 0 || random.nextDouble() >= drop;
        u = 0.8 * u + 0.2 * random.nextDouble(-2, 2);
        double a = Math.max(-2, Math.min(2, u));
        actions[k] = a;
        int sub = (int) Math.round(period / 1e-3);
        double h = period / sub;
        for (int s = 0; s < sub; s++) {
          double[] y = {theta, omega};
          double[] k1 = f(y, a);
          double[] k2 = f(new double[] {y[0] + h / 2 * k1[0], y[1] + h / 2 * k1[1]}, a);
          double[] k3 = f(new double[] {y[0] + h / 2 * k2[0], y[1] + h / 2 * k2[1]}, a);
          double[] k4 = f(new double[] {y[0] + h * k3[0], y[1] + h * k3[1]}, a);
          theta += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
          omega += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
      }
      out.add(ForecastWindow.of(times, measured, truth, kept, actions, observed, 3));
    }
    return out;
  }

  private static double[] f(double[] y, double u) {
    return new double[] {y[1], GRAVITY_TERM * Math.sin(y[0]) - FRICTION * y[1] + TORQUE_GAIN * u};
  }
}
