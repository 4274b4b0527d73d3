package io.delos.sim.box2d;

import java.util.SplittableRandom;

/**
 * Ranges from which each episode's {@link PhysicsVariation} is drawn, uniformly and independently.
 *
 * <p>Each range is {@code [low, high]} with {@code 0 < low <= high}; a range of {@code [1, 1]}
 * leaves that parameter alone.
 *
 * @param massLow lowest mass multiplier
 * @param massHigh highest mass multiplier
 * @param lengthLow lowest length multiplier
 * @param lengthHigh highest length multiplier
 * @param frictionLow lowest friction multiplier
 * @param frictionHigh highest friction multiplier
 * @param motorLow lowest motor-strength multiplier
 * @param motorHigh highest motor-strength multiplier
 * @param gravityLow lowest gravity multiplier
 * @param gravityHigh highest gravity multiplier
 */
public record DomainRandomization(
    double massLow,
    double massHigh,
    double lengthLow,
    double lengthHigh,
    double frictionLow,
    double frictionHigh,
    double motorLow,
    double motorHigh,
    double gravityLow,
    double gravityHigh) {

  /** Validates the ranges. */
  public DomainRandomization {
    check("mass", massLow, massHigh);
    check("length", lengthLow, lengthHigh);
    check("friction", frictionLow, frictionHigh);
    check("motor", motorLow, motorHigh);
    check("gravity", gravityLow, gravityHigh);
  }

  /** The same relative spread {@code ±fraction} on every parameter; fraction in [0, 1). */
  public static DomainRandomization uniform(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction = " + fraction + ": allowed [0, 1)");
    }
    double lo = 1 - fraction;
    double hi = 1 + fraction;
    return new DomainRandomization(lo, hi, lo, hi, lo, hi, lo, hi, lo, hi);
  }

  private static void check(String name, double low, double high) {
    if (!(low > 0) || !(high >= low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          name + " range [" + low + ", " + high + "]: need 0 < low <= high, finite");
    }
  }

  /** Draws one variation. */
  public PhysicsVariation sample(SplittableRandom random) {
    return new PhysicsVariation(
        draw(random, massLow, massHigh),
        draw(random, lengthLow, lengthHigh),
        draw(random, frictionLow, frictionHigh),
        draw(random, motorLow, motorHigh),
        draw(random, gravityLow, gravityHigh));
  }

  private static double draw(SplittableRandom random, double low, double high) {
    return low == high ? low : low + (high - low) * random.nextDouble();
  }
}
