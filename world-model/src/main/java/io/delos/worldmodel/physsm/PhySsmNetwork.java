package io.delos.worldmodel.physsm;

import static io.delos.worldmodel.physsm.internal.Scalars.times;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.data.Normalizer;
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
 *   <li>The {@link PhySsmUnit} runs over the whole grid, starting from the first posterior and
 *       restarted from the posterior at every measured point of the observed window. The output at
 *       each point is the state the unit arrives with, started from the posterior at the previous
 *       measurement: inside the window this interpolates between measurements, beyond the last one
 *       the unit runs alone (extrapolation).
 *   <li>Decoder: MLP from the visible latent to normalised observations.
 * </ol>
 *
 * <p>Loss: reconstruction + β·KL(q(s_k) ‖ N(0, I)) + λ·‖visible(z_k − ẑ_k)‖² over the measured
 * points of the observed window: the physics state regulariser, where z_k is the posterior and ẑ_k
 * the state of the unit run freely (no restarts) from the first posterior. Reconstruction already
 * asks for good one-interval predictions; the regulariser asks the encoder's states and the unit to
 * agree over the whole observed window, the horizon extrapolation needs.
 *
 * <p>Design choices where the paper leaves room: the unit restarts from every posterior for its
 * outputs (a multiple-shooting form whose last restart is the forecast's initial state), and the
 * regulariser's predictions are one free rollout per window.
 */
final class PhySsmNetwork extends ForecastNetwork {
  private final LatentLayout layout;
  private final MeasurementMap measurement;
  private final S5Encoder encoder;
  private final PhySsmUnit unit;
  private final Mlp decoder;
  private final double beta;
  private final double lambda;
  private final int d;

  PhySsmNetwork(
      PhysicsDeclaration declaration,
      ForecastConfig config,
      Normalizer normalizer,
      Normalizer actions) {
    int observationSize = normalizer.width();
    this.layout = new LatentLayout(declaration);
    this.measurement = new MeasurementMap(declaration, layout, normalizer);
    this.d = layout.encodedSize();
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
                config.boundB(),
                actions));
    decoder =
        addChildBlock(
            "decoder",
            new Mlp(
                layout.visibleSize(),
                List.of(config.decoderHidden(), config.decoderHidden()),
                observationSize,
                Mlp.Activation.TANH,
                measurement.any()));
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
    NDArray mu = h.get("..., :{}", d).add(measurement.encode(batch.get("encObs")));
    NDArray logVar = boundedLogVar(h.get("..., {}:", d));
    NDArray eps = batch.get("epsEnc").get("..., :{}", d);
    NDArray s = mu.add(times(logVar, 0.5).exp().mul(eps));
    NDArray posterior = layout.extend(s);

    // The unit starts from the first posterior and is restarted from the posterior at every
    // measured point of the observed window; between measurements it interpolates, after the last
    // one it runs alone. Every decoded state is the unit's: the state it arrives with at a point.
    NDArray seen = batch.get("rollSeen");
    NDArray onGrid = batch.get("encToRollMatrix").matMul(posterior);
    NDArray z0 = posterior.get(":, 0, :");
    NDArray actions = batch.get("rollActs");
    NDArray gaps = batch.get("rollGap");
    NDArray cellGaps = batch.get("rollCellGap");
    NDArray latent;
    NDArray reg;
    if (lambda > 0) {
      // The regulariser's predictions come from the same unit run freely from the first posterior
      // (no restarts), in the second half of one batch: the posterior must follow the physics
      // over the whole window, which one-interval reconstruction alone does not ask.
      int b = (int) z0.getShape().get(0);
      NDArray both =
          unit.rollout(
              ps,
              z0.concat(z0, 0),
              actions.concat(actions, 0),
              gaps.concat(gaps, 0),
              cellGaps.concat(cellGaps, 0),
              seen.concat(seen.zerosLike(), 0),
              onGrid.concat(onGrid.zerosLike(), 0),
              training);
      latent = both.get(":{}", b);
      NDArray predicted = both.get("{}:", b).gather(batch.get("encToRoll"), 1);
      NDArray diff = layout.visible(posterior.sub(predicted));
      reg =
          diff.square()
              .mul(encMask.expandDims(2))
              .sum()
              .div(encMask.sum().mul(layout.visibleSize()).add(1e-6f));
    } else {
      latent = unit.rollout(ps, z0, actions, gaps, cellGaps, seen, onGrid, training);
      reg = encMask.sum().zerosLike();
    }
    NDArray prediction =
        decoder.apply(ps, layout.visible(latent), training).add(measurement.decode(latent));

    NDArray recon = reconstruction(prediction, batch);
    NDArray klTerm = kl(mu, logVar, encMask);
    NDArray loss = recon.add(times(klTerm, beta)).add(times(reg, lambda));
    return result(prediction, latent, loss, recon, klTerm, reg);
  }

  @Override
  public void seed(SplittableRandom random) {
    encoder.seed(random);
    unit.seed(random);
    decoder.seed(random);
  }
}
