package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.physsm.Discretization;
import java.util.SplittableRandom;

/**
 * A bidirectional S5-style layer (Smith, Warrington, Linderman, "Simplified state space layers for
 * sequence modeling", ICLR 2023) on irregularly sampled sequences.
 *
 * <p>Each direction is a complex diagonal system dx/dt = λ x + B v(t), y = Re(C x), discretised by
 * zero-order hold with each step's own gap Δt_k (x_k = exp(λΔt_k) x_{k−1} + λ⁻¹(exp(λΔt_k) − 1) B
 * v_k). Because the product of the per-step factors telescopes, exp(λΔt_{j+1})⋯exp(λΔt_k) =
 * exp(λ(t_k − t_j)), the recurrence is evaluated in parallel as x_k = Σ_{j≤k} exp(λ(t_k − t_j)) g_j
 * B v_j with g_j = λ⁻¹(exp(λΔt_j) − 1): a few large tensor operations instead of one small
 * operation per step.
 *
 * <p>Initialisation (HiPPO-style): λ_p = (−½ + iπp)·r_p, the diagonal approximation of HiPPO-LegS
 * (S4D-Lin, Gu et al., NeurIPS 2022), with a learnable rate r_p (1/s) drawn log-uniform in
 * [rateMin, rateMax] so that the modes cover the window's time scales.
 *
 * <p>Shapes: input {@code [batch, time, width]} -> output {@code [batch, time, width]} (y_fwd +
 * y_bwd + D ⊙ v).
 */
public final class S5Layer extends Net {
  private final Direction forward;
  private final Direction backward;
  private final Parameter d;
  private final int width;

  /**
   * A layer.
   *
   * @param width channels in and out
   * @param state complex states per direction
   * @param rateMin smallest initial rate, 1/s, > 0
   * @param rateMax largest initial rate, 1/s, > rateMin
   */
  public S5Layer(int width, int state, double rateMin, double rateMax) {
    this.width = width;
    this.forward = addChildBlock("forward", new Direction(width, state, rateMin, rateMax));
    this.backward = addChildBlock("backward", new Direction(width, state, rateMin, rateMax));
    this.d = weight("d", width);
  }

  /**
   * Applies the layer.
   *
   * @param v {@code [batch, time, width]}
   * @param grid the sequences' times
   * @return {@code [batch, time, width]}
   */
  public NDArray apply(ParameterStore ps, NDArray v, TimeGrid grid, boolean training) {
    NDArray yf =
        forward.apply(ps, v, grid.lagForward, grid.causalForward, grid.gapForward, grid, training);
    NDArray yb =
        backward.apply(
            ps, v, grid.lagBackward, grid.causalBackward, grid.gapBackward, grid, training);
    return yf.add(yb).add(v.mul(value(ps, d, v, training)));
  }

  @Override
  public void seed(SplittableRandom random) {
    forward.seed(random);
    backward.seed(random);
    set(d, normal(random, width, 1));
  }

  /** One direction's complex diagonal system. */
  static final class Direction extends Net {
    private final Parameter logNegRe;
    private final Parameter im;
    private final Parameter logRate;
    private final Parameter bRe;
    private final Parameter bIm;
    private final Parameter cRe;
    private final Parameter cIm;
    private final int width;
    private final int state;
    private final double rateMin;
    private final double rateMax;

    Direction(int width, int state, double rateMin, double rateMax) {
      this.width = width;
      this.state = state;
      this.rateMin = rateMin;
      this.rateMax = rateMax;
      logNegRe = weight("logNegRe", state);
      im = weight("im", state);
      logRate = weight("logRate", state);
      bRe = weight("bRe", width, state);
      bIm = weight("bIm", width, state);
      cRe = weight("cRe", state, width);
      cIm = weight("cIm", state, width);
    }

    NDArray apply(
        ParameterStore ps,
        NDArray v,
        NDArray lag,
        NDArray causal,
        NDArray gap,
        TimeGrid grid,
        boolean training) {
      // λ = (−exp(logNegRe) + i·im)·exp(logRate)
      NDArray rate = value(ps, logRate, v, training).exp();
      NDArray lambdaRe = value(ps, logNegRe, v, training).exp().neg().mul(rate);
      NDArray lambdaIm = value(ps, im, v, training).mul(rate);

      // Kernel K[b, p, k, j] = exp(λ_p (t_k − t_j)) on the causal support.
      NDArray decay = lag.mul(lambdaRe.reshape(1, state, 1, 1)).exp().mul(causal);
      NDArray phase = lag.mul(lambdaIm.reshape(1, state, 1, 1));
      NDArray kRe = decay.mul(phase.cos());
      NDArray kIm = decay.mul(phase.sin());

      // Zero-order hold input gain g_j = (exp(λΔt_j) − 1)/λ for each point's own gap.
      NDList zoh = Discretization.zeroOrderHoldDiagonal(lambdaRe, lambdaIm, gap);
      NDArray gRe = zoh.get(2);
      NDArray gIm = zoh.get(3);

      // u_j = g_j ⊙ (B v_j), zero at padding.
      NDArray wRe = v.matMul(value(ps, bRe, v, training));
      NDArray wIm = v.matMul(value(ps, bIm, v, training));
      NDArray uRe = gRe.mul(wRe).sub(gIm.mul(wIm)).mul(grid.mask);
      NDArray uIm = gRe.mul(wIm).add(gIm.mul(wRe)).mul(grid.mask);
      NDArray uRe4 = uRe.transpose(0, 2, 1).expandDims(3);
      NDArray uIm4 = uIm.transpose(0, 2, 1).expandDims(3);

      // x_k = Σ_j K[k, j] u_j, then y = Re(C x).
      NDArray xRe = kRe.matMul(uRe4).sub(kIm.matMul(uIm4)).squeeze(3).transpose(0, 2, 1);
      NDArray xIm = kRe.matMul(uIm4).add(kIm.matMul(uRe4)).squeeze(3).transpose(0, 2, 1);
      return xRe.matMul(value(ps, cRe, v, training)).sub(xIm.matMul(value(ps, cIm, v, training)));
    }

    @Override
    public void seed(SplittableRandom random) {
      set(logNegRe, filled(state, Math.log(0.5)));
      float[] imag = new float[state];
      float[] rates = new float[state];
      for (int p = 0; p < state; p++) {
        imag[p] = (float) (Math.PI * p);
        double u = random.nextDouble();
        rates[p] = (float) (Math.log(rateMin) + u * (Math.log(rateMax) - Math.log(rateMin)));
      }
      set(im, imag);
      set(logRate, rates);
      set(bRe, normal(random, width * state, Math.sqrt(0.5 / width)));
      set(bIm, normal(random, width * state, Math.sqrt(0.5 / width)));
      set(cRe, normal(random, state * width, Math.sqrt(1.0 / state)));
      set(cIm, normal(random, state * width, Math.sqrt(1.0 / state)));
    }
  }
}
