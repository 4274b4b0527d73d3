package io.delos.worldmodel.physsm.internal;

import java.util.SplittableRandom;

/** Standard normal draws from an explicit generator (Java 17's SplittableRandom has none). */
public final class Gaussian {
  private Gaussian() {}

  /** One standard normal value by the Box-Muller transform. */
  public static double draw(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** {@code count} standard normal values. */
  public static float[] draw(SplittableRandom random, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) draw(random);
    }
    return out;
  }
}
