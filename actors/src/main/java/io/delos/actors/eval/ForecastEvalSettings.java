package io.delos.actors.eval;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the Phy-SSM forecasting benchmark, read from the resource {@code
 * io/delos/actors/eval/forecast-eval.json} (format {@code delos-forecast-eval}, version 1).
 *
 * @param controlFrequency control and sampling rate, Hz
 * @param windowSteps grid points per window
 * @param observedSteps grid points in the observed window (the rest is forecast)
 * @param warmupSteps most policy steps run before a window starts
 * @param noiseFraction observation noise, as a fraction of each channel's standard deviation
 * @param dropMin smallest share of points dropped per window
 * @param dropMax largest share of points dropped per window
 * @param trainWindows training windows per system
 * @param testWindows test windows per system
 * @param systems per catalogue family, how its data are made
 * @param config overrides of the forecasters' configuration, as JSON
 */
public record ForecastEvalSettings(
    double controlFrequency,
    int windowSteps,
    int observedSteps,
    int warmupSteps,
    double noiseFraction,
    double dropMin,
    double dropMax,
    int trainWindows,
    int testWindows,
    Map<String, SystemSettings> systems,
    JsonValue config) {

  private static final String RESOURCE = "/io/delos/actors/eval/forecast-eval.json";

  /**
   * How one system's data are made.
   *
   * @param family catalogue family
   * @param task the task whose start distribution is used (termination removed)
   * @param policy {@code coloured}, {@code hover} or {@code drive}
   * @param tau correlation time of the policy's noise, s
   * @param sigma spread of the policy's noise, in half action ranges
   * @param jointDamping viscous damping added to every joint, N·m·s/rad or N·s/m (0: none)
   * @param positions names of the x and y channels for displacement errors, or empty
   */
  public record SystemSettings(
      String family,
      String task,
      String policy,
      double tau,
      double sigma,
      double jointDamping,
      List<String> positions) {
    /** Validates the settings. */
    public SystemSettings {
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(task, "task");
      if (!List.of("coloured", "hover", "drive").contains(policy)) {
        throw new IllegalArgumentException(
            "system '" + family + "' policy '" + policy + "': allowed coloured, hover, drive");
      }
      if (!(tau > 0) || !(sigma >= 0) || !(jointDamping >= 0)) {
        throw new IllegalArgumentException(
            "system '"
                + family
                + "' tau "
                + tau
                + " s, sigma "
                + sigma
                + ", jointDamping "
                + jointDamping
                + ": need tau > 0, sigma >= 0, jointDamping >= 0");
      }
      positions = List.copyOf(positions);
      if (!positions.isEmpty() && positions.size() != 2) {
        throw new IllegalArgumentException(
            "system '" + family + "' positions " + positions + ": give none or two (x, y)");
      }
    }
  }

  /** Validates the settings. */
  public ForecastEvalSettings {
    if (!(controlFrequency > 0)) {
      throw new IllegalArgumentException(
          "controlFrequency = " + controlFrequency + " Hz: must be > 0");
    }
    if (observedSteps < 2 || observedSteps >= windowSteps) {
      throw new IllegalArgumentException(
          "observedSteps = "
              + observedSteps
              + ": allowed [2, windowSteps − 1 = "
              + (windowSteps - 1)
              + "]");
    }
    if (!(dropMin >= 0 && dropMin <= dropMax && dropMax < 1)) {
      throw new IllegalArgumentException(
          "drop range [" + dropMin + ", " + dropMax + "]: need 0 <= dropMin <= dropMax < 1");
    }
    if (trainWindows < 4 || testWindows < 1 || warmupSteps < 0 || !(noiseFraction >= 0)) {
      throw new IllegalArgumentException(
          "trainWindows "
              + trainWindows
              + ", testWindows "
              + testWindows
              + ", warmupSteps "
              + warmupSteps
              + ", noiseFraction "
              + noiseFraction
              + ": need >= 4, >= 1, >= 0, >= 0");
    }
    systems = Map.copyOf(systems);
  }

  /** The settings shipped with Delos. */
  public static ForecastEvalSettings defaults() {
    try (InputStream in = ForecastEvalSettings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses settings.
   *
   * @param text the JSON
   * @param source where it came from, for messages
   */
  public static ForecastEvalSettings parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    root.allowOnly(
        "format",
        "version",
        "notes",
        "controlFrequency",
        "windowSteps",
        "observedSteps",
        "warmupSteps",
        "noiseFraction",
        "dropMin",
        "dropMax",
        "trainWindows",
        "testWindows",
        "systems",
        "config");
    if (!root.get("format").asString().equals("delos-forecast-eval")
        || root.get("version").asInt() != 1) {
      throw root.error(
          "found format "
              + root.get("format")
              + " version "
              + root.get("version")
              + ": supported delos-forecast-eval version 1");
    }
    Map<String, SystemSettings> systems = new LinkedHashMap<>();
    JsonValue s = root.get("systems");
    for (String family : s.fields()) {
      JsonValue v = s.get(family);
      v.allowOnly("task", "policy", "tau", "sigma", "jointDamping", "positions");
      systems.put(
          family,
          new SystemSettings(
              family,
              v.get("task").asString(),
              v.get("policy").asString(),
              v.get("tau").asDouble(),
              v.get("sigma").asDouble(),
              v.optDouble("jointDamping", 0),
              v.has("positions") ? v.get("positions").asStrings() : List.of()));
    }
    return new ForecastEvalSettings(
        root.get("controlFrequency").asDouble(),
        root.get("windowSteps").asInt(),
        root.get("observedSteps").asInt(),
        root.get("warmupSteps").asInt(),
        root.get("noiseFraction").asDouble(),
        root.get("dropMin").asDouble(),
        root.get("dropMax").asDouble(),
        root.get("trainWindows").asInt(),
        root.get("testWindows").asInt(),
        systems,
        root.has("config") ? root.get("config") : Json.parse("{}", source + " (config)"));
  }

  /** The settings of {@code family}, or an error naming the configured ones. */
  public SystemSettings system(String family) {
    SystemSettings s = systems.get(family);
    if (s == null) {
      throw new IllegalArgumentException(
          "no forecasting settings for '" + family + "'; configured: " + systems.keySet());
    }
    return s;
  }
}
