package io.delos.worldmodel.steering;

/**
 * Moves activations towards the positive class. The meaning of {@code strength} depends on the
 * method: the integration time T for {@link OdeSteerer} (the path length, in activation units), the
 * step length along a fixed direction for {@link AdditiveSteerer}, the share of the transport for
 * {@link AffineTransportSteerer}. {@link EqualMovement} converts a target displacement into a
 * strength for any of them.
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface Steerer {
  /** The activation dimension. */
  int dimension();

  /**
   * Steers one activation.
   *
   * @param activation {@code [dimension]}, finite
   * @param strength finite, >= 0; 0 returns a copy of the activation
   * @return the steered activation, {@code [dimension]}
   * @throws IllegalArgumentException if the activation or the strength is not allowed
   */
  double[] steer(double[] activation, double strength);

  /**
   * Steers every row of {@code activations}, {@code [batch, dimension] -> [batch, dimension]}.
   *
   * @throws IllegalArgumentException if a row or the strength is not allowed
   */
  default double[][] steerAll(double[][] activations, double strength) {
    if (activations == null) {
      throw new IllegalArgumentException("activations is null; allowed: [batch, dimension]");
    }
    double[][] out = new double[activations.length][];
    for (int i = 0; i < activations.length; i++) {
      Checks.vector("activations[" + i + "]", activations[i], dimension());
      out[i] = steer(activations[i], strength);
    }
    return out;
  }
}
