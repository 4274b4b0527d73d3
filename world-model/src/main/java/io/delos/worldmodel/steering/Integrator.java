package io.delos.worldmodel.steering;

/** How {@link OdeSteerer} integrates da/dt = v(a) over [0, T]. */
public enum Integrator {
  /** Fixed steps a ← a + Δt v(a), Δt = T / steps; each step moves exactly Δt where v ≠ 0. */
  EULER,
  /** The classical fourth-order Runge-Kutta method with fixed steps Δt = T / steps. */
  RK4,
  /**
   * The Heun-Euler embedded pair with step-size control: a step is accepted when the two estimates
   * differ by at most the tolerance (activation units), starting from Δt = T / steps.
   */
  ADAPTIVE
}
