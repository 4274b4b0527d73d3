package io.delos.sim.morphology;

/**
 * Tyre model of a wheel body seen from above (gravity off): sideways slip is resisted, rolling is
 * lightly dragged.
 *
 * @param lateralGrip largest sideways force the tyre can hold, newtons, > 0; beyond it the wheel
 *     slides
 * @param rollingDrag drag coefficient along the rolling direction, N·s/m, >= 0
 */
public record TireSpec(double lateralGrip, double rollingDrag) {
  /** Validates the tyre. */
  public TireSpec {
    Checks.positive("tire.lateralGrip", lateralGrip, "N");
    Checks.nonNegative("tire.rollingDrag", rollingDrag, "N·s/m");
  }
}
