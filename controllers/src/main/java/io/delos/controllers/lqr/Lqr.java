package io.delos.controllers.lqr;

import io.delos.controllers.Policy;
import io.delos.controllers.linalg.Mat;
import io.delos.sim.Space;
import io.delos.sim.State;

/**
 * Discrete-time infinite-horizon LQR: u = u* − K (x − x*), with K from the discrete algebraic
 * Riccati equation, iterated to a fixed point:
 *
 * <pre>
 *   P ← Q + Aᵀ P A − Aᵀ P B (R + Bᵀ P B)⁻¹ Bᵀ P A
 *   K = (R + Bᵀ P B)⁻¹ Bᵀ P A
 * </pre>
 *
 * <p>(Anderson and Moore, Optimal Control: Linear Quadratic Methods, §2.4.) Channels with zero
 * weight in Q may be uncontrollable (a cosine that does not move at the operating point) as long as
 * every weighted mode is stabilisable.
 */
public final class Lqr implements Policy {
  private final double[][] gain;
  private final double[] x0;
  private final double[] u0;
  private final Space actionSpace;

  private Lqr(double[][] gain, double[] x0, double[] u0, Space actionSpace) {
    this.gain = gain;
    this.x0 = x0.clone();
    this.u0 = u0.clone();
    this.actionSpace = actionSpace;
  }

  /**
   * Designs the regulator.
   *
   * @param model the linear model around (x*, u*)
   * @param q state weights, the diagonal of Q, >= 0
   * @param r action weights, the diagonal of R, > 0
   * @param x0 operating-point observation x*
   * @param u0 operating-point action u*
   * @param actionSpace bounds the output is clipped to
   * @throws IllegalArgumentException for bad weights
   * @throws ArithmeticException when the Riccati iteration does not converge in 10000 steps
   */
  public static Lqr design(
      Linearization model, double[] q, double[] r, double[] x0, double[] u0, Space actionSpace) {
    int n = model.a().length;
    int m = model.b()[0].length;
    if (q.length != n || r.length != m) {
      throw new IllegalArgumentException(
          "Q has " + q.length + " weights and R " + r.length + ": expected " + n + " and " + m);
    }
    for (int i = 0; i < n; i++) {
      if (!(q[i] >= 0) || !Double.isFinite(q[i])) {
        throw new IllegalArgumentException("Q[" + i + "] = " + q[i] + ": must be finite and >= 0");
      }
    }
    for (int j = 0; j < m; j++) {
      if (!(r[j] > 0) || !Double.isFinite(r[j])) {
        throw new IllegalArgumentException("R[" + j + "] = " + r[j] + ": must be finite and > 0");
      }
    }
    double[][] gain = riccatiGain(model.a(), model.b(), Mat.diag(q), Mat.diag(r));
    return new Lqr(gain, x0, u0, actionSpace);
  }

  /** The gain K of the discrete algebraic Riccati equation for (A, B, Q, R). */
  public static double[][] riccatiGain(double[][] a, double[][] b, double[][] q, double[][] r) {
    double[][] at = Mat.transpose(a);
    double[][] bt = Mat.transpose(b);
    double[][] p = q;
    for (int iteration = 0; iteration < 10_000; iteration++) {
      double[][] pa = Mat.mul(p, a);
      double[][] pb = Mat.mul(p, b);
      double[][] k = Mat.solve(Mat.add(r, Mat.mul(bt, pb)), Mat.mul(bt, pa));
      double[][] next =
          Mat.symmetrize(Mat.add(q, Mat.sub(Mat.mul(at, pa), Mat.mul(Mat.mul(at, pb), k))));
      double change = Mat.maxAbsDiff(next, p);
      p = next;
      if (change <= 1e-10 * Math.max(1, Mat.maxAbs(p))) {
        return Mat.solve(Mat.add(r, Mat.mul(bt, Mat.mul(p, b))), Mat.mul(bt, Mat.mul(p, a)));
      }
    }
    throw new ArithmeticException(
        "Riccati iteration did not converge in 10000 steps: is (A, B) stabilisable?");
  }

  /** The gain K, m×n. */
  public double[][] gain() {
    double[][] copy = new double[gain.length][];
    for (int i = 0; i < gain.length; i++) {
      copy[i] = gain[i].clone();
    }
    return copy;
  }

  @Override
  public double[] act(State state) {
    double[] x = state.observation().toArray();
    double[] dx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i] - x0[i];
    }
    double[] kdx = Mat.mul(gain, dx);
    double[] u = new double[u0.length];
    for (int j = 0; j < u.length; j++) {
      u[j] = u0[j] - kdx[j];
    }
    return actionSpace.clip(u);
  }
}
