package io.delos.worldmodel.interpretable;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.delos.worldmodel.nn.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted concept-based Taylor model (CAT; Duong, Wu et al., "CAT: Interpretable concept-based
 * Taylor additive models", KDD 2024): concept encoders map each user-defined group of features to
 * one scalar concept, and a {@link TaylorNet} polynomial in the concepts predicts the target.
 *
 * <p>Training minimises, on standardised features and target,
 *
 * <pre>
 *   L = mean((ŷ − y)²) + λ · mean(c²)        (the concept-magnitude penalty)
 * </pre>
 *
 * with Adam and early stopping on a seeded validation split; the polynomial starts linear.
 *
 * <p>{@link #polynomial()} gives the exact polynomial the network computes from concept values, in
 * the target's unit; {@link #explanation()} writes the same function in standardised concepts (each
 * concept's mean and standard deviation on the training rows), so that coefficients compare across
 * concepts whatever scale the encoders chose.
 *
 * <p>Runs on the CPU: the networks are small and DJL's per-operation overhead dominates on a GPU.
 * Not thread-safe: one call at a time; {@link #close} frees the native memory.
 */
public final class CatModel implements AutoCloseable {
  private final CatConfig config;
  private final List<String> featureNames;
  private final List<String> conceptNames;
  private final Net net;
  private final Standardizer xs;
  private final Standardizer ys;
  private final double[] conceptMean;
  private final double[] conceptStd;
  private final int epochs;
  private final double validationScore;
  private final double validationAccuracy;

  /** The encoders and the TaylorNet as one trainable network. */
  private static final class Net implements Network {
    final Params params;
    final ConceptEncoders encoders;
    final TaylorNet taylor;
    final double penalty;

    Net(int features, int[][] groups, CatConfig config) {
      this.params = new Params(Device.cpu(), config.seed());
      this.encoders = new ConceptEncoders(params, features, groups, config.encoderHidden());
      this.taylor = new TaylorNet(params, groups.length, config.order(), config.rank());
      this.penalty = config.penalty();
    }

    @Override
    public Params params() {
      return params;
    }

    @Override
    public NDArray predict(NDArray x) {
      return taylor.forward(encoders.forward(x));
    }

    @Override
    public NDArray loss(NDArray x, NDArray y) {
      NDArray c = encoders.forward(x);
      NDArray mse = taylor.forward(c).sub(y).square().mean();
      return penalty == 0 ? mse : mse.add(c.square().mean().mul((float) penalty));
    }
  }

  private CatModel(
      CatConfig config,
      List<String> featureNames,
      List<String> conceptNames,
      Net net,
      Standardizer xs,
      Standardizer ys,
      int epochs,
      double[][] trainingRows,
      double validationScore,
      double validationAccuracy) {
    this.config = config;
    this.featureNames = featureNames;
    this.conceptNames = conceptNames;
    this.net = net;
    this.xs = xs;
    this.ys = ys;
    this.epochs = epochs;
    this.validationScore = validationScore;
    this.validationAccuracy = validationAccuracy;
    double[][] c = concepts(trainingRows);
    this.conceptMean = new double[conceptNames.size()];
    this.conceptStd = new double[conceptNames.size()];
    for (int k = 0; k < conceptNames.size(); k++) {
      double[] col = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        col[i] = c[i][k];
      }
      Standardizer s = Standardizer.ofColumn(col);
      conceptMean[k] = s.mean[0];
      conceptStd[k] = s.std[0];
    }
  }

  /**
   * Fits a CAT model.
   *
   * @param data rows and target
   * @param concepts groups covering every feature of {@code data} exactly once, 1 to 64
   * @param config sizes and training settings
   * @param listener progress; may stop the fit, which keeps the best weights so far
   * @return the model with the weights of its best validation epoch
   * @throws IllegalArgumentException naming a concept group that is empty, names an unknown
   *     feature, or repeats one, or a feature no group covers
   */
  public static CatModel fit(
      Table data, List<ConceptGroup> concepts, CatConfig config, FitListener listener) {
    int[][] groups = groups(data.featureNames(), concepts);
    Split split = Split.of(data.rows(), config.validationFraction(), config.seed());
    double[][] x = data.x();
    double[] y = data.y();
    double[][] xt = Split.rows(x, split.train());
    double[] yt = Split.values(y, split.train());
    double[][] xv = Split.rows(x, split.validation());
    double[] yv = Split.values(y, split.validation());
    Standardizer xs = Standardizer.of(xt);
    Standardizer ys = Standardizer.ofColumn(yt);
    Net net = new Net(data.features(), groups, config);
    try {
      RegressionTrainer.Result r =
          RegressionTrainer.fit(
              net,
              xs.apply(xt),
              ys.applyColumn(yt),
              xs.apply(xv),
              ys.applyColumn(yv),
              data.features(),
              config,
              listener);
      List<String> names = concepts.stream().map(ConceptGroup::name).toList();
      CatModel model =
          new CatModel(config, data.featureNames(), names, net, xs, ys, r.epochs(), xt, 0, 0);
      double[] predicted = model.predict(xv);
      double score = Scores.r2(yv, predicted);
      double accuracy = binaryAccuracy(yv, predicted);
      return new CatModel(
          config, data.featureNames(), names, net, xs, ys, r.epochs(), xt, score, accuracy);
    } catch (RuntimeException e) {
      net.params().close();
      throw e;
    }
  }

  /** Feature indices per concept, checked against the feature names. */
  static int[][] groups(List<String> featureNames, List<ConceptGroup> concepts) {
    if (concepts.isEmpty() || concepts.size() > 64) {
      throw new IllegalArgumentException(
          "concepts has " + concepts.size() + " groups: allowed 1 to 64");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int j = 0; j < featureNames.size(); j++) {
      index.put(featureNames.get(j), j);
    }
    Map<String, String> owner = new LinkedHashMap<>();
    List<String> seenNames = new ArrayList<>();
    int[][] groups = new int[concepts.size()][];
    for (int k = 0; k < concepts.size(); k++) {
      ConceptGroup g = concepts.get(k);
      if (seenNames.contains(g.name())) {
        throw new IllegalArgumentException(
            "concepts[" + k + "].name = '" + g.name() + "': concept names must be unique");
      }
      seenNames.add(g.name());
      groups[k] = new int[g.features().size()];
      for (int i = 0; i < g.features().size(); i++) {
        String f = g.features().get(i);
        Integer j = index.get(f);
        if (j == null) {
          throw new IllegalArgumentException(
              "concepts["
                  + k
                  + "].features["
                  + i
                  + "] = '"
                  + f
                  + "': not a feature; allowed "
                  + featureNames);
        }
        String previous = owner.put(f, g.name());
        if (previous != null) {
          throw new IllegalArgumentException(
              "concepts["
                  + k
                  + "].features["
                  + i
                  + "] = '"
                  + f
                  + "': already in concept '"
                  + previous
                  + "'; each feature belongs to one group");
        }
        groups[k][i] = j;
      }
    }
    for (String f : featureNames) {
      if (!owner.containsKey(f)) {
        throw new IllegalArgumentException(
            "feature '" + f + "' is in no concept group: every feature needs one");
      }
    }
    return groups;
  }

  /** Predictions for rows {@code [row][feature]}, in the target's unit. */
  public double[] predict(double[][] x) {
    requireWidth(x, featureNames.size(), "x");
    float[] p = RegressionTrainer.predict(net, xs.apply(x), x.length, featureNames.size());
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = ys.mean[0] + ys.std[0] * p[i];
    }
    return out;
  }

  /** The concept values {@code [row][concept]} of rows {@code [row][feature]}. */
  public double[][] concepts(double[][] x) {
    requireWidth(x, featureNames.size(), "x");
    int f = featureNames.size();
    double[][] out = new double[x.length][];
    try (NDScope scope = new NDScope();
        NDManager m = net.params.manager().newSubManager()) {
      NDArray c = net.encoders.forward(m.create(xs.apply(x), new Shape(x.length, f)));
      float[] v = c.toFloatArray();
      int n = conceptNames.size();
      for (int i = 0; i < x.length; i++) {
        out[i] = new double[n];
        for (int k = 0; k < n; k++) {
          out[i][k] = v[i * n + k];
        }
      }
      scope.suppressNotUsedWarning();
    }
    return out;
  }

  /**
   * The TaylorNet's output for given concept values, computed by the network, in the target's unit.
   *
   * @param c concept values {@code [row][concept]}
   */
  public double[] predictFromConcepts(double[][] c) {
    int n = conceptNames.size();
    requireWidth(c, n, "c");
    float[] flat = new float[c.length * n];
    for (int i = 0; i < c.length; i++) {
      for (int k = 0; k < n; k++) {
        flat[i * n + k] = (float) c[i][k];
      }
    }
    double[] out = new double[c.length];
    try (NDScope scope = new NDScope();
        NDManager m = net.params.manager().newSubManager()) {
      float[] p = net.taylor.forward(m.create(flat, new Shape(c.length, n))).toFloatArray();
      for (int i = 0; i < p.length; i++) {
        out[i] = ys.mean[0] + ys.std[0] * p[i];
      }
      scope.suppressNotUsedWarning();
    }
    return out;
  }

  /**
   * The polynomial the TaylorNet computes, in raw concept values and the target's unit: the dense
   * coefficient tensors rebuilt from the Tucker factors, symmetrised into monomials, and scaled
   * back from the standardised target (y = μ_y + σ_y ŷ).
   */
  public Polynomial polynomial() {
    Map<Monomial, Double> raw = net.taylor.coefficients(net.params.snapshot());
    Map<Monomial, Double> out = new HashMap<>();
    for (Map.Entry<Monomial, Double> e : raw.entrySet()) {
      out.put(e.getKey(), e.getValue() * ys.std[0]);
    }
    out.merge(Monomial.of(), ys.mean[0], Double::sum);
    return new Polynomial(conceptNames, out);
  }

  /**
   * The polynomial in standardised concepts ĉₖ = (cₖ − μₖ) / σₖ, with μₖ and σₖ measured on the
   * training rows: a coefficient is the target's change, in its unit, per standard deviation of
   * each concept in the monomial.
   */
  public Polynomial explanation() {
    return polynomial().standardised(conceptMean, conceptStd);
  }

  /** The explanation printed, dropping terms with |coefficient| below {@code threshold}. */
  public String explain(double threshold) {
    return explanation().format(threshold);
  }

  /** Scalar parameters that can change (masked-out encoder weights not counted). */
  public long parameterCount() {
    return net.encoders.parameterCount() + net.taylor.parameterCount();
  }

  /** R² of the model on its validation rows. */
  public double validationScore() {
    return validationScore;
  }

  /**
   * For a 0/1 target, the share of the validation rows whose prediction, thresholded at 0.5, equals
   * the target; NaN when a target of the data is neither 0 nor 1 or there are no validation rows.
   */
  public double validationAccuracy() {
    return validationAccuracy;
  }

  private static double binaryAccuracy(double[] y, double[] predicted) {
    if (y.length == 0) {
      return Double.NaN;
    }
    int right = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        return Double.NaN;
      }
      right += (predicted[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
    }
    return (double) right / y.length;
  }

  /** Epochs run before early stopping. */
  public int epochs() {
    return epochs;
  }

  /** The concept names, in group order. */
  public List<String> conceptNames() {
    return conceptNames;
  }

  /** The feature names the model reads, in column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The settings it was fitted with. */
  public CatConfig config() {
    return config;
  }

  private static void requireWidth(double[][] x, int width, String field) {
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != width) {
        throw new IllegalArgumentException(
            field + "[" + i + "] has " + x[i].length + " values: expected " + width);
      }
    }
  }

  @Override
  public void close() {
    net.params.close();
  }
}
