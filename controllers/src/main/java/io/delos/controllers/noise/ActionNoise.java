package io.delos.controllers.noise;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time-correlated exploration noise for sampling planners, each sequence scaled to a per-channel
 * standard deviation.
 *
 * <ul>
 *   <li>{@code white}: independent Gaussian per step.
 *   <li>{@code ar1}: εₜ = ρ εₜ₋₁ + √(1 − ρ²) ηₜ, unit stationary variance.
 *   <li>{@code ar2}: εₜ = a₁ εₜ₋₁ + a₂ εₜ₋₂ + ηₜ, normalised to unit variance over the sequence
 *       (the smooth noise WestWorld's MPPI uses).
 *   <li>{@code colored}: power spectrum ∝ 1/f^β by spectral synthesis, normalised to unit variance
 *       (β = 1 pink, β = 2 brown); as in iCEM (Pinneri et al., CoRL 2020).
 * </ul>
 *
 * @param kind white, ar1, ar2 or colored
 * @param rho AR(1) coefficient in [0, 1)
 * @param a1 AR(2) first coefficient
 * @param a2 AR(2) second coefficient (the process must be stationary: |a₂| < 1, a₂ ± a₁ < 1)
 * @param beta colored-noise exponent in [0, 4]
 */
public record ActionNoise(String kind, double rho, double a1, double a2, double beta) {
  /** Validates the parameters. */
  public ActionNoise {
    kind = kind.toLowerCase(Locale.ROOT);
    switch (kind) {
      case "white" -> {}
      case "ar1" -> {
        if (!(rho >= 0 && rho < 1)) {
          throw new IllegalArgumentException("noise.rho = " + rho + ": allowed [0, 1)");
        }
      }
      case "ar2" -> {
        if (!(Math.abs(a2) < 1 && a2 + a1 < 1 && a2 - a1 < 1)) {
          throw new IllegalArgumentException(
              "noise AR(2) coefficients a1 = "
                  + a1
                  + ", a2 = "
                  + a2
                  + ": not stationary (need |a2| < 1, a2 + a1 < 1, a2 - a1 < 1)");
        }
      }
      case "colored" -> {
        if (!(beta >= 0 && beta <= 4)) {
          throw new IllegalArgumentException("noise.beta = " + beta + ": allowed [0, 4]");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "noise.kind = '" + kind + "': allowed white, ar1, ar2, colored");
    }
  }

  /** White noise. */
  public static ActionNoise white() {
    return new ActionNoise("white", 0, 0, 0, 0);
  }

  /**
   * Fills {@code out} with {@code count} sequences of noise.
   *
   * @param random the generator
   * @param count number of sequences
   * @param horizon steps per sequence
   * @param std standard deviation per action channel, in the channel's unit
   * @param out {@code [count, horizon, std.length]}, overwritten
   */
  public void sample(SplittableRandom random, int count, int horizon, double[] std, double[] out) {
    int m = std.length;
    double[] seq = new double[horizon];
    for (int k = 0; k < count; k++) {
      for (int j = 0; j < m; j++) {
        sequence(random, seq);
        for (int h = 0; h < horizon; h++) {
          out[(k * horizon + h) * m + j] = std[j] * seq[h];
        }
      }
    }
  }

  private void sequence(SplittableRandom random, double[] seq) {
    int n = seq.length;
    switch (kind) {
      case "white" -> {
        for (int h = 0; h < n; h++) {
          seq[h] = gaussian(random);
        }
      }
      case "ar1" -> {
        double prev = gaussian(random);
        double scale = Math.sqrt(1 - rho * rho);
        for (int h = 0; h < n; h++) {
          prev = h == 0 ? prev : rho * prev + scale * gaussian(random);
          seq[h] = prev;
        }
      }
      case "ar2" -> {
        double e1 = 0;
        double e2 = 0;
        // Burn-in so the sequence starts near stationarity.
        for (int h = -20; h < n; h++) {
          double e = a1 * e1 + a2 * e2 + gaussian(random);
          e2 = e1;
          e1 = e;
          if (h >= 0) {
            seq[h] = e;
          }
        }
        normalise(seq);
      }
      default -> {
        // Spectral synthesis: amplitude f^(−β/2) with random phases, inverse real DFT.
        java.util.Arrays.fill(seq, 0);
        for (int f = 1; f <= n / 2; f++) {
          double amp = Math.pow(f, -beta / 2) * gaussian(random);
          double phase = 2 * Math.PI * random.nextDouble();
          for (int h = 0; h < n; h++) {
            seq[h] += amp * Math.cos(2 * Math.PI * f * h / n + phase);
          }
        }
        if (n == 1) {
          seq[0] = gaussian(random);
        }
        normalise(seq);
      }
    }
  }

  private static void normalise(double[] seq) {
    double mean = 0;
    for (double v : seq) {
      mean += v;
    }
    mean /= seq.length;
    double var = 0;
    for (double v : seq) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / seq.length);
    if (sd > 1e-12) {
      for (int i = 0; i < seq.length; i++) {
        seq[i] /= sd;
      }
    }
  }

  /** A standard normal draw (Box-Muller). */
  public static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }
}
