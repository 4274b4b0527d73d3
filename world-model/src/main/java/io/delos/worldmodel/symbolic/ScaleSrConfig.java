package io.delos.worldmodel.symbolic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of a ScaleSR run; {@link #defaults()} reads them from {@code scalesr.properties} beside
 * this class.
 *
 * @param generator the neural data generator
 * @param univariate the single-variable search
 * @param gp genetic programming over several variables (the final polish and the fallback when a
 *     release step cannot be explained through constants)
 * @param slicePoints points in a one-variable slice searched for the first variable, >= 8
 * @param gridPoints values of a released variable at which open constants are refitted, >= 5
 * @param gridFitPoints points per refit at one grid value, >= 8
 * @param draws K, the fits with fresh fixed values behind the freezing rule, >= 2
 * @param drawPoints points per such fit, >= 8
 * @param freezing the freezing rule
 * @param goodFitMultiple a fit is good when its mean squared error is at most this multiple of the
 *     oracle's, >= 1
 * @param exactNmse a fit is also good at or below this normalised error (for exact oracles), > 0
 * @param generatorShare largest share of the time budget the generator may use, in (0, 1)
 * @param polishShare share of the time left after the schedule spent on the final polish, in [0, 1)
 * @param sensitivityPoints base points of the sensitivity analysis that orders the variables, >= 8
 * @param alternatives front candidates tried per step when the preferred one fails, >= 1
 */
public record ScaleSrConfig(
    NeuralGenerator.Settings generator,
    UnivariateSearch.Settings univariate,
    GpConfig gp,
    int slicePoints,
    int gridPoints,
    int gridFitPoints,
    int draws,
    int drawPoints,
    FreezingRule freezing,
    double goodFitMultiple,
    double exactNmse,
    double generatorShare,
    double polishShare,
    int sensitivityPoints,
    int alternatives) {

  /** Validates the settings. */
  public ScaleSrConfig {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(univariate, "univariate");
    Objects.requireNonNull(gp, "gp");
    Objects.requireNonNull(freezing, "freezing");
    atLeast("slicePoints", slicePoints, 8);
    atLeast("gridPoints", gridPoints, 5);
    atLeast("gridFitPoints", gridFitPoints, 8);
    atLeast("draws", draws, 2);
    atLeast("drawPoints", drawPoints, 8);
    atLeast("sensitivityPoints", sensitivityPoints, 8);
    atLeast("alternatives", alternatives, 1);
    if (!(goodFitMultiple >= 1)) {
      throw new IllegalArgumentException("goodFitMultiple = " + goodFitMultiple + ": must be >= 1");
    }
    if (!(exactNmse > 0)) {
      throw new IllegalArgumentException("exactNmse = " + exactNmse + ": must be > 0");
    }
    if (!(generatorShare > 0 && generatorShare < 1)) {
      throw new IllegalArgumentException("generatorShare = " + generatorShare + ": allowed (0, 1)");
    }
    if (!(polishShare >= 0 && polishShare < 1)) {
      throw new IllegalArgumentException("polishShare = " + polishShare + ": allowed [0, 1)");
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " = " + value + ": must be >= " + min);
    }
  }

  /** The defaults from {@code scalesr.properties}. */
  public static ScaleSrConfig defaults() {
    Properties p = new Properties();
    try (InputStream in = ScaleSrConfig.class.getResourceAsStream("scalesr.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "resource scalesr.properties is missing beside ScaleSrConfig");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fromProperties(p);
  }

  /**
   * Settings from properties with the keys of {@code scalesr.properties}.
   *
   * @throws IllegalArgumentException naming a missing or malformed key
   */
  public static ScaleSrConfig fromProperties(Properties p) {
    NeuralGenerator.Settings generator =
        new NeuralGenerator.Settings(
            ints(p, "generator.hidden"),
            integer(p, "generator.batchSize"),
            real(p, "generator.learningRate"),
            integer(p, "generator.adamEpochs"),
            integer(p, "generator.lbfgsIterations"),
            integer(p, "generator.patience"),
            real(p, "generator.validationFraction"));
    GpConfig univariateGp =
        GpConfig.DEFAULT
            .withPopulationSize(integer(p, "univariate.gp.populationSize"))
            .withMaxComplexity(integer(p, "univariate.gp.maxComplexity"));
    UnivariateSearch.Settings univariate =
        new UnivariateSearch.Settings(
            univariateGp,
            integer(p, "univariate.linearPerComplexity"),
            new ConstantFitter.Settings(
                integer(p, "univariate.fit.maxIterations"),
                integer(p, "univariate.fit.starts"),
                real(p, "univariate.fit.relativeTolerance")),
            real(p, "univariate.gpShare"));
    GpConfig gp =
        GpConfig.DEFAULT
            .withPopulationSize(integer(p, "gp.populationSize"))
            .withMaxComplexity(integer(p, "gp.maxComplexity"));
    return new ScaleSrConfig(
        generator,
        univariate,
        gp,
        integer(p, "slicePoints"),
        integer(p, "gridPoints"),
        integer(p, "gridFitPoints"),
        integer(p, "draws"),
        integer(p, "drawPoints"),
        new FreezingRule(
            real(p, "freezing.relativeTolerance"),
            real(p, "freezing.absoluteScale"),
            real(p, "freezing.errorMultiple"),
            real(p, "freezing.maxRelativeError")),
        real(p, "goodFitMultiple"),
        real(p, "exactNmse"),
        real(p, "generatorShare"),
        real(p, "polishShare"),
        integer(p, "sensitivityPoints"),
        integer(p, "alternatives"));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("ScaleSR setting '" + key + "' is missing");
    }
    return v.strip();
  }

  private static int integer(Properties p, String key) {
    try {
      return Integer.parseInt(value(p, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ScaleSR setting '" + key + "' = '" + value(p, key) + "': expected an integer");
    }
  }

  private static double real(Properties p, String key) {
    try {
      return Double.parseDouble(value(p, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ScaleSR setting '" + key + "' = '" + value(p, key) + "': expected a number");
    }
  }

  private static List<Integer> ints(Properties p, String key) {
    List<Integer> out = new ArrayList<>();
    for (String s : value(p, key).split(",")) {
      try {
        out.add(Integer.parseInt(s.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "ScaleSR setting '"
                + key
                + "' = '"
                + value(p, key)
                + "': expected integers, comma separated");
      }
    }
    return out;
  }
}
