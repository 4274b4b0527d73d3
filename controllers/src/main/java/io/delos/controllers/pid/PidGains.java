package io.delos.controllers.pid;

/**
 * Settings of one PID loop.
 *
 * @param kp proportional gain, output units per input unit, >= 0
 * @param ki integral gain, output units per input unit·s, >= 0
 * @param kd derivative gain, output units per input unit/s, >= 0
 * @param period seconds between calls, > 0
 * @param outputMin lowest output
 * @param outputMax highest output, > outputMin
 * @param continuousRange when > 0 the input wraps with this period (2π for an angle), and the error
 *     takes the short way round; 0 for an ordinary input
 * @param positionTolerance |error| below which the loop counts as at its setpoint, >= 0
 * @param velocityTolerance |d error/dt| below which the loop counts as at its setpoint, >= 0
 */
public record PidGains(
    double kp,
    double ki,
    double kd,
    double period,
    double outputMin,
    double outputMax,
    double continuousRange,
    double positionTolerance,
    double velocityTolerance) {
  /** Validates the gains. */
  public PidGains {
    check("kp", kp);
    check("ki", ki);
    check("kd", kd);
    if (!(period > 0) || !Double.isFinite(period)) {
      throw new IllegalArgumentException("period = " + period + " s: must be a finite number > 0");
    }
    if (!(outputMax > outputMin)) {
      throw new IllegalArgumentException(
          "output range [" + outputMin + ", " + outputMax + "]: need outputMin < outputMax");
    }
    check("continuousRange", continuousRange);
    check("positionTolerance", positionTolerance);
    check("velocityTolerance", velocityTolerance);
  }

  private static void check(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " = " + v + ": must be a finite number >= 0");
    }
  }
}
