package io.delos.actors.eval;

import io.delos.robots.dataset.RolloutPolicy;
import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;

/**
 * Drives the catalogue's top-down car for forecasting data: one Ornstein-Uhlenbeck steering command
 * for both front wheels and one forward-biased Ornstein-Uhlenbeck drive command for both drive
 * thrusters, as a driver would.
 *
 * <p>Actions (catalogue car): [steer0, steer1] in [−0.5, 0.5] rad (servo targets), [drive0, drive1]
 * in [−1, 1] (3 N each at 1). Steering = 0.5·s, drive = 0.35 + 0.65·d, with s and d unit-variance
 * processes of correlation time tau, clipped to range.
 */
final class DrivePolicy implements RolloutPolicy {
  private final double decay;
  private final double gain;
  private final double sigma;
  private SplittableRandom random;
  private double steer;
  private double drive;

  /**
   * A policy.
   *
   * @param period control period, s
   * @param tau correlation time, s
   * @param sigma stationary spread of both processes
   */
  DrivePolicy(double period, double tau, double sigma) {
    this.decay = Math.exp(-period / tau);
    this.sigma = sigma;
    this.gain = sigma * Math.sqrt(1 - decay * decay);
  }

  @Override
  public void reset(Morphology morphology, SplittableRandom episodeRandom) {
    random = episodeRandom;
    steer = sigma * gaussian();
    drive = sigma * gaussian();
  }

  @Override
  public double[] act(double[] observation) {
    steer = decay * steer + gain * gaussian();
    drive = decay * drive + gain * gaussian();
    double s = Math.max(-0.5, Math.min(0.5, 0.5 * steer));
    double d = Math.max(-1, Math.min(1, 0.35 + 0.65 * drive));
    return new double[] {s, s, d, d};
  }

  private double gaussian() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
