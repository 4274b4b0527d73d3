package io.delos.worldmodel.physsm;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes and training settings of a forecaster. The defaults live in the resource {@code
 * io/delos/worldmodel/physsm/forecast-config.json}; {@link #read} overrides any of them from JSON.
 *
 * @param width hidden width of encoders (lift, S5 layers, head), >= 1
 * @param encoderState complex states per S5 direction, >= 1
 * @param encoderDepth S5 layers in an encoder, >= 1
 * @param rateMin smallest initial S5 rate, 1/s, > 0
 * @param rateMax largest initial S5 rate, 1/s, > rateMin
 * @param decoderHidden width of the decoder's two hidden layers, >= 1
 * @param cellWidth hidden width of the unknown-term sequence network, >= 1
 * @param cellState diagonal states of the unknown-term sequence network, >= 1
 * @param boundA bound on each unknown entry of A, normalised units (scale_i/scale_j per s), > 0;
 *     keep it well below 2/Δt for the largest gap Δt, where the bilinear rule is singular
 * @param boundB bound on each unknown entry of B, normalised units (scale_i/actionScale_j per s), >
 *     0
 * @param odeHidden width of the latent ODE's vector field (GOKU baseline), >= 1
 * @param odeParameters static parameters the latent ODE infers per sequence (GOKU), >= 1
 * @param beta weight of the KL term, >= 0
 * @param lambda weight of the physics state regulariser, >= 0
 * @param learningRate Adam's initial step size (cosine decay to a tenth), > 0
 * @param iterations gradient steps, >= 1
 * @param batchSize sequences per step, >= 1
 * @param gradientClip largest global gradient norm, > 0
 * @param validationFraction share of training windows held out to pick the best step, [0, 0.5)
 * @param validateEvery steps between validations, >= 1
 * @param curriculum share of the steps over which the training horizon grows from the observed
 *     window to the whole window, [0, 1]
 * @param seed seeds initialisation, batch order and posterior noise
 */
public record ForecastConfig(
    int width,
    int encoderState,
    int encoderDepth,
    double rateMin,
    double rateMax,
    int decoderHidden,
    int cellWidth,
    int cellState,
    double boundA,
    double boundB,
    int odeHidden,
    int odeParameters,
    double beta,
    double lambda,
    double learningRate,
    int iterations,
    int batchSize,
    double gradientClip,
    double validationFraction,
    int validateEvery,
    double curriculum,
    long seed) {

  private static final String RESOURCE = "/io/delos/worldmodel/physsm/forecast-config.json";

  /** Validates every field, naming the field, its value and the allowed range. */
  public ForecastConfig {
    atLeast("width", width, 1);
    atLeast("encoderState", encoderState, 1);
    atLeast("encoderDepth", encoderDepth, 1);
    atLeast("decoderHidden", decoderHidden, 1);
    atLeast("cellWidth", cellWidth, 1);
    atLeast("cellState", cellState, 1);
    atLeast("odeHidden", odeHidden, 1);
    atLeast("odeParameters", odeParameters, 1);
    atLeast("iterations", iterations, 1);
    atLeast("batchSize", batchSize, 1);
    atLeast("validateEvery", validateEvery, 1);
    positive("rateMin", rateMin, "1/s");
    positive("boundA", boundA, "");
    positive("boundB", boundB, "");
    positive("learningRate", learningRate, "");
    positive("gradientClip", gradientClip, "");
    if (!(rateMax > rateMin) || !Double.isFinite(rateMax)) {
      throw new IllegalArgumentException(
          "rateMax = " + rateMax + " 1/s: must be finite and > rateMin = " + rateMin + " 1/s");
    }
    nonNegative("beta", beta);
    nonNegative("lambda", lambda);
    if (!(validationFraction >= 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "validationFraction = " + validationFraction + ": allowed [0, 0.5)");
    }
    if (!(curriculum >= 0 && curriculum <= 1)) {
      throw new IllegalArgumentException("curriculum = " + curriculum + ": allowed [0, 1]");
    }
  }

  /** The defaults from the resource file. */
  public static ForecastConfig defaults() {
    try (InputStream in = ForecastConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      JsonValue root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
      if (!root.get("format").asString().equals("delos-forecast-config")
          || root.get("version").asInt() != 1) {
        throw root.error(
            "found format "
                + root.get("format")
                + " version "
                + root.get("version")
                + ": supported delos-forecast-config version 1");
      }
      return read(root, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a configuration; fields missing from {@code json} come from {@code fallback}.
   *
   * @param json an object with any of this record's fields (plus {@code format}, {@code version}
   *     and {@code notes}, which are ignored)
   * @param fallback supplies missing fields, or {@code null} when every field must be present
   */
  public static ForecastConfig read(JsonValue json, ForecastConfig fallback) {
    json.allowOnly(
        "format",
        "version",
        "notes",
        "width",
        "encoderState",
        "encoderDepth",
        "rateMin",
        "rateMax",
        "decoderHidden",
        "cellWidth",
        "cellState",
        "boundA",
        "boundB",
        "odeHidden",
        "odeParameters",
        "beta",
        "lambda",
        "learningRate",
        "iterations",
        "batchSize",
        "gradientClip",
        "validationFraction",
        "validateEvery",
        "curriculum",
        "seed");
    ForecastConfig f = fallback;
    return new ForecastConfig(
        integer(json, "width", f == null ? null : f.width),
        integer(json, "encoderState", f == null ? null : f.encoderState),
        integer(json, "encoderDepth", f == null ? null : f.encoderDepth),
        number(json, "rateMin", f == null ? null : f.rateMin),
        number(json, "rateMax", f == null ? null : f.rateMax),
        integer(json, "decoderHidden", f == null ? null : f.decoderHidden),
        integer(json, "cellWidth", f == null ? null : f.cellWidth),
        integer(json, "cellState", f == null ? null : f.cellState),
        number(json, "boundA", f == null ? null : f.boundA),
        number(json, "boundB", f == null ? null : f.boundB),
        integer(json, "odeHidden", f == null ? null : f.odeHidden),
        integer(json, "odeParameters", f == null ? null : f.odeParameters),
        number(json, "beta", f == null ? null : f.beta),
        number(json, "lambda", f == null ? null : f.lambda),
        number(json, "learningRate", f == null ? null : f.learningRate),
        integer(json, "iterations", f == null ? null : f.iterations),
        integer(json, "batchSize", f == null ? null : f.batchSize),
        number(json, "gradientClip", f == null ? null : f.gradientClip),
        number(json, "validationFraction", f == null ? null : f.validationFraction),
        integer(json, "validateEvery", f == null ? null : f.validateEvery),
        number(json, "curriculum", f == null ? null : f.curriculum),
        json.has("seed") ? json.get("seed").asLong() : requireFallback(f, "seed").seed);
  }

  /** Every field by name, in declaration order, as {@link #read} reads them back. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("width", width);
    m.put("encoderState", encoderState);
    m.put("encoderDepth", encoderDepth);
    m.put("rateMin", rateMin);
    m.put("rateMax", rateMax);
    m.put("decoderHidden", decoderHidden);
    m.put("cellWidth", cellWidth);
    m.put("cellState", cellState);
    m.put("boundA", boundA);
    m.put("boundB", boundB);
    m.put("odeHidden", odeHidden);
    m.put("odeParameters", odeParameters);
    m.put("beta", beta);
    m.put("lambda", lambda);
    m.put("learningRate", learningRate);
    m.put("iterations", iterations);
    m.put("batchSize", batchSize);
    m.put("gradientClip", gradientClip);
    m.put("validationFraction", validationFraction);
    m.put("validateEvery", validateEvery);
    m.put("curriculum", curriculum);
    m.put("seed", seed);
    return m;
  }

  /** This configuration with another seed. */
  public ForecastConfig withSeed(long newSeed) {
    return new ForecastConfig(
        width,
        encoderState,
        encoderDepth,
        rateMin,
        rateMax,
        decoderHidden,
        cellWidth,
        cellState,
        boundA,
        boundB,
        odeHidden,
        odeParameters,
        beta,
        lambda,
        learningRate,
        iterations,
        batchSize,
        gradientClip,
        validationFraction,
        validateEvery,
        curriculum,
        newSeed);
  }

  /** This configuration with another regulariser weight λ. */
  public ForecastConfig withLambda(double newLambda) {
    return new ForecastConfig(
        width,
        encoderState,
        encoderDepth,
        rateMin,
        rateMax,
        decoderHidden,
        cellWidth,
        cellState,
        boundA,
        boundB,
        odeHidden,
        odeParameters,
        beta,
        newLambda,
        learningRate,
        iterations,
        batchSize,
        gradientClip,
        validationFraction,
        validateEvery,
        curriculum,
        seed);
  }

  /** This configuration with another number of gradient steps. */
  public ForecastConfig withIterations(int newIterations) {
    return new ForecastConfig(
        width,
        encoderState,
        encoderDepth,
        rateMin,
        rateMax,
        decoderHidden,
        cellWidth,
        cellState,
        boundA,
        boundB,
        odeHidden,
        odeParameters,
        beta,
        lambda,
        learningRate,
        newIterations,
        batchSize,
        gradientClip,
        validationFraction,
        validateEvery,
        curriculum,
        seed);
  }

  private static int integer(JsonValue json, String name, Integer fallback) {
    if (json.has(name)) {
      return json.get(name).asInt();
    }
    if (fallback == null) {
      throw json.error("field '" + name + "' is missing");
    }
    return fallback;
  }

  private static double number(JsonValue json, String name, Double fallback) {
    if (json.has(name)) {
      return json.get(name).asDouble();
    }
    if (fallback == null) {
      throw json.error("field '" + name + "' is missing");
    }
    return fallback;
  }

  private static ForecastConfig requireFallback(ForecastConfig f, String name) {
    if (f == null) {
      throw new IllegalArgumentException("field '" + name + "' is missing");
    }
    return f;
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " = " + value + ": must be >= " + min);
    }
  }

  private static void positive(String name, double value, String unit) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          name + " = " + value + (unit.isEmpty() ? "" : " " + unit) + ": must be finite and > 0");
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " = " + value + ": must be finite and >= 0");
    }
  }
}
