package io.delos.worldmodel.steering;

/**
 * ODESteer: moves an activation along the normalised gradient of a {@link Barrier} by integrating
 *
 * <pre>da/dt = v(a) = ∇h(a) / ‖∇h(a)‖,   t ∈ [0, T]</pre>
 *
 * (Zhao et al., ICLR 2026). One Euler step of length T is a + T v(a), the one-step rule that adding
 * a steering vector corresponds to; more steps follow the barrier's curvature. Since ‖v‖ = 1, T is
 * the length of the path in activation units.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class OdeSteerer implements Steerer {
  /** Most accepted plus rejected steps of the adaptive integrator for one activation. */
  static final int MAX_ADAPTIVE_STEPS = 100_000;

  private final Barrier barrier;
  private final Integrator integrator;
  private final int steps;
  private final double tolerance;

  /**
   * @param barrier the fitted barrier
   * @param integrator how to integrate
   * @param steps fixed steps, or the first step T / steps of the adaptive integrator; 1 to 100000
   * @param tolerance local error per adaptive step, in activation units, > 0 (ignored by the fixed
   *     step integrators)
   * @throws IllegalArgumentException naming the parameter, its value and what is allowed
   */
  public OdeSteerer(Barrier barrier, Integrator integrator, int steps, double tolerance) {
    if (barrier == null) {
      throw new IllegalArgumentException("barrier is null; allowed: a fitted Barrier");
    }
    if (integrator == null) {
      throw new IllegalArgumentException(
          "integrator is null; allowed: " + java.util.Arrays.toString(Integrator.values()));
    }
    if (steps < 1 || steps > 100_000) {
      throw new IllegalArgumentException("steps is " + steps + "; allowed: 1 to 100000");
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(
          "tolerance is " + tolerance + "; allowed: a finite number > 0");
    }
    this.barrier = barrier;
    this.integrator = integrator;
    this.steps = steps;
    this.tolerance = tolerance;
  }

  /** Fixed-step integration, or adaptive with a tolerance of 1e-3 activation units. */
  public OdeSteerer(Barrier barrier, Integrator integrator, int steps) {
    this(barrier, integrator, steps, 1e-3);
  }

  /** The barrier whose gradient is followed. */
  public Barrier barrier() {
    return barrier;
  }

  @Override
  public int dimension() {
    return barrier.dimension();
  }

  /**
   * Integrates from the activation over [0, T].
   *
   * @param strength T, the path length in activation units, finite and >= 0
   */
  @Override
  public double[] steer(double[] activation, double strength) {
    Checks.vector("activation", activation, dimension());
    Checks.strength("T", strength);
    double[] a = activation.clone();
    if (strength == 0) {
      return a;
    }
    return switch (integrator) {
      case EULER -> euler(a, strength);
      case RK4 -> rungeKutta(a, strength);
      case ADAPTIVE -> adaptive(a, strength);
    };
  }

  /** a ← a + Δt v(a), Δt = T / steps. */
  private double[] euler(double[] a, double t) {
    double dt = t / steps;
    for (int k = 0; k < steps; k++) {
      axpy(dt, barrier.fieldUnchecked(a), a);
    }
    return a;
  }

  /** a ← a + Δt/6 (k₁ + 2k₂ + 2k₃ + k₄), kᵢ the field at the classical stages. */
  private double[] rungeKutta(double[] a, double t) {
    double dt = t / steps;
    for (int k = 0; k < steps; k++) {
      double[] k1 = barrier.fieldUnchecked(a);
      double[] k2 = barrier.fieldUnchecked(offset(a, dt / 2, k1));
      double[] k3 = barrier.fieldUnchecked(offset(a, dt / 2, k2));
      double[] k4 = barrier.fieldUnchecked(offset(a, dt, k3));
      for (int j = 0; j < a.length; j++) {
        a[j] += dt / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
      }
    }
    return a;
  }

  /**
   * Heun-Euler: Euler a + Δt k₁ and Heun a + Δt/2 (k₁ + k₂) with k₂ = v(a + Δt k₁); their
   * difference Δt/2 ‖k₂ − k₁‖ estimates the local error. The Heun estimate is kept when the error
   * is within the tolerance; Δt ← Δt · clamp(0.9 √(tol / err), 0.2, 5).
   *
   * <p>Limitation: after {@link #MAX_ADAPTIVE_STEPS} tries the activation reached so far is
   * returned, short of T; that happens only where the field turns sharply everywhere, for example
   * around a degenerate maximum of h.
   */
  private double[] adaptive(double[] a, double t) {
    double time = 0;
    double dt = t / steps;
    for (int tries = 0; tries < MAX_ADAPTIVE_STEPS && time < t; tries++) {
      dt = Math.min(dt, t - time);
      double[] k1 = barrier.fieldUnchecked(a);
      double[] k2 = barrier.fieldUnchecked(offset(a, dt, k1));
      double err = 0;
      for (int j = 0; j < a.length; j++) {
        err += (k2[j] - k1[j]) * (k2[j] - k1[j]);
      }
      err = dt / 2 * Math.sqrt(err);
      if (err <= tolerance) {
        for (int j = 0; j < a.length; j++) {
          a[j] += dt / 2 * (k1[j] + k2[j]);
        }
        time += dt;
      }
      double factor = err > 0 ? 0.9 * Math.sqrt(tolerance / err) : 5;
      dt *= Math.max(0.2, Math.min(5, factor));
    }
    return a;
  }

  private static double[] offset(double[] a, double h, double[] v) {
    double[] out = a.clone();
    axpy(h, v, out);
    return out;
  }

  private static void axpy(double h, double[] v, double[] a) {
    for (int j = 0; j < a.length; j++) {
      a[j] += h * v[j];
    }
  }
}
