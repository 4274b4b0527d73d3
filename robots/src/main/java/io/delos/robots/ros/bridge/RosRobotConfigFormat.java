package io.delos.robots.ros.bridge;

import io.delos.sim.Channel;
import io.delos.sim.json.Json;
import io.delos.sim.json.JsonException;
import io.delos.sim.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code delos-ros-robot} file format (version 1) of a {@link RosRobotConfig}:
 *
 * <pre>{@code
 * {
 *   "format": "delos-ros-robot", "version": 1, "name": "turtlebot",
 *   "controlPeriod": 0.1, "stateTimeout": 0.1, "resetTimeout": 10, "resetService": "/reset",
 *   "state": {"topic": "/odom", "type": "nav_msgs/Odometry", "channels": [
 *     {"name": "x", "unit": "m", "source": "pose.position.x"},
 *     {"name": "heading.sin", "unit": "1", "source": "pose.orientation.yaw", "transform": "sin"}]},
 *   "command": {"topic": "/cmd_vel", "type": "geometry_msgs/Twist", "channels": [
 *     {"name": "v", "unit": "m/s", "low": -0.5, "high": 0.5, "target": "linear.x"}]}
 * }
 * }</pre>
 *
 * <p>{@code stateTimeout} defaults to the control period, {@code resetTimeout} to 10 s, {@code
 * resetService} to none, {@code transform} to {@code value}; a channel without {@code low} or
 * {@code high} is unbounded on that side.
 */
public final class RosRobotConfigFormat {
  /** The format name. */
  public static final String FORMAT = "delos-ros-robot";

  /** The only version. */
  public static final int VERSION = 1;

  private RosRobotConfigFormat() {}

  /**
   * Parses a file's text.
   *
   * @param source the file name, for messages
   * @throws JsonException naming the line and field of the first problem
   */
  public static RosRobotConfig parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    root.allowOnly(
        "format",
        "version",
        "name",
        "notes",
        "controlPeriod",
        "stateTimeout",
        "resetTimeout",
        "resetService",
        "state",
        "command");
    if (!root.get("format").asString().equals(FORMAT)) {
      throw root.get("format").error("expected \"" + FORMAT + "\"");
    }
    if (root.get("version").asInt() != VERSION) {
      throw root.get("version")
          .error("version " + root.get("version").asInt() + " is not supported; supported: 1");
    }
    double period = root.get("controlPeriod").asDouble();
    JsonValue state = root.get("state");
    state.allowOnly("topic", "type", "channels");
    List<StateField> observations = new ArrayList<>();
    for (JsonValue c : state.get("channels").asArray()) {
      c.allowOnly("name", "unit", "low", "high", "source", "transform");
      String transform = c.optString("transform", "value");
      StateTransform t;
      try {
        t = StateTransform.valueOf(transform.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw c.get("transform").error("\"" + transform + "\": use value, sin or cos");
      }
      observations.add(new StateField(channel(c), c.get("source").asString(), t));
    }
    JsonValue command = root.get("command");
    command.allowOnly("topic", "type", "channels");
    List<CommandField> actions = new ArrayList<>();
    for (JsonValue c : command.get("channels").asArray()) {
      c.allowOnly("name", "unit", "low", "high", "target");
      actions.add(new CommandField(channel(c), c.get("target").asString()));
    }
    try {
      return new RosRobotConfig(
          root.get("name").asString(),
          state.get("topic").asString(),
          state.get("type").asString(),
          observations,
          command.get("topic").asString(),
          command.get("type").asString(),
          actions,
          period,
          root.optDouble("stateTimeout", period),
          root.optDouble("resetTimeout", 10),
          root.optString("resetService", null));
    } catch (IllegalArgumentException e) {
      if (e instanceof JsonException) {
        throw e;
      }
      throw new JsonException(source + ": " + e.getMessage());
    }
  }

  private static Channel channel(JsonValue c) {
    try {
      return new Channel(
          c.get("name").asString(),
          c.optString("unit", "1"),
          c.optDouble("low", Double.NEGATIVE_INFINITY),
          c.optDouble("high", Double.POSITIVE_INFINITY));
    } catch (IllegalArgumentException e) {
      if (e instanceof JsonException) {
        throw e;
      }
      throw c.error(e.getMessage());
    }
  }

  /**
   * Reads a file.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws JsonException when it is not a valid configuration
   */
  public static RosRobotConfig read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The configuration as a {@code delos-ros-robot} document. */
  public static String write(RosRobotConfig config) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("name", config.name());
    root.put("controlPeriod", config.controlPeriod());
    root.put("stateTimeout", config.stateTimeout());
    root.put("resetTimeout", config.resetTimeout());
    if (config.resetService() != null) {
      root.put("resetService", config.resetService());
    }
    List<Object> obs = new ArrayList<>();
    for (StateField f : config.observations()) {
      Map<String, Object> c = channelJson(f.channel());
      c.put("source", f.source());
      if (f.transform() != StateTransform.VALUE) {
        c.put("transform", f.transform().name().toLowerCase(Locale.ROOT));
      }
      obs.add(c);
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("topic", config.stateTopic());
    state.put("type", config.stateType());
    state.put("channels", obs);
    root.put("state", state);
    List<Object> acts = new ArrayList<>();
    for (CommandField f : config.actions()) {
      Map<String, Object> c = channelJson(f.channel());
      c.put("target", f.target());
      acts.add(c);
    }
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("topic", config.commandTopic());
    command.put("type", config.commandType());
    command.put("channels", acts);
    root.put("command", command);
    return Json.write(root);
  }

  private static Map<String, Object> channelJson(Channel ch) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", ch.name());
    c.put("unit", ch.unit());
    if (Double.isFinite(ch.low())) {
      c.put("low", ch.low());
    }
    if (Double.isFinite(ch.high())) {
      c.put("high", ch.high());
    }
    return c;
  }
}
