package io.delos.controllers.ilqr;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * iLQR's tunable numbers, read from {@code delos-ilqr} files.
 *
 * @param horizon planning steps, >= 1
 * @param iterations most iterations per planning call, >= 1
 * @param epsilon finite-difference step for Jacobians and cost derivatives, > 0
 * @param regularization initial μ added to the value Hessian, > 0
 * @param tolerance relative cost improvement below which planning counts as converged, >= 0
 * @param constraintWeight weight of the task's soft state constraints, >= 0
 */
public record IlqrSettings(
    int horizon,
    int iterations,
    double epsilon,
    double regularization,
    double tolerance,
    double constraintWeight) {
  /** Validates the settings. */
  public IlqrSettings {
    if (horizon < 1) {
      throw new IllegalArgumentException("ilqr.horizon = " + horizon + ": must be >= 1");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("ilqr.iterations = " + iterations + ": must be >= 1");
    }
    if (!(epsilon > 0) || !(regularization > 0)) {
      throw new IllegalArgumentException(
          "ilqr.epsilon = "
              + epsilon
              + ", regularization = "
              + regularization
              + ": both must be > 0");
    }
    if (!(tolerance >= 0) || !(constraintWeight >= 0)) {
      throw new IllegalArgumentException(
          "ilqr.tolerance = "
              + tolerance
              + ", constraintWeight = "
              + constraintWeight
              + ": both must be >= 0");
    }
  }

  /** Reads the built-in settings for {@code robot}-{@code task}. */
  public static IlqrSettings builtIn(String robot, String task) {
    String path = "/io/delos/controllers/ilqr/" + robot + "-" + task + ".json";
    try (InputStream in = IlqrSettings.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in iLQR settings for robot '" + robot + "' task '" + task + "'");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a {@code delos-ilqr} file. */
  public static IlqrSettings parse(String text, String source) {
    JsonValue r = Json.parse(text, source);
    r.allowOnly(
        "format",
        "version",
        "robot",
        "task",
        "notes",
        "horizon",
        "iterations",
        "epsilon",
        "regularization",
        "tolerance",
        "constraintWeight");
    if (!r.get("format").asString().equals("delos-ilqr")) {
      throw r.get("format").error("expected \"delos-ilqr\"");
    }
    if (r.get("version").asInt() != 1) {
      throw r.get("version").error("only version 1 is supported");
    }
    return new IlqrSettings(
        r.get("horizon").asInt(),
        r.optInt("iterations", 5),
        r.optDouble("epsilon", 1e-4),
        r.optDouble("regularization", 1e-3),
        r.optDouble("tolerance", 1e-4),
        r.optDouble("constraintWeight", 0));
  }
}
