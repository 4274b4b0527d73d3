package io.delos.controllers.lqr;

import io.delos.sim.Dynamics;
import io.delos.sim.Space;
import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import io.delos.sim.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * LQR weights for one robot and task, read from a {@code delos-lqr} file.
 *
 * @param robot robot family
 * @param task task name
 * @param q state weight per observation channel (unlisted channels weigh 0)
 * @param r action weights, one per action channel
 * @param epsilon finite-difference step for the linearisation
 */
public record LqrSettings(
    String robot, String task, Map<String, Double> q, double[] r, double epsilon) {
  /** Copies the map. */
  public LqrSettings {
    q = Map.copyOf(q);
    r = r.clone();
  }

  @Override
  public double[] r() {
    return r.clone();
  }

  /** Reads the built-in settings for {@code robot}/{@code task}. */
  public static LqrSettings builtIn(String robot, String task) {
    String path = "/io/delos/controllers/lqr/" + robot + "-" + task + ".json";
    try (InputStream in = LqrSettings.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in LQR settings for robot '" + robot + "' task '" + task + "'");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a {@code delos-lqr} file. */
  public static LqrSettings parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    root.allowOnly("format", "version", "robot", "task", "notes", "q", "r", "epsilon");
    if (!root.get("format").asString().equals("delos-lqr")) {
      throw root.get("format").error("expected \"delos-lqr\"");
    }
    if (root.get("version").asInt() != 1) {
      throw root.get("version").error("only version 1 is supported");
    }
    Map<String, Double> q = new java.util.LinkedHashMap<>();
    JsonValue qv = root.get("q");
    for (String ch : qv.fields()) {
      q.put(ch, qv.get(ch).asDouble());
    }
    return new LqrSettings(
        root.get("robot").asString(),
        root.get("task").asString(),
        q,
        root.get("r").asDoubles(-1),
        root.optDouble("epsilon", 1e-3));
  }

  /**
   * Linearises {@code dynamics} at the task's operating point and designs the regulator.
   *
   * @param dynamics the model to linearise (the simulator oracle or a learned model)
   * @param task gives the operating point
   * @param observations the observation space, to resolve channel names
   * @param actions the action space, for clipping
   */
  public Lqr design(Dynamics dynamics, TaskSpec task, Space observations, Space actions) {
    double[] x0 = new double[observations.size()];
    task.operatingPoint()
        .forEach(
            (ch, v) -> {
              int i = observations.indexOf(ch);
              if (i < 0) {
                throw new IllegalArgumentException(
                    "operating point names channel '" + ch + "', not in " + observations.names());
              }
              x0[i] = v;
            });
    double[] qd = new double[observations.size()];
    q.forEach(
        (ch, v) -> {
          int i = observations.indexOf(ch);
          if (i < 0) {
            throw new IllegalArgumentException(
                "LQR weight names channel '" + ch + "', not in " + observations.names());
          }
          qd[i] = v;
        });
    double[] u0 = new double[actions.size()];
    Linearization lin = Linearization.around(dynamics, x0, u0, epsilon);
    return Lqr.design(lin, qd, r, x0, u0, actions);
  }
}
