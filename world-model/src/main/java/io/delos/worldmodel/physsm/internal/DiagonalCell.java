package io.delos.worldmodel.physsm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.physsm.Discretization;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A recurrent S5 cell with a real diagonal, run one step at a time alongside a rollout: the
 * sequence network that produces Phy-SSM's unknown terms A_unknown(t), B_unknown(t) from the latent
 * trajectory so far.
 *
 * <p>x_k = exp(λΔt_k) x_{k−1} + λ⁻¹(exp(λΔt_k) − 1) B v_k (zero-order hold with the step's own
 * gap), y_k = GELU(C x_k + D ⊙ v_k), output = MLP(y_k), with v_k = GELU(W input_k). The diagonal
 * starts at λ_p = −(p + 1) 1/s (the S4D-Real initialisation derived from HiPPO-LegS). The output
 * layer starts at zero, so a fresh unit adds nothing to the known physics.
 *
 * <p>Shapes: input {@code [batch, in]}, state {@code [batch, state]}, output {@code [batch, out]};
 * gains from {@link #gains} {@code [batch, time, state]}.
 */
public final class DiagonalCell extends Net {
  private final Dense input;
  private final Parameter logNeg;
  private final Parameter b;
  private final Parameter c;
  private final Parameter d;
  private final Mlp head;
  private final int width;
  private final int state;

  /**
   * A cell.
   *
   * @param in input width
   * @param width hidden width
   * @param state diagonal states
   * @param out output width
   */
  public DiagonalCell(int in, int width, int state, int out) {
    this.width = width;
    this.state = state;
    input = addChildBlock("input", new Dense(in, width, false));
    logNeg = weight("logNeg", state);
    b = weight("b", width, state);
    c = weight("c", state, width);
    d = weight("d", width);
    head = addChildBlock("head", new Mlp(width, List.of(width), out, Mlp.Activation.TANH, true));
  }

  /** Number of diagonal states. */
  public int state() {
    return state;
  }

  /**
   * The zero-order-hold factors for every step of the rollout grid.
   *
   * @param gaps {@code [batch, time]}, s
   * @return Ā and g, each {@code [batch, time, state]}
   */
  public NDList gains(ParameterStore ps, NDArray gaps, boolean training) {
    NDArray lambda = value(ps, logNeg, gaps, training).exp().neg();
    return Discretization.zeroOrderHoldReal(lambda, gaps);
  }

  /**
   * One step.
   *
   * @param x the cell state {@code [batch, state]}
   * @param in the step's input {@code [batch, in]}
   * @param aBar this step's Ā {@code [batch, state]}
   * @param g this step's g {@code [batch, state]}
   * @return the new state and the output {@code [batch, out]}
   */
  public NDList step(
      ParameterStore ps, NDArray x, NDArray in, NDArray aBar, NDArray g, boolean training) {
    NDArray v = Activation.gelu(input.apply(ps, in, training));
    NDArray next = aBar.mul(x).add(g.mul(v.matMul(value(ps, b, in, training))));
    NDArray y =
        Activation.gelu(
            next.matMul(value(ps, c, in, training)).add(v.mul(value(ps, d, in, training))));
    return new NDList(next, head.apply(ps, y, training));
  }

  @Override
  public void seed(SplittableRandom random) {
    input.seed(random);
    float[] l = new float[state];
    for (int p = 0; p < state; p++) {
      l[p] = (float) Math.log(p + 1.0);
    }
    set(logNeg, l);
    set(b, normal(random, width * state, Math.sqrt(1.0 / width)));
    set(c, normal(random, state * width, Math.sqrt(1.0 / state)));
    set(d, normal(random, width, 1));
    head.seed(random);
  }
}
