package io.delos.sim.task;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads task files ({@code "format": "delos-task"}, version 1). The format is documented in {@code
 * robots/README.md}; errors name the file, line and field.
 */
public final class TaskFormat {
  /** The only version this reader understands. */
  public static final int VERSION = 1;

  private TaskFormat() {}

  /** Parses a task file's text; {@code source} names it in messages. */
  public static TaskSpec parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    root.allowOnly(
        "format",
        "version",
        "name",
        "robot",
        "maxSteps",
        "start",
        "reward",
        "stayWithin",
        "success",
        "cost",
        "terminalCost",
        "operatingPoint",
        "notes");
    String format = root.get("format").asString();
    if (!format.equals("delos-task")) {
      throw root.get("format").error("is \"" + format + "\": expected \"delos-task\"");
    }
    int version = root.get("version").asInt();
    if (version != VERSION) {
      throw root.get("version")
          .error("version " + version + " is not supported; this Delos reads version " + VERSION);
    }
    List<TaskSpec.JointStart> joints = new ArrayList<>();
    List<TaskSpec.RootStart> roots = new ArrayList<>();
    JsonValue start = root.opt("start");
    if (start != null) {
      start.allowOnly("joints", "roots");
      JsonValue js = start.opt("joints");
      if (js != null) {
        for (String joint : js.fields()) {
          JsonValue j = js.get(joint);
          j.allowOnly("position", "velocity");
          joints.add(
              new TaskSpec.JointStart(joint, range(j.opt("position")), range(j.opt("velocity"))));
        }
      }
      JsonValue rs = start.opt("roots");
      if (rs != null) {
        for (String body : rs.fields()) {
          JsonValue r = rs.get(body);
          r.allowOnly("x", "y", "angle", "vx", "vy", "omega");
          roots.add(
              new TaskSpec.RootStart(
                  body,
                  range(r.opt("x")),
                  range(r.opt("y")),
                  range(r.opt("angle")),
                  range(r.opt("vx")),
                  range(r.opt("vy")),
                  range(r.opt("omega"))));
        }
      }
    }
    JsonValue success = root.get("success");
    success.allowOnly("window", "conditions", "mode");
    String modeName = success.optString("mode", "hold");
    TaskSpec.Success.Mode mode =
        switch (modeName) {
          case "hold" -> TaskSpec.Success.Mode.HOLD;
          case "reach" -> TaskSpec.Success.Mode.REACH;
          default ->
              throw success.get("mode").error("is \"" + modeName + "\"; allowed: hold, reach");
        };
    Map<String, Double> op = new LinkedHashMap<>();
    JsonValue opv = root.opt("operatingPoint");
    if (opv != null) {
      for (String ch : opv.fields()) {
        op.put(ch, opv.get(ch).asDouble());
      }
    }
    int maxSteps = root.get("maxSteps").asInt();
    if (maxSteps < 1) {
      throw root.get("maxSteps").error("is " + maxSteps + ": must be >= 1");
    }
    int window = success.get("window").asInt();
    if (window < 1 || window > maxSteps) {
      throw success.get("window").error("is " + window + ": allowed 1 to maxSteps " + maxSteps);
    }
    return new TaskSpec(
        root.get("name").asString(),
        root.get("robot").asString(),
        maxSteps,
        joints,
        roots,
        terms(root.get("reward")),
        conditions(root.opt("stayWithin")),
        new TaskSpec.Success(window, conditions(success.opt("conditions")), mode),
        terms(root.opt("cost")),
        terms(root.opt("terminalCost")),
        op);
  }

  private static TaskSpec.Range range(JsonValue v) {
    if (v == null) {
      return TaskSpec.Range.ZERO;
    }
    if (v.isNumber()) {
      return new TaskSpec.Range(v.asDouble(), v.asDouble());
    }
    double[] lh = v.asDoubles(2);
    if (lh[0] > lh[1]) {
      throw v.error(
          "range [" + lh[0] + ", " + lh[1] + "]: the first number must not exceed the second");
    }
    return new TaskSpec.Range(lh[0], lh[1]);
  }

  /** Parses an array of terms. */
  public static List<Term> terms(JsonValue array) {
    List<Term> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (JsonValue item : array.asArray()) {
      if (item.fields().size() != 1) {
        throw item.error(
            "a term is an object with one field naming its kind: constant, squared, "
                + "angleSquared, linear, distance, actionSquared or indicator");
      }
      String kind = item.fields().iterator().next();
      JsonValue t = item.get(kind);
      out.add(
          switch (kind) {
            case "constant" -> new Term.Constant(t.asDouble());
            case "squared" -> {
              t.allowOnly("channel", "target", "weight");
              yield new Term.Squared(
                  t.get("channel").asString(),
                  t.optDouble("target", 0),
                  t.get("weight").asDouble());
            }
            case "angleSquared" -> {
              t.allowOnly("sin", "cos", "target", "weight");
              yield new Term.AngleSquared(
                  t.get("sin").asString(),
                  t.get("cos").asString(),
                  t.optDouble("target", 0),
                  t.get("weight").asDouble());
            }
            case "linear" -> {
              t.allowOnly("channel", "weight");
              yield new Term.Linear(t.get("channel").asString(), t.get("weight").asDouble());
            }
            case "distance" -> {
              t.allowOnly("channels", "target", "weight");
              double[] target = t.get("target").asDoubles(-1);
              List<Double> tl = new ArrayList<>();
              for (double d : target) {
                tl.add(d);
              }
              yield new Term.Distance(
                  t.get("channels").asStrings(), tl, t.get("weight").asDouble());
            }
            case "actionSquared" -> {
              t.allowOnly("weight");
              yield new Term.ActionSquared(t.get("weight").asDouble());
            }
            case "indicator" -> {
              t.allowOnly("condition", "weight");
              yield new Term.Indicator(condition(t.get("condition")), t.get("weight").asDouble());
            }
            default ->
                throw item.error(
                    "unknown term kind \""
                        + kind
                        + "\"; allowed: constant, squared, angleSquared, "
                        + "linear, distance, actionSquared, indicator");
          });
    }
    return out;
  }

  /** Parses an array of conditions. */
  public static List<Condition> conditions(JsonValue array) {
    List<Condition> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (JsonValue item : array.asArray()) {
      out.add(condition(item));
    }
    return out;
  }

  private static Condition condition(JsonValue item) {
    if (item.fields().size() != 1) {
      throw item.error(
          "a condition is an object with one field: inRange, angleInRange or withinDistance");
    }
    String kind = item.fields().iterator().next();
    JsonValue c = item.get(kind);
    switch (kind) {
      case "inRange" -> {
        c.allowOnly("channel", "min", "max");
        return new Condition.InRange(
            c.get("channel").asString(),
            c.optDouble("min", Double.NEGATIVE_INFINITY),
            c.optDouble("max", Double.POSITIVE_INFINITY));
      }
      case "angleInRange" -> {
        c.allowOnly("sin", "cos", "min", "max");
        return new Condition.AngleInRange(
            c.get("sin").asString(),
            c.get("cos").asString(),
            c.optDouble("min", -Math.PI),
            c.optDouble("max", Math.PI));
      }
      case "withinDistance" -> {
        c.allowOnly("channels", "target", "radius");
        double[] target = c.get("target").asDoubles(-1);
        List<Double> tl = new ArrayList<>();
        for (double d : target) {
          tl.add(d);
        }
        try {
          return new Condition.WithinDistance(
              c.get("channels").asStrings(), tl, c.get("radius").asDouble());
        } catch (IllegalArgumentException e) {
          throw c.error(e.getMessage());
        }
      }
      default ->
          throw item.error(
              "unknown condition \"" + kind + "\"; allowed: inRange, angleInRange, withinDistance");
    }
  }
}
