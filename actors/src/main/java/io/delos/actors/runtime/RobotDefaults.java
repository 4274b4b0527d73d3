package io.delos.actors.runtime;

import com.typesafe.config.Config;
import io.delos.actors.robot.Pacing;
import io.delos.actors.robot.RobotSettings;
import java.util.Locale;

/** Reads {@link RobotSettings} defaults from {@code delos.robots}. */
public final class RobotDefaults {
  private RobotDefaults() {}

  /** The robot settings the configuration gives. */
  public static RobotSettings from(Config config) {
    Config c = config.getConfig("delos.robots");
    String pacing = c.getString("pacing");
    Pacing p;
    try {
      p = Pacing.valueOf(pacing.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "delos.robots.pacing = '" + pacing + "': allowed real-time, lock-step, free-run");
    }
    return new RobotSettings(
        p,
        c.getInt("chunk-size"),
        c.getInt("max-chunks-in-flight"),
        c.getDuration("action-timeout"),
        c.getLong("seed"),
        0);
  }
}
