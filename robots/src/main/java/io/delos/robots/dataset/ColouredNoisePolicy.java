package io.delos.robots.dataset;

import io.delos.sim.Space;
import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;

/**
 * Temporally correlated exploration: an Ornstein-Uhlenbeck process per action channel around the
 * middle of its range, sampled exactly at the control period.
 *
 * <p>x' = a·x + σ·√(1 − a²)·ε with a = exp(−h/τ) and ε ~ N(0, 1), so x has stationary standard
 * deviation σ (in half ranges) and correlation time τ; the action is mid + half·x.
 */
final class ColouredNoisePolicy implements RolloutPolicy {
  private final double a;
  private final double noise;
  private final double sigma;
  private double[] mid = new double[0];
  private double[] half = new double[0];
  private double[] x = new double[0];
  private SplittableRandom random;

  ColouredNoisePolicy(double tau, double sigma, double controlPeriod) {
    this.a = Math.exp(-controlPeriod / tau);
    this.sigma = sigma;
    this.noise = sigma * Math.sqrt(1 - a * a);
  }

  @Override
  public void reset(Morphology morphology, SplittableRandom random) {
    Space s = morphology.actionSpace();
    int n = s.size();
    mid = new double[n];
    half = new double[n];
    x = new double[n];
    this.random = random;
    for (int i = 0; i < n; i++) {
      mid[i] = (s.channel(i).low() + s.channel(i).high()) / 2;
      half[i] = (s.channel(i).high() - s.channel(i).low()) / 2;
      x[i] = sigma * gaussian();
    }
  }

  @Override
  public double[] act(double[] observation) {
    double[] u = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = a * x[i] + noise * gaussian();
      u[i] = mid[i] + half[i] * x[i];
    }
    return u;
  }

  /** A standard normal draw by the Box-Muller transform, from the episode's generator only. */
  private double gaussian() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
