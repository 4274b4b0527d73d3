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
 * The "without the unit" ablation of Phy-SSM: no latent dynamics at all. The S5 encoder reads the
 * whole rollout grid, with each point's measurement (normalised, zero where there is none), a flag
 * saying whether it was measured in the observed window, and the action; its Gaussian posterior
 * over the state variables, extended with the declaration's features, is decoded at every point.
 * The physics enters only through the features.
 *
 * <p>Loss: reconstruction + β·KL.
 */
final class NoUnitNetwork extends ForecastNetwork {
  private final LatentLayout layout;
  private final MeasurementMap measurement;
  private final S5Encoder encoder;
  private final Mlp decoder;
  private final float[] actionMean;
  private final float[] actionInverseStd;
  private final double beta;
  private final int d;

  NoUnitNetwork(
      PhysicsDeclaration declaration,
      ForecastConfig config,
      Normalizer normalizer,
      Normalizer actions) {
    int observationSize = normalizer.width();
    this.layout = new LatentLayout(declaration);
    this.measurement = new MeasurementMap(declaration, layout, normalizer);
    this.d = layout.encodedSize();
    this.beta = config.beta();
    int m = declaration.actionSize();
    actionMean = new float[m];
    actionInverseStd = new float[m];
    for (int k = 0; k < m; k++) {
      actionMean[k] = (float) actions.mean()[k];
      actionInverseStd[k] = (float) (1 / actions.std()[k]);
    }
    encoder =
        addChildBlock(
            "encoder",
            new S5Encoder(
                observationSize + 1 + m,
                config.width(),
                config.encoderState(),
                config.encoderDepth(),
                2 * d,
                config.rateMin(),
                config.rateMax()));
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
    NDArray mask = batch.get("rollMask");
    NDArray acts = batch.get("rollActs");
    NDArray input =
        batch
            .get("rollObs")
            .concat(batch.get("rollSeen").expandDims(2), 2)
            .concat(standardise(acts), 2);
    TimeGrid grid =
        TimeGrid.of(batch.get("rollTimes"), batch.get("rollGapF"), batch.get("rollGapB"), mask);
    NDArray h = encoder.apply(ps, input, grid, training);
    NDArray seen = batch.get("rollSeen").expandDims(2);
    NDArray mu = h.get("..., :{}", d).add(measurement.encode(batch.get("rollObs")).mul(seen));
    NDArray logVar = boundedLogVar(h.get("..., {}:", d));
    NDArray eps = batch.get("epsRoll").get("..., :{}", d);
    NDArray s = mu.add(times(logVar, 0.5).exp().mul(eps));
    NDArray latent = layout.extend(s);
    NDArray prediction =
        decoder.apply(ps, layout.visible(latent), training).add(measurement.decode(latent));
    NDArray recon = reconstruction(prediction, batch);
    NDArray klTerm = kl(mu, logVar, mask);
    NDArray loss = recon.add(times(klTerm, beta));
    return result(prediction, latent, loss, recon, klTerm, recon.zerosLike());
  }

  @Override
  public void seed(SplittableRandom random) {
    encoder.seed(random);
    decoder.seed(random);
  }

  /** Actions standardised with the training data's statistics. */
  private NDArray standardise(NDArray u) {
    return u.sub(u.getManager().create(actionMean)).mul(u.getManager().create(actionInverseStd));
  }
}
