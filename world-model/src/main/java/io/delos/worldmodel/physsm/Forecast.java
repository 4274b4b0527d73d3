package io.delos.worldmodel.physsm;

/**
 * Predicted observations at requested times, with the latent states behind them and, when asked
 * for, their spread under the encoder's posterior.
 *
 * <p>Storage: times {@code [count]} in s; observations {@code [count, observationSize]} in the
 * observation channels' units; spread {@code [count, observationSize]} in the same units, when
 * present; latent {@code [count, latentSize]} in the latent variables' units (normalised units for
 * the latent ODE). Immutable.
 */
public final class Forecast {
  private final double[] times;
  private final double[] observations;
  private final double[] spread;
  private final double[] latent;
  private final int observationSize;
  private final int latentSize;
  private final int draws;

  Forecast(
      double[] times,
      double[] observations,
      double[] spread,
      int draws,
      double[] latent,
      int observationSize,
      int latentSize) {
    this.times = times;
    this.observations = observations;
    this.spread = spread;
    this.draws = draws;
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

  /** Whether the forecast carries a spread ({@link #std}): it was asked for with draws. */
  public boolean hasSpread() {
    return spread != null;
  }

  /** Posterior draws the spread was estimated from; 0 without a spread. */
  public int draws() {
    return draws;
  }

  /**
   * Standard deviation of channel {@code c} at time {@code i} over the posterior draws, in the
   * channel's unit (see {@link Forecaster#forecast(io.delos.sim.Trajectory, ActionSchedule,
   * double[], int, long)} for what it covers).
   *
   * @throws IllegalStateException when the forecast has no spread
   */
  public double std(int i, int c) {
    if (spread == null) {
      throw new IllegalStateException("this forecast was made without posterior draws");
    }
    return spread[i * observationSize + c];
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
