package io.delos.worldmodel.physsm;

import static io.delos.worldmodel.physsm.internal.Scalars.times;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.delos.worldmodel.data.Normalizer;
import io.delos.worldmodel.physsm.internal.Dense;
import io.delos.worldmodel.physsm.internal.Mlp;
import io.delos.worldmodel.physsm.internal.S5Encoder;
import io.delos.worldmodel.physsm.internal.TimeGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The latent ODE baseline, in the style of GOKU-net (Linial, Ravid, Eytan, Shalit, "Generative ODE
 * modeling with known unknowns", CHIL 2021): an encoder infers a Gaussian posterior over the
 * initial latent state z₀ and over static parameters θ of the sequence; a learned vector field
 * dz/dt = f(z, u, θ) is integrated by the classical Runge-Kutta method (RK4) with each step's own
 * gap and the action held over the step; an MLP decodes z to normalised observations.
 *
 * <p>GOKU-net's vector field is a known mechanistic model with unknown parameters; with only part
 * of the physics known, this baseline learns the whole field (an MLP), which is what GOKU reduces
 * to without a complete model. The encoder is the same S5 encoder as Phy-SSM's (GOKU used an LSTM
 * on the reversed sequence): z₀ from the first point's encoding (which has read the whole window
 * backwards), θ from the mean over points.
 *
 * <p>Latent width n = the declaration's latent size, in normalised units. Loss: reconstruction +
 * β·(KL(z₀) + KL(θ)).
 */
final class LatentOdeNetwork extends ForecastNetwork {
  private final S5Encoder encoder;
  private final Dense initialHead;
  private final Mlp parameterHead;
  private final Parameter fieldZ;
  private final Parameter fieldContext;
  private final Parameter fieldBias;
  private final Dense fieldHidden;
  private final Dense fieldOut;
  private final Mlp decoder;
  private final float[] actionMean;
  private final float[] actionInverseStd;
  private final double beta;
  private final int n;
  private final int p;
  private final int m;
  private final int hidden;

  LatentOdeNetwork(
      PhysicsDeclaration declaration,
      ForecastConfig config,
      Normalizer normalizer,
      Normalizer actions) {
    int observationSize = normalizer.width();
    this.n = declaration.latentSize();
    this.p = config.odeParameters();
    this.m = declaration.actionSize();
    this.hidden = config.odeHidden();
    this.beta = config.beta();
    actionMean = new float[m];
    actionInverseStd = new float[m];
    for (int k = 0; k < m; k++) {
      actionMean[k] = (float) actions.mean()[k];
      actionInverseStd[k] = (float) (1 / actions.std()[k]);
    }
    int w = config.width();
    encoder =
        addChildBlock(
            "encoder",
            new S5Encoder(
                observationSize + m,
                w,
                config.encoderState(),
                config.encoderDepth(),
                w,
                config.rateMin(),
                config.rateMax()));
    initialHead = addChildBlock("initial", new Dense(w, 2 * n, false));
    parameterHead =
        addChildBlock("parameters", new Mlp(w, List.of(w), 2 * p, Mlp.Activation.GELU, false));
    fieldZ = weight("fieldZ", n, hidden);
    fieldContext = weight("fieldContext", m + p, hidden);
    fieldBias = weight("fieldBias", hidden);
    fieldHidden = addChildBlock("fieldHidden", new Dense(hidden, hidden, false));
    fieldOut = addChildBlock("fieldOut", new Dense(hidden, n, false));
    decoder =
        addChildBlock(
            "decoder",
            new Mlp(
                n,
                List.of(config.decoderHidden(), config.decoderHidden()),
                observationSize,
                Mlp.Activation.TANH,
                false));
  }

  @Override
  int latentWidth() {
    return n;
  }

  @Override
  NDList run(ParameterStore ps, NDList batch, boolean training) {
    NDArray encMask = batch.get("encMask");
    NDArray encActs = batch.get("encActs");
    NDArray input = batch.get("encObs").concat(standardise(encActs), 2);
    TimeGrid grid =
        TimeGrid.of(batch.get("encTimes"), batch.get("encGapF"), batch.get("encGapB"), encMask);
    NDArray h = encoder.apply(ps, input, grid, training);

    NDArray initial = initialHead.apply(ps, h.get(":, 0, :"), training);
    NDArray mu0 = initial.get(":, :{}", n);
    NDArray logVar0 = boundedLogVar(initial.get(":, {}:", n));
    NDArray pooled =
        h.mul(encMask.expandDims(2)).sum(new int[] {1}).div(encMask.sum(new int[] {1}, true));
    NDArray stats = parameterHead.apply(ps, pooled, training);
    NDArray muTheta = stats.get(":, :{}", p);
    NDArray logVarTheta = boundedLogVar(stats.get(":, {}:", p));
    NDArray eps = batch.get("epsGlobal");
    NDArray z = mu0.add(times(logVar0, 0.5).exp().mul(eps.get(":, :{}", n)));
    NDArray theta = muTheta.add(times(logVarTheta, 0.5).exp().mul(eps.get(":, {}:{}", n, n + p)));

    NDArray acts = batch.get("rollActs");
    NDArray actsNorm = standardise(acts);
    NDArray gaps = batch.get("rollGap");
    int time = (int) gaps.getShape().get(1);
    NDArray wz = value(ps, fieldZ, z, training);
    NDArray wc = value(ps, fieldContext, z, training);
    NDArray bias = value(ps, fieldBias, z, training);
    List<NDArray> out = new ArrayList<>(time);
    out.add(z);
    for (int k = 0; k + 1 < time; k++) {
      NDArray dt = gaps.get(":, {}", k + 1).expandDims(1);
      // The action and θ are constant over the step: their share of the first layer once.
      NDArray context = actsNorm.get(":, {}, :", k).concat(theta, 1).matMul(wc).add(bias);
      NDArray k1 = field(ps, z, wz, context, training);
      NDArray k2 = field(ps, z.add(k1.mul(dt.mul(0.5f))), wz, context, training);
      NDArray k3 = field(ps, z.add(k2.mul(dt.mul(0.5f))), wz, context, training);
      NDArray k4 = field(ps, z.add(k3.mul(dt)), wz, context, training);
      // z⁺ = z + Δt/6 (k1 + 2 k2 + 2 k3 + k4)
      z = z.add(k1.add(times(k2, 2)).add(times(k3, 2)).add(k4).mul(dt.div(6)));
      out.add(z);
    }
    NDArray latent = NDArrays.stack(new NDList(out), 1);
    NDArray prediction = decoder.apply(ps, latent, training);
    NDArray recon = reconstruction(prediction, batch);
    NDArray one = encMask.get(":, :1");
    NDArray klTerm =
        kl(mu0.expandDims(1), logVar0.expandDims(1), one)
            .add(kl(muTheta.expandDims(1), logVarTheta.expandDims(1), one));
    NDArray loss = recon.add(times(klTerm, beta));
    return result(prediction, latent, loss, recon, klTerm, recon.zerosLike());
  }

  /** The vector field f(z, u, θ) given the step's context (u and θ's share of the first layer). */
  private NDArray field(
      ParameterStore ps, NDArray z, NDArray wz, NDArray context, boolean training) {
    NDArray h = z.matMul(wz).add(context).tanh();
    h = fieldHidden.apply(ps, h, training).tanh();
    return fieldOut.apply(ps, h, training);
  }

  @Override
  public void seed(SplittableRandom random) {
    encoder.seed(random);
    initialHead.seed(random);
    parameterHead.seed(random);
    set(fieldZ, uniform(random, n * hidden, Math.sqrt(1.0 / (n + m + p))));
    set(fieldContext, uniform(random, (m + p) * hidden, Math.sqrt(1.0 / (n + m + p))));
    set(fieldBias, new float[hidden]);
    fieldHidden.seed(random);
    fieldOut.seed(random);
    decoder.seed(random);
  }

  /** Actions standardised with the training data's statistics. */
  private NDArray standardise(NDArray u) {
    return u.sub(u.getManager().create(actionMean)).mul(u.getManager().create(actionInverseStd));
  }
}
