package io.delos.sim.box2d;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.PassiveTask;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine against independent references: closed-form results and an RK4 integration. */
class PhysicalValidationTest {
  private static final double G = 9.81;

  @Test
  void pendulumSmallAnglePeriodIsWithinHalfAPercentOfAnalytic() {
    double length = 1.0;
    double radius = 0.05;
    double mass = 1.0;
    double theta0 = 0.05;
    Morphology m = ExampleRobots.pendulum(length, radius, mass);
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            m, new PassiveTask(2000, Map.of("hinge", theta0)), SimConfig.DEFAULT);
    env.reset(0);
    // Physical pendulum: T = 2π √(I_pivot / (m g L)), I_pivot = I_c + m L²; amplitude correction
    // T(θ₀) ≈ T₀ (1 + θ₀²/16).
    double iPivot = env.world().inertiaAboutCenter(0) + mass * length * length;
    double analytic =
        2 * Math.PI * Math.sqrt(iPivot / (mass * G * length)) * (1 + theta0 * theta0 / 16);

    double[] crossings = new double[12];
    int found = 0;
    double previous = theta0;
    double previousTime = 0;
    while (found < crossings.length) {
      StepResult r = env.step(new double[] {0});
      double angle = r.observation().get(0);
      double t = r.info().time();
      if (previous < 0 && angle >= 0) {
        crossings[found++] = previousTime + (t - previousTime) * (-previous / (angle - previous));
      }
      previous = angle;
      previousTime = t;
    }
    double measured = (crossings[found - 1] - crossings[1]) / (found - 2);
    double relativeTolerance = 0.005;
    assertThat(Math.abs(measured - analytic) / analytic).isLessThan(relativeTolerance);
  }

  /**
   * JBox2D's velocity-level joint constraint removes energy at a rate that grows with ω²·h (the
   * velocity is re-projected onto the constraint every substep). At the default 250 Hz physics a
   * ±0.2 rad swing keeps its energy within 1% over 10 s; a ±1 rad swing needs 4 kHz physics for the
   * same (at 250 Hz it loses about 12%, as the sim README's limitations say).
   */
  @Test
  void undampedPendulumLosesLessThanOnePercentEnergyInTenSeconds() {
    assertThat(energyLossOverTenSeconds(0.2, SimConfig.DEFAULT)).isBetween(-0.01, 0.01);
    SimConfig fine = SimConfig.DEFAULT.withRates(50, 4000);
    assertThat(energyLossOverTenSeconds(1.0, fine)).isBetween(-0.01, 0.01);
  }

  private static double energyLossOverTenSeconds(double theta0, SimConfig config) {
    double length = 1.0;
    double mass = 1.0;
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.pendulum(length, 0.05, mass),
            new PassiveTask(1000, Map.of("hinge", theta0)),
            config);
    env.reset(0);
    RobotWorld w = env.world();
    double bottom = -mass * G * length; // potential energy at rest, hanging straight down
    double initial = w.kineticEnergy() + w.potentialEnergy() - bottom;
    for (int k = 0; k < 500; k++) {
      env.step(new double[] {0});
    }
    assertThat(env.time()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    double last = w.kineticEnergy() + w.potentialEnergy() - bottom;
    return (initial - last) / initial;
  }

  @Test
  void freeFallMatchesHalfGTSquared() {
    double height = 20.0;
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.fallingBox(height), PassiveTask.of(100), SimConfig.DEFAULT);
    env.reset(0);
    double h = SimConfig.DEFAULT.physicsPeriod();
    for (int k = 0; k < 50; k++) {
      StepResult r = env.step(new double[0]);
      double t = r.info().time();
      double y = r.observation().get(1);
      double analytic = height - G * t * t / 2;
      // Semi-implicit Euler lags the exact parabola by g·h·t/2 (first order in the step h);
      // float storage adds about 1e-5 m at these heights.
      double tolerance = G * h * t / 2 + 1e-4;
      assertThat(Math.abs(y - analytic)).isLessThanOrEqualTo(tolerance);
    }
    double drop = height - env.observation().get(1);
    assertThat(Math.abs(drop - G / 2) / (G / 2)).isLessThan(0.005);
  }

  @Test
  void cartPoleWithZeroForceTracksTheAnalyticEquationsWithinOneHundredthOfARadian() {
    double cartMass = 1.0;
    double poleMass = 0.1;
    double l = 0.5;
    double theta0 = 0.1;
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.cartPole(cartMass, poleMass, l),
            new PassiveTask(100, Map.of("hinge", theta0)),
            SimConfig.DEFAULT);
    env.reset(0);
    double inertia = env.world().inertiaAboutCenter(1);

    // Reference: Lagrange's equations for a cart (M) and a rigid pole (m, COM at l from the hinge,
    // inertia I about its COM), θ counter-clockwise from up, F = 0:
    //   (M + m) ẍ − m l cos θ θ̈ = − m l sin θ θ̇²
    //   −m l cos θ ẍ + (I + m l²) θ̈ = m g l sin θ
    // integrated with RK4 at 0.1 ms.
    double[] s = {0, theta0, 0, 0};
    double dt = 1e-4;
    double t = 0;
    double maxError = 0;
    for (int k = 0; k < 50; k++) {
      Vec o = env.step(new double[] {0}).observation();
      double target = (k + 1) * env.controlPeriod();
      while (t < target - 1e-12) {
        double step = Math.min(dt, target - t);
        s = rk4(s, step, cartMass, poleMass, l, inertia);
        t += step;
      }
      maxError = Math.max(maxError, Math.abs(o.get(1) - s[1]));
    }
    double toleranceRad = 0.01;
    assertThat(maxError).isLessThan(toleranceRad);
    assertThat(Math.abs(s[1])).isGreaterThan(0.3); // the pole really fell over the second
  }

  private static double[] derivative(double[] s, double bigM, double m, double l, double inertia) {
    double theta = s[1];
    double xd = s[2];
    double thd = s[3];
    double a11 = bigM + m;
    double a12 = -m * l * Math.cos(theta);
    double a22 = inertia + m * l * l;
    double b1 = -m * l * Math.sin(theta) * thd * thd;
    double b2 = m * G * l * Math.sin(theta);
    double det = a11 * a22 - a12 * a12;
    double xdd = (b1 * a22 - a12 * b2) / det;
    double thdd = (a11 * b2 - a12 * b1) / det;
    return new double[] {xd, thd, xdd, thdd};
  }

  private static double[] rk4(double[] s, double h, double bigM, double m, double l, double in) {
    double[] k1 = derivative(s, bigM, m, l, in);
    double[] k2 = derivative(add(s, k1, h / 2), bigM, m, l, in);
    double[] k3 = derivative(add(s, k2, h / 2), bigM, m, l, in);
    double[] k4 = derivative(add(s, k3, h), bigM, m, l, in);
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return out;
  }

  private static double[] add(double[] s, double[] k, double h) {
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] + h * k[i];
    }
    return out;
  }
}
