package io.delos.robots.format;

import io.delos.sim.json.Json;
import io.delos.sim.json.JsonValue;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.GroundSpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.JointType;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.TireSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Delos morphology file format ({@code "format": "delos-morphology"}, version 1): reading with
 * errors that name the field and the line, and writing, so that a morphology survives a round trip
 * unchanged. The format is documented in {@code robots/README.md}.
 */
public final class MorphologyFormat {
  /** The format name every file carries. */
  public static final String FORMAT = "delos-morphology";

  /** The only version this reader understands. */
  public static final int VERSION = 1;

  private MorphologyFormat() {}

  /**
   * Reads a morphology.
   *
   * @param text the file's contents
   * @param source the file name, for messages
   * @throws io.delos.sim.json.JsonException naming the file, line and field of the first problem
   */
  public static Morphology parse(String text, String source) {
    JsonValue root = Json.parse(text, source);
    root.allowOnly(
        "format", "version", "name", "world", "bodies", "joints", "actuators", "sensors", "notes");
    String format = root.get("format").asString();
    if (!format.equals(FORMAT)) {
      throw root.get("format").error("is \"" + format + "\": expected \"" + FORMAT + "\"");
    }
    int version = root.get("version").asInt();
    if (version != VERSION) {
      throw root.get("version")
          .error("version " + version + " is not supported; this Delos reads version " + VERSION);
    }
    String name = root.get("name").asString();
    WorldSpec world = at(root.get("world"), () -> world(root.get("world")));
    List<BodySpec> bodies = new ArrayList<>();
    for (JsonValue b : root.get("bodies").asArray()) {
      bodies.add(at(b, () -> body(b)));
    }
    List<JointSpec> joints = new ArrayList<>();
    JsonValue js = root.opt("joints");
    if (js != null) {
      for (JsonValue j : js.asArray()) {
        joints.add(at(j, () -> joint(j)));
      }
    }
    List<ActuatorSpec> actuators = new ArrayList<>();
    JsonValue as = root.opt("actuators");
    if (as != null) {
      for (JsonValue a : as.asArray()) {
        actuators.add(at(a, () -> actuator(a)));
      }
    }
    List<SensorSpec> sensors = new ArrayList<>();
    JsonValue ss = root.opt("sensors");
    if (ss != null) {
      for (JsonValue s : ss.asArray()) {
        sensors.add(at(s, () -> sensor(s)));
      }
    }
    return at(root, () -> new Morphology(name, world, bodies, joints, actuators, sensors));
  }

  /** Runs a constructor and re-throws its validation error with this value's line and path. */
  private static <T> T at(JsonValue where, Supplier<T> build) {
    try {
      return build.get();
    } catch (io.delos.sim.json.JsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw where.error(e.getMessage());
    }
  }

  private static Point point(JsonValue v) {
    double[] xy = v.asDoubles(2);
    return at(v, () -> new Point(xy[0], xy[1]));
  }

  private static Point optPoint(JsonValue parent, String field) {
    JsonValue v = parent.opt(field);
    return v == null ? Point.ORIGIN : point(v);
  }

  private static WorldSpec world(JsonValue w) {
    w.allowOnly("gravity", "ground");
    Point gravity = point(w.get("gravity"));
    JsonValue g = w.opt("ground");
    GroundSpec ground = null;
    if (g != null) {
      g.allowOnly("profile", "flat", "friction");
      double friction = g.optDouble("friction", 0.9);
      if (g.has("flat")) {
        JsonValue f = g.get("flat");
        f.allowOnly("y", "halfWidth");
        ground = GroundSpec.flat(f.optDouble("y", 0), f.optDouble("halfWidth", 100), friction);
      } else {
        List<Point> profile = new ArrayList<>();
        for (JsonValue p : g.get("profile").asArray()) {
          profile.add(point(p));
        }
        ground = at(g, () -> new GroundSpec(profile, friction));
      }
    }
    return new WorldSpec(gravity, ground);
  }

  private static BodySpec body(JsonValue b) {
    b.allowOnly(
        "name",
        "pose",
        "mass",
        "friction",
        "restitution",
        "linearDamping",
        "angularDamping",
        "tire",
        "shapes");
    double[] pose = b.get("pose").asDoubles(3);
    List<ShapeSpec> shapes = new ArrayList<>();
    for (JsonValue s : b.get("shapes").asArray()) {
      shapes.add(at(s, () -> shape(s)));
    }
    TireSpec tire = null;
    JsonValue t = b.opt("tire");
    if (t != null) {
      t.allowOnly("lateralGrip", "rollingDrag");
      tire =
          at(t, () -> new TireSpec(t.get("lateralGrip").asDouble(), t.optDouble("rollingDrag", 0)));
    }
    return new BodySpec(
        b.get("name").asString(),
        at(b.get("pose"), () -> new Pose(pose[0], pose[1], pose[2])),
        shapes,
        b.get("mass").asDouble(),
        b.optDouble("friction", 0.8),
        b.optDouble("restitution", 0),
        b.optDouble("linearDamping", 0),
        b.optDouble("angularDamping", 0),
        tire);
  }

  private static ShapeSpec shape(JsonValue s) {
    if (s.fields().size() != 1) {
      throw s.error("a shape is an object with one field: box, circle, capsule or polygon");
    }
    String kind = s.fields().iterator().next();
    JsonValue v = s.get(kind);
    switch (kind) {
      case "box" -> {
        v.allowOnly("halfWidth", "halfHeight", "center", "angle");
        return new ShapeSpec.Box(
            v.get("halfWidth").asDouble(),
            v.get("halfHeight").asDouble(),
            optPoint(v, "center"),
            v.optDouble("angle", 0));
      }
      case "circle" -> {
        v.allowOnly("radius", "center");
        return new ShapeSpec.Circle(v.get("radius").asDouble(), optPoint(v, "center"));
      }
      case "capsule" -> {
        v.allowOnly("from", "to", "radius");
        return new ShapeSpec.Capsule(
            point(v.get("from")), point(v.get("to")), v.get("radius").asDouble());
      }
      case "polygon" -> {
        v.allowOnly("vertices");
        List<Point> vs = new ArrayList<>();
        for (JsonValue p : v.get("vertices").asArray()) {
          vs.add(point(p));
        }
        return new ShapeSpec.Polygon(vs);
      }
      default ->
          throw s.error("unknown shape \"" + kind + "\"; allowed: box, circle, capsule, polygon");
    }
  }

  private static JointSpec joint(JsonValue j) {
    j.allowOnly("name", "type", "parent", "child", "anchor", "axisAngle", "limits", "damping");
    String type = j.get("type").asString();
    JointType jt =
        switch (type) {
          case "revolute" -> JointType.REVOLUTE;
          case "prismatic" -> JointType.PRISMATIC;
          default -> throw j.get("type").error("is \"" + type + "\"; allowed: revolute, prismatic");
        };
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    JsonValue limits = j.opt("limits");
    if (limits != null) {
      double[] lu = limits.asDoubles(2);
      lower = lu[0];
      upper = lu[1];
    }
    return new JointSpec(
        j.get("name").asString(),
        jt,
        j.get("parent").asString(),
        j.get("child").asString(),
        point(j.get("anchor")),
        j.optDouble("axisAngle", 0),
        lower,
        upper,
        j.optDouble("damping", 0));
  }

  private static ActuatorSpec actuator(JsonValue a) {
    String type = a.get("type").asString();
    double[] range = a.get("range").asDoubles(2);
    switch (type) {
      case "motor" -> {
        a.allowOnly(
            "name", "type", "joint", "mode", "range", "gear", "maxEffort", "maxSpeed", "kp", "kd");
        String mode = a.optString("mode", "torque");
        MotorMode mm =
            switch (mode) {
              case "torque" -> MotorMode.TORQUE;
              case "servo" -> MotorMode.SERVO;
              default -> throw a.get("mode").error("is \"" + mode + "\"; allowed: torque, servo");
            };
        return new ActuatorSpec.JointMotor(
            a.get("name").asString(),
            a.get("joint").asString(),
            mm,
            range[0],
            range[1],
            a.optDouble("gear", 1),
            a.get("maxEffort").asDouble(),
            a.has("maxSpeed") ? a.get("maxSpeed").asDouble() : Double.POSITIVE_INFINITY,
            a.optDouble("kp", 0),
            a.optDouble("kd", 0));
      }
      case "thruster" -> {
        a.allowOnly("name", "type", "body", "point", "directionAngle", "range", "gear");
        return new ActuatorSpec.Thruster(
            a.get("name").asString(),
            a.get("body").asString(),
            optPoint(a, "point"),
            a.optDouble("directionAngle", Math.PI / 2),
            range[0],
            range[1],
            a.get("gear").asDouble());
      }
      default -> throw a.get("type").error("is \"" + type + "\"; allowed: motor, thruster");
    }
  }

  private static AngleEncoding encoding(JsonValue s) {
    String e = s.optString("encoding", "raw");
    return switch (e) {
      case "raw" -> AngleEncoding.RAW;
      case "sincos" -> AngleEncoding.SIN_COS;
      default -> throw s.get("encoding").error("is \"" + e + "\"; allowed: raw, sincos");
    };
  }

  private static SensorSpec sensor(JsonValue s) {
    String type = s.get("type").asString();
    String name = s.get("name").asString();
    switch (type) {
      case "jointPosition" -> {
        s.allowOnly("name", "type", "joint", "encoding");
        return new SensorSpec.JointPosition(name, s.get("joint").asString(), encoding(s));
      }
      case "jointVelocity" -> {
        s.allowOnly("name", "type", "joint");
        return new SensorSpec.JointVelocity(name, s.get("joint").asString());
      }
      case "bodyPose" -> {
        s.allowOnly("name", "type", "body", "position", "encoding");
        return new SensorSpec.BodyPose(
            name, s.get("body").asString(), s.optBoolean("position", true), encoding(s));
      }
      case "bodyVelocity" -> {
        s.allowOnly("name", "type", "body", "frame");
        String frame = s.optString("frame", "world");
        if (!frame.equals("world") && !frame.equals("body")) {
          throw s.get("frame").error("is \"" + frame + "\"; allowed: world, body");
        }
        return new SensorSpec.BodyVelocity(name, s.get("body").asString(), frame.equals("body"));
      }
      case "imu" -> {
        s.allowOnly("name", "type", "body", "point");
        return new SensorSpec.Imu(name, s.get("body").asString(), optPoint(s, "point"));
      }
      case "contact" -> {
        s.allowOnly("name", "type", "body");
        return new SensorSpec.Contact(name, s.get("body").asString());
      }
      case "range" -> {
        s.allowOnly("name", "type", "body", "point", "angle", "maxRange");
        return new SensorSpec.Range(
            name,
            s.get("body").asString(),
            optPoint(s, "point"),
            s.get("angle").asDouble(),
            s.get("maxRange").asDouble());
      }
      case "actuatorEffort" -> {
        s.allowOnly("name", "type", "actuator");
        return new SensorSpec.ActuatorEffort(name, s.get("actuator").asString());
      }
      default ->
          throw s.get("type")
              .error(
                  "is \""
                      + type
                      + "\"; allowed: jointPosition, jointVelocity, bodyPose, "
                      + "bodyVelocity, imu, contact, range, actuatorEffort");
    }
  }

  // ---- Writing ---------------------------------------------------------------------------

  /** Writes {@code m} in this format. {@link #parse} of the result gives an equal morphology. */
  public static String write(Morphology m) {
    return write(m, null);
  }

  /**
   * Writes {@code m} in this format with a {@code "notes"} field (omitted when {@code notes} is
   * {@code null}). Notes are for people; {@link #parse} ignores them.
   */
  public static String write(Morphology m, String notes) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", (double) VERSION);
    root.put("name", m.name());
    if (notes != null) {
      root.put("notes", notes);
    }
    Map<String, Object> world = new LinkedHashMap<>();
    world.put("gravity", xy(m.world().gravity()));
    if (m.world().ground() != null) {
      Map<String, Object> ground = new LinkedHashMap<>();
      ground.put(
          "profile", m.world().ground().profile().stream().map(MorphologyFormat::xy).toList());
      ground.put("friction", m.world().ground().friction());
      world.put("ground", ground);
    }
    root.put("world", world);
    root.put("bodies", m.bodies().stream().map(MorphologyFormat::body).toList());
    root.put("joints", m.joints().stream().map(MorphologyFormat::joint).toList());
    root.put("actuators", m.actuators().stream().map(MorphologyFormat::actuator).toList());
    root.put("sensors", m.sensors().stream().map(MorphologyFormat::sensor).toList());
    return Json.write(root);
  }

  private static List<Object> xy(Point p) {
    return List.of(p.x(), p.y());
  }

  private static Map<String, Object> body(BodySpec b) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", b.name());
    o.put("pose", List.of(b.pose().x(), b.pose().y(), b.pose().angle()));
    o.put("mass", b.mass());
    o.put("friction", b.friction());
    o.put("restitution", b.restitution());
    o.put("linearDamping", b.linearDamping());
    o.put("angularDamping", b.angularDamping());
    if (b.tire() != null) {
      Map<String, Object> tire = new LinkedHashMap<>();
      tire.put("lateralGrip", b.tire().lateralGrip());
      tire.put("rollingDrag", b.tire().rollingDrag());
      o.put("tire", tire);
    }
    List<Object> shapes = new ArrayList<>();
    for (ShapeSpec s : b.shapes()) {
      Map<String, Object> v = new LinkedHashMap<>();
      String kind;
      if (s instanceof ShapeSpec.Box x) {
        kind = "box";
        v.put("halfWidth", x.halfWidth());
        v.put("halfHeight", x.halfHeight());
        v.put("center", xy(x.center()));
        v.put("angle", x.angle());
      } else if (s instanceof ShapeSpec.Circle x) {
        kind = "circle";
        v.put("radius", x.radius());
        v.put("center", xy(x.center()));
      } else if (s instanceof ShapeSpec.Capsule x) {
        kind = "capsule";
        v.put("from", xy(x.from()));
        v.put("to", xy(x.to()));
        v.put("radius", x.radius());
      } else {
        ShapeSpec.Polygon x = (ShapeSpec.Polygon) s;
        kind = "polygon";
        v.put("vertices", x.vertices().stream().map(MorphologyFormat::xy).toList());
      }
      shapes.add(Map.of(kind, v));
    }
    o.put("shapes", shapes);
    return o;
  }

  private static Map<String, Object> joint(JointSpec j) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", j.name());
    o.put("type", j.type() == JointType.REVOLUTE ? "revolute" : "prismatic");
    o.put("parent", j.parent());
    o.put("child", j.child());
    o.put("anchor", xy(j.anchor()));
    o.put("axisAngle", j.axisAngle());
    if (j.limited()) {
      o.put("limits", List.of(j.lower(), j.upper()));
    }
    o.put("damping", j.damping());
    return o;
  }

  private static Map<String, Object> actuator(ActuatorSpec a) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", a.name());
    if (a instanceof ActuatorSpec.JointMotor m) {
      o.put("type", "motor");
      o.put("joint", m.joint());
      o.put("mode", m.mode() == MotorMode.TORQUE ? "torque" : "servo");
      o.put("range", List.of(m.low(), m.high()));
      o.put("gear", m.gear());
      o.put("maxEffort", m.maxEffort());
      if (Double.isFinite(m.maxSpeed())) {
        o.put("maxSpeed", m.maxSpeed());
      }
      o.put("kp", m.kp());
      o.put("kd", m.kd());
    } else {
      ActuatorSpec.Thruster t = (ActuatorSpec.Thruster) a;
      o.put("type", "thruster");
      o.put("body", t.body());
      o.put("point", xy(t.point()));
      o.put("directionAngle", t.directionAngle());
      o.put("range", List.of(t.low(), t.high()));
      o.put("gear", t.gear());
    }
    return o;
  }

  private static Map<String, Object> sensor(SensorSpec s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", s.name());
    if (s instanceof SensorSpec.JointPosition x) {
      o.put("type", "jointPosition");
      o.put("joint", x.joint());
      o.put("encoding", x.encoding() == AngleEncoding.SIN_COS ? "sincos" : "raw");
    } else if (s instanceof SensorSpec.JointVelocity x) {
      o.put("type", "jointVelocity");
      o.put("joint", x.joint());
    } else if (s instanceof SensorSpec.BodyPose x) {
      o.put("type", "bodyPose");
      o.put("body", x.body());
      o.put("position", x.includePosition());
      o.put("encoding", x.encoding() == AngleEncoding.SIN_COS ? "sincos" : "raw");
    } else if (s instanceof SensorSpec.BodyVelocity x) {
      o.put("type", "bodyVelocity");
      o.put("body", x.body());
      o.put("frame", x.bodyFrame() ? "body" : "world");
    } else if (s instanceof SensorSpec.Imu x) {
      o.put("type", "imu");
      o.put("body", x.body());
      o.put("point", xy(x.point()));
    } else if (s instanceof SensorSpec.Contact x) {
      o.put("type", "contact");
      o.put("body", x.body());
    } else if (s instanceof SensorSpec.Range x) {
      o.put("type", "range");
      o.put("body", x.body());
      o.put("point", xy(x.point()));
      o.put("angle", x.angle());
      o.put("maxRange", x.maxRange());
    } else if (s instanceof SensorSpec.ActuatorEffort x) {
      o.put("type", "actuatorEffort");
      o.put("actuator", x.actuator());
    }
    return o;
  }
}
