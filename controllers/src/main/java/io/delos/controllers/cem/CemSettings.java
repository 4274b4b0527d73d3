package io.delos.controllers.cem;

import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.noise.ActionNoise;
import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The cross-entropy method's tunable numbers, read from {@code delos-cem} files.
 *
 * @param samples candidates per iteration, >= 2
 * @param horizon planning steps, >= 1
 * @param elites candidates kept to refit the distribution, in [1, samples)
 * @param iterations refits per planning call, >= 1
 * @param initialStd starting standard deviation, fraction of each action's half-range, > 0
 * @param minStd planning counts as converged when every standard deviation falls below this
 *     fraction of the half-range
 * @param momentum α in μ ← α μ + (1 − α) mean(elites), in [0, 1)
 * @param noise time correlation of the sampling noise (colored noise gives iCEM)
 * @param keepElites carry this many of the previous iteration's elites into the next (iCEM)
 * @param constraintWeight weight of the task's soft state constraints, >= 0
 * @param seed seeds the sampling noise
 * @param initialAction the action the mean starts from; empty for the resting action
 */
public record CemSettings(
    int samples,
    int horizon,
    int elites,
    int iterations,
    double initialStd,
    double minStd,
    double momentum,
    ActionNoise noise,
    int keepElites,
    double constraintWeight,
    long seed,
    List<Double> initialAction) {
  /** Validates the settings. */
  public CemSettings {
    if (samples < 2) {
      throw new IllegalArgumentException("cem.samples = " + samples + ": must be >= 2");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("cem.horizon = " + horizon + ": must be >= 1");
    }
    if (elites < 1 || elites >= samples) {
      throw new IllegalArgumentException(
          "cem.elites = " + elites + ": allowed 1 to samples - 1 (" + (samples - 1) + ")");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("cem.iterations = " + iterations + ": must be >= 1");
    }
    if (!(initialStd > 0) || !(minStd >= 0)) {
      throw new IllegalArgumentException(
          "cem.initialStd = " + initialStd + ", minStd = " + minStd + ": need > 0 and >= 0");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("cem.momentum = " + momentum + ": allowed [0, 1)");
    }
    Objects.requireNonNull(noise, "cem.noise");
    if (keepElites < 0 || keepElites > elites) {
      throw new IllegalArgumentException(
          "cem.keepElites = " + keepElites + ": allowed 0 to elites (" + elites + ")");
    }
    if (!(constraintWeight >= 0)) {
      throw new IllegalArgumentException(
          "cem.constraintWeight = " + constraintWeight + ": must be >= 0");
    }
    initialAction = List.copyOf(initialAction);
  }

  /** Settings starting from the resting action. */
  public CemSettings(
      int samples,
      int horizon,
      int elites,
      int iterations,
      double initialStd,
      double minStd,
      double momentum,
      ActionNoise noise,
      int keepElites,
      double constraintWeight,
      long seed) {
    this(
        samples,
        horizon,
        elites,
        iterations,
        initialStd,
        minStd,
        momentum,
        noise,
        keepElites,
        constraintWeight,
        seed,
        List.of());
  }

  /** These settings with another seed. */
  public CemSettings withSeed(long newSeed) {
    return new CemSettings(
        samples,
        horizon,
        elites,
        iterations,
        initialStd,
        minStd,
        momentum,
        noise,
        keepElites,
        constraintWeight,
        newSeed,
        initialAction);
  }

  /** Reads the built-in settings for {@code robot}-{@code task}. */
  public static CemSettings builtIn(String robot, String task) {
    String path = "/io/delos/controllers/cem/" + robot + "-" + task + ".json";
    try (InputStream in = CemSettings.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in CEM settings for robot '" + robot + "' task '" + task + "'");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a {@code delos-cem} file. */
  public static CemSettings parse(String text, String source) {
    JsonValue r = Json.parse(text, source);
    r.allowOnly(
        "format",
        "version",
        "robot",
        "task",
        "notes",
        "samples",
        "horizon",
        "elites",
        "iterations",
        "initialStd",
        "minStd",
        "momentum",
        "noise",
        "keepElites",
        "constraintWeight",
        "seed",
        "initialAction");
    if (!r.get("format").asString().equals("delos-cem")) {
      throw r.get("format").error("expected \"delos-cem\"");
    }
    if (r.get("version").asInt() != 1) {
      throw r.get("version").error("only version 1 is supported");
    }
    return new CemSettings(
        r.get("samples").asInt(),
        r.get("horizon").asInt(),
        r.get("elites").asInt(),
        r.optInt("iterations", 3),
        r.optDouble("initialStd", 0.5),
        r.optDouble("minStd", 0.02),
        r.optDouble("momentum", 0.1),
        MppiSettings.noise(r.opt("noise")),
        r.optInt("keepElites", 0),
        r.optDouble("constraintWeight", 0),
        r.get("seed").asLong(),
        MppiSettings.initialAction(r.opt("initialAction")));
  }
}
