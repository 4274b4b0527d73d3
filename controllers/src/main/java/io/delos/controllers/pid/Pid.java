package io.delos.controllers.pid;

import java.util.Objects;

/**
 * A discrete PID loop with output limits, anti-windup, continuous (wrapping) input and setpoint
 * tolerances:
 *
 * <pre>
 *   e = r − y   (wrapped into [−range/2, range/2) for continuous input)
 *   u = Kp e + Ki ∫e dt + Kd de/dt,   clipped to [min, max]
 * </pre>
 *
 * <p>Anti-windup by conditional integration: the integral does not grow while the output is
 * saturated in the direction the error pushes, so the loop recovers at once when the error changes
 * sign (Åström and Hägglund, Advanced PID Control, §3.5).
 *
 * <p>Threading: stateful; confined to one thread.
 */
public final class Pid {
  private final PidGains gains;
  private double integral;
  private double previousError = Double.NaN;
  private double error;
  private double errorRate;

  /** Creates the loop. */
  public Pid(PidGains gains) {
    this.gains = Objects.requireNonNull(gains, "gains");
  }

  /**
   * One update.
   *
   * @param measurement y, in the input's unit
   * @param setpoint r, in the input's unit
   * @return u within the output limits; the previous output's hold when y or r is not finite
   */
  public double calculate(double measurement, double setpoint) {
    if (!Double.isFinite(measurement) || !Double.isFinite(setpoint)) {
      return Math.max(gains.outputMin(), Math.min(gains.outputMax(), 0));
    }
    double e = setpoint - measurement;
    double range = gains.continuousRange();
    if (range > 0) {
      e = Math.IEEEremainder(e, range);
      if (e >= range / 2) {
        e -= range;
      }
    }
    errorRate = Double.isNaN(previousError) ? 0 : (e - previousError) / gains.period();
    previousError = e;
    error = e;
    double candidateIntegral = integral + e * gains.period();
    double unsaturated = gains.kp() * e + gains.ki() * candidateIntegral + gains.kd() * errorRate;
    double u = Math.max(gains.outputMin(), Math.min(gains.outputMax(), unsaturated));
    boolean pushingPastMax = unsaturated > gains.outputMax() && e > 0;
    boolean pushingPastMin = unsaturated < gains.outputMin() && e < 0;
    if (!pushingPastMax && !pushingPastMin) {
      integral = candidateIntegral;
    }
    return u;
  }

  /** True when the last error and its rate are within the tolerances. */
  public boolean atSetpoint() {
    return !Double.isNaN(previousError)
        && Math.abs(error) <= gains.positionTolerance()
        && Math.abs(errorRate) <= gains.velocityTolerance();
  }

  /** The accumulated integral of the error, input unit·s. */
  public double integral() {
    return integral;
  }

  /** Clears the integral and the derivative history. */
  public void reset() {
    integral = 0;
    previousError = Double.NaN;
    error = 0;
    errorRate = 0;
  }
}
