package io.delos.robots;

/**
 * Derives independent seeds from a base seed and a path of indices (family, variant, episode), so
 * that what a seed produces does not depend on the order or the thread in which work is done.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * A seed for the item at {@code path} under {@code base}: SplitMix64's finaliser applied after
   * mixing in each index (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
   * OOPSLA 2014).
   */
  public static long derive(long base, long... path) {
    long h = mix(base ^ 0x9E3779B97F4A7C15L);
    for (long p : path) {
      h = mix(h + 0x9E3779B97F4A7C15L * (p + 1));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
