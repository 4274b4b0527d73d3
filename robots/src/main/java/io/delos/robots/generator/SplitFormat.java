package io.delos.robots.generator;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The split file ({@code "format": "delos-split"}, version 1): the seed, then one entry per system
 * with its id, family, topology tag, role ({@code training}, {@code zeroShot}, {@code fewShot}) and
 * sizes, and the three id lists for readers that want only those.
 */
public final class SplitFormat {
  /** The format name. */
  public static final String FORMAT = "delos-split";

  /** The only version this code reads. */
  public static final int VERSION = 1;

  private SplitFormat() {}

  /** Writes {@code split} as JSON. */
  public static String write(Split split) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", (double) VERSION);
    root.put("seed", (double) split.seed());
    root.put("training", split.ids(Split.Role.TRAINING));
    root.put("zeroShot", split.ids(Split.Role.ZERO_SHOT));
    root.put("fewShot", split.ids(Split.Role.FEW_SHOT));
    List<Object> systems = new ArrayList<>();
    for (Split.Entry e : split.entries()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", e.id());
      o.put("family", e.family());
      o.put("topology", e.topology());
      o.put("role", roleName(e.role()));
      o.put("observationSize", (double) e.observationSize());
      o.put("actionSize", (double) e.actionSize());
      systems.add(o);
    }
    root.put("systems", systems);
    return Json.write(root);
  }

  /**
   * Reads a split file.
   *
   * @throws io.delos.sim.json.JsonException naming the line and field of the first problem, or an
   *     unsupported version with the supported one
   */
  public static Split parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    root.allowOnly("format", "version", "seed", "training", "zeroShot", "fewShot", "systems");
    String format = root.get("format").asString();
    if (!format.equals(FORMAT)) {
      throw root.get("format").error("is \"" + format + "\": expected \"" + FORMAT + "\"");
    }
    int version = root.get("version").asInt();
    if (version != VERSION) {
      throw root.get("version")
          .error("version " + version + " is not supported; this Delos reads version " + VERSION);
    }
    List<Split.Entry> entries = new ArrayList<>();
    for (JsonValue s : root.get("systems").asArray()) {
      s.allowOnly("id", "family", "topology", "role", "observationSize", "actionSize");
      String role = s.get("role").asString();
      Split.Role r =
          switch (role) {
            case "training" -> Split.Role.TRAINING;
            case "zeroShot" -> Split.Role.ZERO_SHOT;
            case "fewShot" -> Split.Role.FEW_SHOT;
            default ->
                throw s.get("role")
                    .error("is \"" + role + "\"; allowed: training, zeroShot, fewShot");
          };
      entries.add(
          new Split.Entry(
              s.get("id").asString(),
              s.get("family").asString(),
              s.get("topology").asString(),
              r,
              s.get("observationSize").asInt(),
              s.get("actionSize").asInt()));
    }
    Split split = new Split(root.get("seed").asLong(), entries);
    for (Split.Role r : Split.Role.values()) {
      String field = roleName(r);
      if (!root.get(field).asStrings().equals(split.ids(r))) {
        throw root.get(field).error("disagrees with the roles in \"systems\"");
      }
    }
    return split;
  }

  private static String roleName(Split.Role r) {
    return switch (r) {
      case TRAINING -> "training";
      case ZERO_SHOT -> "zeroShot";
      case FEW_SHOT -> "fewShot";
    };
  }
}
