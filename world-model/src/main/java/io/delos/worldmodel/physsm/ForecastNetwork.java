package io.delos.worldmodel.physsm;

import static io.delos.worldmodel.physsm.internal.Scalars.over;
import static io.delos.worldmodel.physsm.internal.Scalars.times;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.delos.worldmodel.physsm.internal.Net;

/**
 * A forecasting network: reads a {@link ForecastBatch} and returns its predictions and loss terms.
 *
 * <p>Output names: {@code prediction} {@code [batch, Tr, o]} (normalised observations on the
 * rollout grid), {@code loss}, {@code reconstruction}, {@code kl}, {@code regulariser} (scalars),
 * {@code latent} {@code [batch, Tr, n]}.
 */
abstract class ForecastNetwork extends Net {
  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return run(ps, inputs, training);
  }

  /** Runs the network on a batch. */
  abstract NDList run(ParameterStore ps, NDList batch, boolean training);

  /** Width n of the noise tensors the batch must carry. */
  abstract int latentWidth();

  /** Mean squared error over the target mask and channels. */
  static NDArray reconstruction(NDArray prediction, NDList batch) {
    NDArray mask = batch.get("targetMask");
    long channels = prediction.getShape().get(2);
    NDArray err = prediction.sub(batch.get("targets")).square().mul(mask.expandDims(2));
    return err.sum().div(mask.sum().mul(channels).add(1e-6f));
  }

  /**
   * Mean KL divergence of N(μ, exp(logVar)) from N(0, 1) per variable.
   *
   * @param mu {@code [batch, T, k]}
   * @param logVar {@code [batch, T, k]}
   * @param mask {@code [batch, T]}
   */
  static NDArray kl(NDArray mu, NDArray logVar, NDArray mask) {
    long k = mu.getShape().get(2);
    NDArray terms = times(mu.square().add(logVar.exp()).sub(1).sub(logVar), 0.5);
    return terms.mul(mask.expandDims(2)).sum().div(mask.sum().mul(k).add(1e-6f));
  }

  /**
   * A log-variance bounded to (−12, −2) in normalised units, starting at −7 (σ ≈ 0.03): samples
   * start close to the mean, so early rollouts are not swamped by posterior noise.
   */
  static NDArray boundedLogVar(NDArray raw) {
    return times(over(raw, 5).tanh(), 5).sub(7);
  }

  static NDList result(
      NDArray prediction, NDArray latent, NDArray loss, NDArray recon, NDArray kl, NDArray reg) {
    prediction.setName("prediction");
    latent.setName("latent");
    loss.setName("loss");
    recon.setName("reconstruction");
    kl.setName("kl");
    reg.setName("regulariser");
    return new NDList(prediction, latent, loss, recon, kl, reg);
  }
}
