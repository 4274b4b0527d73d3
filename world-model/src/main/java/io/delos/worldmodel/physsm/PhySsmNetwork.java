package io.delos.worldmodel.physsm;

import static io.delos.worldmodel.physsm.internal.Scalars.times;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.physsm.internal.Mlp;
import io.delos.worldmodel.physsm.internal.S5Encoder;
import io.delos.worldmodel.physsm.internal.TimeGrid;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Phy-SSM (Wang, Zhao et al., ICML 2025, arXiv 2507.10792) as one network, also used for its S5
 * baseline (a declaration without physics) and its λ = 0 ablation.
 *
 * <ol>
 *   <li>Encoder: [observation, action] at each measured point of the observed window → S5 encoder →
 *       Gaussian posterior q(s_k) over the state variables at every measured point.
 *   <li>Latent extension z_k = [s_k, φ(s_k)] with the declaration's features.
 *   <li>The {@link PhySsmUnit} rolls z forward from z_0 over the rollout grid: inside the observed
 *       window this interpolates, beyond it the unit runs alone (extrapolation).
 *   <li>Decoder: MLP from the visible latent to normalised observations.
 * </ol>
 *
 * <p>Loss: reconstruction + β·KL(q(s_k) ‖ N(0, I)) + λ·‖visible(z_k^posterior − z_k^unit)‖² over
 * the measured points of the observed window (the physics state regulariser).
 */
final class PhySsmNetwork extends ForecastNetwork {
  private final LatentLayout layout;
  private final S5Encoder encoder;
  private final PhySsmUnit unit;
  private final Mlp decoder;
  private final double beta;
  private final double lambda;
  private final int d;

  PhySsmNetwork(PhysicsDeclaration declaration, ForecastConfig config, int observationSize) {
    this.layout = new LatentLayout(declaration);
    this.d = layout.inferredSize();
    this.beta = config.beta();
    this.lambda = config.lambda();
    int m = declaration.actionSize();
    encoder =
        addChildBlock(
            "encoder",
            new S5Encoder(
                observationSize + m,
                config.width(),
                config.encoderState(),
                config.encoderDepth(),
                2 * d,
                config.rateMin(),
                config.rateMax()));
    unit =
        addChildBlock(
            "unit",
            new PhySsmUnit(
                declaration,
                config.cellWidth(),
                config.cellState(),
                config.boundA(),
                config.boundB()));
    decoder =
        addChildBlock(
            "decoder",
            new Mlp(
                layout.visibleSize(),
                List.of(config.decoderHidden(), config.decoderHidden()),
                observationSize,
                Mlp.Activation.TANH,
                false));
  }

  @Override
  int latentWidth() {
    return layout.latentSize();
  }

  @Override
  NDList run(ParameterStore ps, NDList batch, boolean training) {
    NDArray encMask = batch.get("encMask");
    NDArray input = batch.get("encObs").concat(unit.normaliseActions(batch.get("encActs")), 2);
    TimeGrid grid =
        TimeGrid.of(batch.get("encTimes"), batch.get("encGapF"), batch.get("encGapB"), encMask);
    NDArray h = encoder.apply(ps, input, grid, training);
    NDArray mu = h.get("..., :{}", d);
    NDArray logVar = boundedLogVar(h.get("..., {}:", d));
    NDArray eps = batch.get("epsEnc").get("..., :{}", d);
    NDArray s =
        mu.add(times(logVar, 0.5).exp().mul(eps)).mul(layout.inferredScale(mu.getManager()));
    NDArray posterior = layout.extend(s);

    NDArray z0 = posterior.get(":, 0, :");
    NDArray latent =
        unit.rollout(
            ps,
            z0,
            batch.get("rollActs"),
            batch.get("rollGap"),
            batch.get("rollCellGap"),
            training);
    NDArray prediction = decoder.apply(ps, layout.visible(latent), training);

    NDArray recon = reconstruction(prediction, batch);
    NDArray klTerm = kl(mu, logVar, encMask);
    NDArray atPoints = latent.gather(batch.get("encToRoll"), 1);
    NDArray diff = layout.visible(posterior.sub(atPoints));
    NDArray reg =
        diff.square()
            .mul(encMask.expandDims(2))
            .sum()
            .div(encMask.sum().mul(layout.visibleSize()).add(1e-6f));
    NDArray loss = recon.add(times(klTerm, beta));
    if (lambda > 0) {
      loss = loss.add(times(reg, lambda));
    }
    return result(prediction, latent, loss, recon, klTerm, reg);
  }

  @Override
  public void seed(SplittableRandom random) {
    encoder.seed(random);
    unit.seed(random);
    decoder.seed(random);
  }
}
