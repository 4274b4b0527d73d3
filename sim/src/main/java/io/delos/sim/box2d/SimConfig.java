package io.delos.sim.box2d;

/**
 * Rates and limits of the physics.
 *
 * <p>The physics period is the control period divided by a whole number of substeps, the smallest
 * that reaches the requested physics frequency: at the defaults (50 Hz control, 240 Hz physics)
 * that is 5 substeps of 4 ms, 250 Hz.
 *
 * @param controlFrequency control steps per second, Hz, in (0, 10000]
 * @param physicsFrequency requested physics steps per second, Hz, >= controlFrequency
 * @param velocityIterations JBox2D velocity solver iterations per substep, >= 1
 * @param positionIterations JBox2D position solver iterations per substep, >= 1
 * @param runawaySpeed a body faster than this, m/s, ends the episode
 * @param runawayAngularSpeed a body spinning faster than this, rad/s, ends the episode
 */
public record SimConfig(
    double controlFrequency,
    double physicsFrequency,
    int velocityIterations,
    int positionIterations,
    double runawaySpeed,
    double runawayAngularSpeed) {

  /** 50 Hz control, 240 Hz requested physics, 8 velocity and 3 position iterations. */
  public static final SimConfig DEFAULT = new SimConfig(50, 240, 8, 3, 100, 200);

  /** Validates the configuration. */
  public SimConfig {
    if (!(controlFrequency > 0 && controlFrequency <= 10_000)) {
      throw new IllegalArgumentException(
          "controlFrequency = " + controlFrequency + " Hz: allowed (0, 10000]");
    }
    if (!(physicsFrequency >= controlFrequency && physicsFrequency <= 100_000)) {
      throw new IllegalArgumentException(
          "physicsFrequency = "
              + physicsFrequency
              + " Hz: allowed ["
              + controlFrequency
              + " (the control frequency), 100000]");
    }
    if (velocityIterations < 1 || positionIterations < 1) {
      throw new IllegalArgumentException(
          "solver iterations " + velocityIterations + "/" + positionIterations + ": need >= 1");
    }
    if (!(runawaySpeed > 0) || !(runawayAngularSpeed > 0)) {
      throw new IllegalArgumentException(
          "runaway limits " + runawaySpeed + " m/s, " + runawayAngularSpeed + " rad/s: need > 0");
    }
  }

  /** This configuration with other rates. */
  public SimConfig withRates(double control, double physics) {
    return new SimConfig(
        control,
        physics,
        velocityIterations,
        positionIterations,
        runawaySpeed,
        runawayAngularSpeed);
  }

  /** Control period, seconds. */
  public double controlPeriod() {
    return 1.0 / controlFrequency;
  }

  /** Physics substeps per control step. */
  public int substeps() {
    return (int) Math.ceil(physicsFrequency / controlFrequency - 1e-9);
  }

  /** Physics period, seconds: the control period over the substeps. */
  public double physicsPeriod() {
    return controlPeriod() / substeps();
  }
}
