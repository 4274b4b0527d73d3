package io.delos.controllers.mppi;

import io.delos.controllers.noise.ActionNoise;
import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MPPI's tunable numbers, read from {@code delos-mppi} files.
 *
 * @param samples rollouts per iteration, >= 2
 * @param horizon planning steps, >= 1
 * @param temperature λ over costs normalised to [0, 1] across the samples, > 0
 * @param noiseStd exploration standard deviation as a fraction of each action's half-range, > 0
 * @param noise time correlation of the exploration noise
 * @param iterations most optimiser iterations per planning call, >= 1
 * @param smoothingWindow moving-average window over time applied to the update (odd, 1 = none)
 * @param zeroSample include the all-resting action sequence among the samples
 * @param constraintWeight weight of the task's soft state constraints, >= 0
 * @param tolerance relative cost improvement below which planning counts as converged
 * @param seed seeds the exploration noise
 * @param initialAction the action the nominal sequence starts from (for example hover thrust);
 *     empty for the resting action
 */
public record MppiSettings(
    int samples,
    int horizon,
    double temperature,
    double noiseStd,
    ActionNoise noise,
    int iterations,
    int smoothingWindow,
    boolean zeroSample,
    double constraintWeight,
    double tolerance,
    long seed,
    List<Double> initialAction) {
  /** Validates the settings. */
  public MppiSettings {
    if (samples < 2) {
      throw new IllegalArgumentException("mppi.samples = " + samples + ": must be >= 2");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("mppi.horizon = " + horizon + ": must be >= 1");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("mppi.temperature = " + temperature + ": must be > 0");
    }
    if (!(noiseStd > 0)) {
      throw new IllegalArgumentException("mppi.noiseStd = " + noiseStd + ": must be > 0");
    }
    Objects.requireNonNull(noise, "mppi.noise");
    if (iterations < 1) {
      throw new IllegalArgumentException("mppi.iterations = " + iterations + ": must be >= 1");
    }
    if (smoothingWindow < 1 || smoothingWindow % 2 == 0) {
      throw new IllegalArgumentException(
          "mppi.smoothingWindow = " + smoothingWindow + ": must be odd and >= 1");
    }
    if (!(constraintWeight >= 0)) {
      throw new IllegalArgumentException(
          "mppi.constraintWeight = " + constraintWeight + ": must be >= 0");
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("mppi.tolerance = " + tolerance + ": must be >= 0");
    }
    initialAction = List.copyOf(initialAction);
  }

  /** Settings starting from the resting action. */
  public MppiSettings(
      int samples,
      int horizon,
      double temperature,
      double noiseStd,
      ActionNoise noise,
      int iterations,
      int smoothingWindow,
      boolean zeroSample,
      double constraintWeight,
      double tolerance,
      long seed) {
    this(
        samples,
        horizon,
        temperature,
        noiseStd,
        noise,
        iterations,
        smoothingWindow,
        zeroSample,
        constraintWeight,
        tolerance,
        seed,
        List.of());
  }

  /** These settings with another sample count and horizon. */
  public MppiSettings withSize(int newSamples, int newHorizon) {
    return new MppiSettings(
        newSamples,
        newHorizon,
        temperature,
        noiseStd,
        noise,
        iterations,
        smoothingWindow,
        zeroSample,
        constraintWeight,
        tolerance,
        seed,
        initialAction);
  }

  /** These settings with another seed. */
  public MppiSettings withSeed(long newSeed) {
    return new MppiSettings(
        samples,
        horizon,
        temperature,
        noiseStd,
        noise,
        iterations,
        smoothingWindow,
        zeroSample,
        constraintWeight,
        tolerance,
        newSeed,
        initialAction);
  }

  /** Reads the built-in settings for {@code robot}-{@code task}. */
  public static MppiSettings builtIn(String robot, String task) {
    String path = "/io/delos/controllers/mppi/" + robot + "-" + task + ".json";
    try (InputStream in = MppiSettings.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in MPPI settings for robot '" + robot + "' task '" + task + "'");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a {@code delos-mppi} file. */
  public static MppiSettings parse(String text, String source) {
    JsonValue r = Json.parse(text, source);
    r.allowOnly(
        "format",
        "version",
        "robot",
        "task",
        "notes",
        "samples",
        "horizon",
        "temperature",
        "noiseStd",
        "noise",
        "iterations",
        "smoothingWindow",
        "zeroSample",
        "constraintWeight",
        "tolerance",
        "seed",
        "initialAction");
    if (!r.get("format").asString().equals("delos-mppi")) {
      throw r.get("format").error("expected \"delos-mppi\"");
    }
    if (r.get("version").asInt() != 1) {
      throw r.get("version").error("only version 1 is supported");
    }
    return new MppiSettings(
        r.get("samples").asInt(),
        r.get("horizon").asInt(),
        r.get("temperature").asDouble(),
        r.get("noiseStd").asDouble(),
        noise(r.opt("noise")),
        r.optInt("iterations", 1),
        r.optInt("smoothingWindow", 1),
        r.optBoolean("zeroSample", true),
        r.optDouble("constraintWeight", 0),
        r.optDouble("tolerance", 1e-3),
        r.get("seed").asLong(),
        initialAction(r.opt("initialAction")));
  }

  /** Parses an optional list of numbers. */
  public static List<Double> initialAction(JsonValue v) {
    List<Double> out = new ArrayList<>();
    if (v != null) {
      for (double d : v.asDoubles(-1)) {
        out.add(d);
      }
    }
    return out;
  }

  /** Parses a noise object: {"kind": ..., "rho"|"a1","a2"|"beta"}. */
  public static ActionNoise noise(JsonValue v) {
    if (v == null) {
      return ActionNoise.white();
    }
    v.allowOnly("kind", "rho", "a1", "a2", "beta");
    try {
      return new ActionNoise(
          v.get("kind").asString(),
          v.optDouble("rho", 0),
          v.optDouble("a1", 0),
          v.optDouble("a2", 0),
          v.optDouble("beta", 0));
    } catch (IllegalArgumentException e) {
      throw v.error(e.getMessage());
    }
  }
}
