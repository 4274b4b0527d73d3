package io.delos.robots.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which exploration policy to run and with which parameters; recorded in a dataset's manifest.
 *
 * <p>Kinds: {@code zero} (every action at 0, clipped into range), {@code uniform} (independent
 * uniform actions each step), {@code coloured} (an Ornstein-Uhlenbeck process per action channel:
 * {@code tau} correlation time in s, {@code sigma} stationary spread as a fraction of the half
 * range) and {@code pd} (random joint targets held for {@code hold} s, tracked by a PD law with
 * {@code kp} per rad or m and {@code kd} per rad/s or m/s of normalised action; thrusters get
 * uniform actions held as long).
 *
 * @param kind one of {@link #KINDS}
 * @param parameters the kind's parameters; missing ones take defaults
 */
public record PolicySpec(String kind, Map<String, Double> parameters) {
  /** The known kinds. */
  public static final List<String> KINDS = List.of("zero", "uniform", "coloured", "pd");

  /** Validates the kind and copies the parameters. */
  public PolicySpec {
    Objects.requireNonNull(kind, "kind");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("policy '" + kind + "' is unknown; known: " + KINDS);
    }
    parameters = Map.copyOf(parameters);
    for (Map.Entry<String, Double> e : parameters.entrySet()) {
      if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            "policy '" + kind + "' " + e.getKey() + " = " + e.getValue() + ": must be > 0");
      }
    }
  }

  /** The policy of {@code kind} with default parameters. */
  public static PolicySpec of(String kind) {
    return new PolicySpec(kind, Map.of());
  }

  /** Parameter {@code name}, or {@code fallback}. */
  public double parameter(String name, double fallback) {
    return parameters.getOrDefault(name, fallback);
  }

  /** Every parameter with defaults filled in, for the manifest. */
  public Map<String, Double> resolved() {
    Map<String, Double> out = new LinkedHashMap<>();
    switch (kind) {
      case "coloured" -> {
        out.put("tau", parameter("tau", 0.3));
        out.put("sigma", parameter("sigma", 0.6));
      }
      case "pd" -> {
        out.put("hold", parameter("hold", 0.5));
        out.put("kp", parameter("kp", 2.0));
        out.put("kd", parameter("kd", 0.2));
      }
      default -> {}
    }
    return out;
  }

  /**
   * A fresh policy instance.
   *
   * @param controlPeriod seconds between actions, for time constants
   */
  public RolloutPolicy create(double controlPeriod) {
    Map<String, Double> p = resolved();
    return switch (kind) {
      case "zero" -> new ZeroPolicy();
      case "uniform" -> new UniformPolicy();
      case "coloured" -> new ColouredNoisePolicy(p.get("tau"), p.get("sigma"), controlPeriod);
      case "pd" -> new PdTargetPolicy(p.get("hold"), p.get("kp"), p.get("kd"), controlPeriod);
      default -> throw new IllegalStateException("unreachable: " + kind);
    };
  }
}
