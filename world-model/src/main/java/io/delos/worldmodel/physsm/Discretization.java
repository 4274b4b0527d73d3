package io.delos.worldmodel.physsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The two integrators of Phy-SSM, each taking every step's own time gap Δt: layers seen as ODE
 * solvers, with the step size explicit.
 *
 * <ul>
 *   <li>The bilinear (trapezoidal, Tustin) rule for the Phy-SSM unit's dense, state-dependent A: Ā
 *       = (I − Δt/2·A)⁻¹(I + Δt/2·A), B̄ = (I − Δt/2·A)⁻¹·Δt·B, so that z⁺ = Ā z + B̄ u (Wang, Zhao
 *       et al., ICML 2025, arXiv 2507.10792, the unit's discretisation). It maps stable continuous
 *       systems to stable discrete ones and agrees with exp(Δt·A) to second order.
 *   <li>Zero-order hold for diagonal state-space layers (S5, Smith et al., ICLR 2023): Ā =
 *       exp(λΔt), B̄ = λ⁻¹(exp(λΔt) − 1)·B, exact when the input is constant over the step.
 * </ul>
 *
 * <p>All methods are batched and differentiable; a gap of zero gives Ā = I and B̄ = 0 (padding).
 */
public final class Discretization {
  private Discretization() {}

  /**
   * The bilinear rule for a batch of systems.
   *
   * @param a continuous-time A, {@code [batch, n, n]}, 1/s
   * @param b continuous-time B, {@code [batch, n, m]}
   * @param dt time gap of each system's step, {@code [batch]}, s, >= 0
   * @return Ā {@code [batch, n, n]} and B̄ {@code [batch, n, m]}
   */
  public static NDList bilinear(NDArray a, NDArray b, NDArray dt) {
    NDArray dt3 = dt.reshape(-1, 1, 1);
    NDArray halfA = a.mul(dt3.mul(0.5));
    NDArray eye = identityLike(a);
    NDArray inverse = eye.sub(halfA).inverse();
    NDArray aBar = inverse.matMul(eye.add(halfA));
    NDArray bBar = inverse.matMul(b.mul(dt3));
    return new NDList(aBar, bBar);
  }

  /**
   * One bilinear step z⁺ = Ā z + B̄ u without forming Ā: z⁺ = (I − Δt/2·A)⁻¹ (z + Δt/2·A z + Δt·B
   * u).
   *
   * @param z states {@code [batch, n]}
   * @param u inputs held over the step {@code [batch, m]}
   * @param a {@code [batch, n, n]}
   * @param b {@code [batch, n, m]}
   * @param dt {@code [batch]}, s, >= 0
   * @return z⁺ {@code [batch, n]}
   */
  public static NDArray bilinearStep(NDArray z, NDArray u, NDArray a, NDArray b, NDArray dt) {
    NDArray dt3 = dt.reshape(-1, 1, 1);
    NDArray halfA = a.mul(dt3.mul(0.5));
    NDArray z3 = z.expandDims(2);
    NDArray rhs = z3.add(halfA.matMul(z3)).add(b.matMul(u.expandDims(2)).mul(dt3));
    NDArray inverse = identityLike(a).sub(halfA).inverse();
    return inverse.matMul(rhs).squeeze(2);
  }

  /**
   * Zero-order hold of a complex diagonal system dx/dt = λ x + v, for every step of a batch of
   * sequences.
   *
   * @param lambdaRe Re λ, {@code [state]}, 1/s, < 0 for stable modes
   * @param lambdaIm Im λ, {@code [state]}, rad/s
   * @param dt time gaps {@code [batch, time]}, s, >= 0
   * @return Re Ā, Im Ā, Re g, Im g, each {@code [batch, time, state]}, where Ā = exp(λΔt) and g =
   *     (exp(λΔt) − 1)/λ so that B̄ = g·B
   */
  public static NDList zeroOrderHoldDiagonal(NDArray lambdaRe, NDArray lambdaIm, NDArray dt) {
    NDArray dt3 = dt.expandDims(2);
    NDArray decay = dt3.mul(lambdaRe).exp();
    NDArray phase = dt3.mul(lambdaIm);
    NDArray aRe = decay.mul(phase.cos());
    NDArray aIm = decay.mul(phase.sin());
    // g = (Ā − 1)/λ = ((Re Ā − 1) + i Im Ā)(Re λ − i Im λ) / |λ|²
    NDArray norm = lambdaRe.square().add(lambdaIm.square());
    NDArray c = aRe.sub(1);
    NDArray gRe = c.mul(lambdaRe).add(aIm.mul(lambdaIm)).div(norm);
    NDArray gIm = aIm.mul(lambdaRe).sub(c.mul(lambdaIm)).div(norm);
    return new NDList(aRe, aIm, gRe, gIm);
  }

  /**
   * Zero-order hold of a real diagonal system dx/dt = λ x + v.
   *
   * @param lambda λ, {@code [state]}, 1/s, < 0
   * @param dt time gaps {@code [batch, time]}, s, >= 0
   * @return Ā = exp(λΔt) and g = (Ā − 1)/λ, each {@code [batch, time, state]}
   */
  public static NDList zeroOrderHoldReal(NDArray lambda, NDArray dt) {
    NDArray decay = dt.expandDims(2).mul(lambda).exp();
    return new NDList(decay, decay.sub(1).div(lambda));
  }

  private static NDArray identityLike(NDArray a) {
    NDManager manager = a.getManager();
    int n = (int) a.getShape().get(1);
    return manager.eye(n).toType(a.getDataType(), false).toDevice(a.getDevice(), false);
  }
}
