package io.delos.worldmodel.interpretable;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.delos.worldmodel.nn.Dense;
import io.delos.worldmodel.nn.Params;

/**
 * The black-box baseline: an MLP {@code feature → hidden → hidden → 1} with ReLU, trained like CAT
 * (same split, optimiser and early stopping) on the same standardised rows.
 *
 * <p>Shapes: input {@code [batch, feature]}, output {@code [batch]}. Not thread-safe: one call at a
 * time; {@link #close} frees the native memory.
 */
public final class MlpRegressor implements AutoCloseable {
  private final Net net;
  private final Standardizer xs;
  private final Standardizer ys;
  private final int epochs;

  private static final class Net implements Network {
    private final Params params;
    private final Dense l1;
    private final Dense l2;
    private final Dense l3;

    Net(int features, int hidden, long seed) {
      this.params = new Params(Device.cpu(), seed);
      this.l1 = new Dense(params, "mlp.l1", features, hidden);
      this.l2 = new Dense(params, "mlp.l2", hidden, hidden);
      this.l3 = new Dense(params, "mlp.l3", hidden, 1);
    }

    @Override
    public Params params() {
      return params;
    }

    @Override
    public NDArray predict(NDArray x) {
      long batch = x.getShape().get(0);
      NDArray h = Activation.relu(l2.forward(Activation.relu(l1.forward(x))));
      return l3.forward(h).reshape(batch);
    }
  }

  private MlpRegressor(Net net, Standardizer xs, Standardizer ys, int epochs) {
    this.net = net;
    this.xs = xs;
    this.ys = ys;
    this.epochs = epochs;
  }

  /**
   * Fits an MLP with two hidden layers of {@code hidden} units.
   *
   * @param data rows; split into training and validation rows as {@link CatModel#fit} splits them
   * @param hidden hidden width, 1 to 4096
   * @param config training settings (the order, rank, encoder and penalty fields are not used)
   * @param listener progress
   */
  public static MlpRegressor fit(Table data, int hidden, CatConfig config, FitListener listener) {
    if (hidden < 1 || hidden > 4096) {
      throw new IllegalArgumentException("hidden = " + hidden + ": allowed 1 to 4096");
    }
    Split split = Split.of(data.rows(), config.validationFraction(), config.seed());
    double[][] x = data.x();
    double[] y = data.y();
    double[][] xt = Split.rows(x, split.train());
    double[] yt = Split.values(y, split.train());
    Standardizer xs = Standardizer.of(xt);
    Standardizer ys = Standardizer.ofColumn(yt);
    Net net = new Net(data.features(), hidden, config.seed());
    try {
      RegressionTrainer.Result r =
          RegressionTrainer.fit(
              net,
              xs.apply(xt),
              ys.applyColumn(yt),
              xs.apply(Split.rows(x, split.validation())),
              ys.applyColumn(Split.values(y, split.validation())),
              data.features(),
              config,
              listener);
      return new MlpRegressor(net, xs, ys, r.epochs());
    } catch (RuntimeException e) {
      net.params().close();
      throw e;
    }
  }

  /** Predictions for rows {@code [row][feature]}, in the target's unit. */
  public double[] predict(double[][] x) {
    float[] p = RegressionTrainer.predict(net, xs.apply(x), x.length, xs.mean.length);
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = ys.mean[0] + ys.std[0] * p[i];
    }
    return out;
  }

  /** Scalar parameters. */
  public long parameterCount() {
    return net.params().count();
  }

  /** Epochs run before early stopping. */
  public int epochs() {
    return epochs;
  }

  @Override
  public void close() {
    net.params().close();
  }
}
