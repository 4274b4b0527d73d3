package io.delos.actors.eval;

import io.delos.robots.dataset.RolloutPolicy;
import io.delos.sim.morphology.Morphology;
import java.util.SplittableRandom;

/**
 * Flies the catalogue's planar quadrotor around random set points, for forecasting data: a PD hover
 * controller with coloured noise on both rotors.
 *
 * <p>Observation layout (catalogue quadrotor): [x, y, sin φ, cos φ, vx, vy, ω] (m, m, –, –, m/s,
 * m/s, rad/s); actions are the two rotor commands in [0, 1] (9.81 N each at 1). A new set point is
 * drawn every {@code hold} seconds in x ∈ [−1, 1] m, y ∈ [1, 2.5] m. The position loop asks for an
 * acceleration a = k_p (p* − p) − k_d v, tilts the thrust to deliver it (tilt at most 0.5 rad), and
 * an attitude PD loop turns the tilt error into a rotor difference.
 */
final class HoverPolicy implements RolloutPolicy {
  private static final double GRAVITY = 9.81;
  private static final double MASS = 1.0;
  private static final double ARM = 0.2;
  private static final double INERTIA = 0.0094;
  private static final double ROTOR_FORCE = 9.81;
  private final double period;
  private final double hold;
  private final double noiseDecay;
  private final double noiseGain;
  private final double sigma;
  private SplittableRandom random;
  private double targetX;
  private double targetY;
  private double sinceTarget;
  private final double[] noise = new double[2];

  /**
   * A policy.
   *
   * @param period control period, s
   * @param tau correlation time of the rotor noise, s
   * @param sigma stationary spread of the rotor noise, in rotor command units
   * @param hold time between set points, s
   */
  HoverPolicy(double period, double tau, double sigma, double hold) {
    this.period = period;
    this.hold = hold;
    this.sigma = sigma;
    this.noiseDecay = Math.exp(-period / tau);
    this.noiseGain = sigma * Math.sqrt(1 - noiseDecay * noiseDecay);
  }

  @Override
  public void reset(Morphology morphology, SplittableRandom episodeRandom) {
    this.random = episodeRandom;
    sinceTarget = hold;
    noise[0] = sigma * gaussian();
    noise[1] = sigma * gaussian();
  }

  @Override
  public double[] act(double[] o) {
    if (sinceTarget >= hold) {
      targetX = random.nextDouble(-1, 1);
      targetY = random.nextDouble(1, 2.5);
      sinceTarget = 0;
    }
    sinceTarget += period;
    double x = o[0];
    double y = o[1];
    double phi = Math.atan2(o[2], o[3]);
    double vx = o[4];
    double vy = o[5];
    double omega = o[6];
    double ax = clamp(1.2 * (targetX - x) - 1.5 * vx, 3);
    double ay = clamp(2.0 * (targetY - y) - 2.0 * vy, 4);
    // Thrust along the body's up axis (−sin φ, cos φ): tilt left (φ > 0) to accelerate −x.
    double phiTarget = clamp(Math.atan2(-ax, GRAVITY + ay), 0.5);
    double thrust = MASS * (GRAVITY + ay) / Math.max(0.5, Math.cos(phi));
    double torque = INERTIA * (40 * angle(phiTarget - phi) - 10 * omega);
    // Right rotor at +ARM pushes counter-clockwise: torque = ARM (F_right − F_left).
    double difference = torque / ARM;
    double left = (thrust - difference) / 2 / ROTOR_FORCE;
    double right = (thrust + difference) / 2 / ROTOR_FORCE;
    for (int i = 0; i < 2; i++) {
      noise[i] = noiseDecay * noise[i] + noiseGain * gaussian();
    }
    return new double[] {clip01(left + noise[0]), clip01(right + noise[1])};
  }

  private static double angle(double a) {
    return Math.atan2(Math.sin(a), Math.cos(a));
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }

  private static double clip01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private double gaussian() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
