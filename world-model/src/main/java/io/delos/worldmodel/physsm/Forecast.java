package io.delos.worldmodel.physsm;

/**
 * Predicted observations at requested times, with the latent states behind them.
 *
 * <p>Storage: times {@code [count]} in s; observations {@code [count, observationSize]} in the
 * observation channels' units; latent {@code [count, latentSize]} in the latent variables' units
 * (normalised units for the latent ODE). Immutable.
 */
public final class Forecast {
  private final double[] times;
  private final double[] observations;
  private final double[] latent;
  private final int observationSize;
  private final int latentSize;

  Forecast(
      double[] times, double[] observations, double[] latent, int observationSize, int latentSize) {
    this.times = times;
    this.observations = observations;
    this.latent = latent;
    this.observationSize = observationSize;
    this.latentSize = latentSize;
  }

  /** Number of forecast times. */
  public int count() {
    return times.length;
  }

  /** Forecast time {@code i}, s. */
  public double time(int i) {
    return times[i];
  }

  /** Channels per observation. */
  public int observationSize() {
    return observationSize;
  }

  /** Predicted channel {@code c} at time {@code i}. */
  public double observation(int i, int c) {
    return observations[i * observationSize + c];
  }

  /** All predicted observations, a copy, {@code [count, observationSize]}. */
  public double[] observations() {
    return observations.clone();
  }

  /** Latent entry {@code j} at time {@code i}. */
  public double latent(int i, int j) {
    return latent[i * latentSize + j];
  }

  /** Width of the latent state. */
  public int latentSize() {
    return latentSize;
  }
}
