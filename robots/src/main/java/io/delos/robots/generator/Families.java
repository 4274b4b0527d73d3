package io.delos.robots.generator;

import io.delos.sim.morphology.Morphology;
import java.util.List;
import java.util.function.Supplier;

/** The ten robot families, in a fixed order that system ids and splits rely on. */
public final class Families {
  private static final List<Family> ALL =
      List.of(
          new CartPoleFamily(),
          new PendulumFamily(),
          new AcrobotFamily(),
          new ReacherFamily(),
          new HopperFamily(),
          new WalkerFamily(),
          new CheetahFamily(),
          new QuadrotorFamily(),
          new CarFamily(),
          new LanderFamily());

  private Families() {}

  /** Every family, in generator order. */
  public static List<Family> all() {
    return ALL;
  }

  /** The family called {@code name}. */
  public static Family get(String name) {
    for (Family f : ALL) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "no family '" + name + "'; families: " + ALL.stream().map(Family::name).toList());
  }

  /**
   * The catalogue robot of {@code family} as built in code with its reference constants; the
   * catalogue's morphology files are this output (cart-pole's is written by hand).
   *
   * @throws IllegalArgumentException for cart-pole or an unknown family
   */
  public static Morphology reference(String family) {
    Supplier<Morphology> s =
        switch (family) {
          case "pendulum" -> PendulumFamily::catalogue;
          case "acrobot" -> AcrobotFamily::catalogue;
          case "reacher" -> ReacherFamily::catalogue;
          case "hopper" -> HopperFamily::catalogue;
          case "walker" -> WalkerFamily::catalogue;
          case "cheetah" -> CheetahFamily::catalogue;
          case "quadrotor" -> QuadrotorFamily::catalogue;
          case "car" -> CarFamily::catalogue;
          case "lander" -> LanderFamily::catalogue;
          default ->
              throw new IllegalArgumentException(
                  "family '" + family + "' has no reference built in code");
        };
    return s.get();
  }
}
