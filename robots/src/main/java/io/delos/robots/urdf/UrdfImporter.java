package io.delos.robots.urdf;

import io.delos.robots.generator.MorphologyBuilder;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.JointType;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Imports planar robots from URDF (the ROS robot description format).
 *
 * <p>The plane is URDF's x-z plane: URDF x becomes Delos x and URDF z becomes Delos y (up), so a
 * robot drawn side-on in ROS keeps its shape. Revolute and continuous joints must turn about ±y
 * (normal to the plane); prismatic joints must slide within the plane. Seen with x to the right and
 * z up, a turn about +y is clockwise, while Delos angles are counter-clockwise: a joint whose axis
 * is +y gets its angle and limits negated, one whose axis is −y keeps them. Origins may carry a
 * pitch (rotation about y) only.
 *
 * <p>Links: the mass comes from {@code <inertial><mass>}; the shapes from {@code <collision>} boxes
 * (x and z extents), spheres (discs), and cylinders whose axis lies in the plane (rectangles) or
 * along y (discs, as wheels). A link named {@code world} stands for the fixed world; otherwise the
 * root link floats freely. Fixed joints become hinges locked at zero. A joint with a positive
 * {@code <limit effort>} gets a torque (or force) motor with action in [−1, 1], gear and effort
 * limit equal to the effort and speed limit equal to {@code velocity}. {@code <dynamics damping>}
 * becomes joint damping.
 *
 * <p>Limitation: Delos spreads a link's mass uniformly over its shapes, so the URDF's inertial
 * origin and inertia tensor are ignored; meshes are refused; floating and planar joints are
 * refused.
 */
public final class UrdfImporter {
  /** Tolerance for "parallel to y" and "in the plane", as a fraction of the axis length. */
  private static final double AXIS_TOLERANCE = 1e-6;

  private UrdfImporter() {}

  /**
   * Imports a URDF document.
   *
   * @param xml the URDF text
   * @param source the file name, for messages
   * @param world gravity and ground of the Delos world (URDF does not describe them)
   * @throws UrdfException naming the link or joint, and the axis or value, that cannot be imported
   */
  public static Morphology read(String xml, String source, WorldSpec world) {
    Element robot = parse(xml, source).getDocumentElement();
    if (!robot.getTagName().equals("robot")) {
      throw new UrdfException(
          source + ": root element is <" + robot.getTagName() + ">, not <robot>");
    }
    String name = robot.getAttribute("name").isBlank() ? "urdf" : robot.getAttribute("name");
    Map<String, Element> links = new LinkedHashMap<>();
    for (Element l : children(robot, "link")) {
      links.put(l.getAttribute("name"), l);
    }
    List<Element> joints = children(robot, "joint");
    Map<String, Element> parentJoint = new HashMap<>();
    for (Element j : joints) {
      parentJoint.put(child(j, "child", source).getAttribute("link"), j);
    }
    // Link poses at zero joint angles, from the root down.
    Map<String, Pose> pose = new LinkedHashMap<>();
    for (String link : links.keySet()) {
      poseOf(link, links, parentJoint, pose, source);
    }
    MorphologyBuilder b = new MorphologyBuilder(name, world);
    for (Map.Entry<String, Element> e : links.entrySet()) {
      if (e.getKey().equals(JointSpec.WORLD)) {
        continue;
      }
      b.body(body(e.getKey(), e.getValue(), pose.get(e.getKey()), source));
    }
    for (Element j : joints) {
      String jn = j.getAttribute("name");
      String type = j.getAttribute("type");
      String parent = child(j, "parent", source).getAttribute("link");
      String childLink = child(j, "child", source).getAttribute("link");
      Pose at = pose.get(childLink);
      Point anchor = new Point(at.x(), at.y());
      double damping = 0;
      Element dyn = optChild(j, "dynamics");
      if (dyn != null && !dyn.getAttribute("damping").isBlank()) {
        damping = number(dyn, "damping", source, jn);
      }
      Element limit = optChild(j, "limit");
      double[] axis = vector(optChild(j, "axis"), "xyz", new double[] {1, 0, 0}, source, jn);
      double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
      switch (type) {
        case "revolute", "continuous" -> {
          if (norm == 0
              || Math.abs(axis[0]) > AXIS_TOLERANCE * norm
              || Math.abs(axis[2]) > AXIS_TOLERANCE * norm) {
            throw new UrdfException(
                source
                    + ": joint '"
                    + jn
                    + "' turns about axis ("
                    + fmt(axis)
                    + "), which is not normal to the x-z plane: a planar robot's hinges turn"
                    + " about (0 1 0) or (0 -1 0)");
          }
          double sign = axis[1] > 0 ? -1 : 1;
          double lower = Double.NEGATIVE_INFINITY;
          double upper = Double.POSITIVE_INFINITY;
          if (type.equals("revolute")) {
            if (limit == null) {
              throw new UrdfException(
                  source + ": revolute joint '" + jn + "' has no <limit>: URDF requires one");
            }
            double lo = number(limit, "lower", source, jn);
            double hi = number(limit, "upper", source, jn);
            lower = sign > 0 ? lo : -hi;
            upper = sign > 0 ? hi : -lo;
          }
          b.joint(
              new JointSpec(
                  jn, JointType.REVOLUTE, parent, childLink, anchor, 0, lower, upper, damping));
          motor(b, jn, limit, source);
        }
        case "prismatic" -> {
          if (norm == 0 || Math.abs(axis[1]) > AXIS_TOLERANCE * norm) {
            throw new UrdfException(
                source
                    + ": joint '"
                    + jn
                    + "' slides along axis ("
                    + fmt(axis)
                    + "), which leaves the x-z plane: a planar robot's sliders have axis y = 0");
          }
          if (limit == null) {
            throw new UrdfException(
                source + ": prismatic joint '" + jn + "' has no <limit>: URDF requires one");
          }
          // The axis is given in the joint frame, which is the child's frame at zero.
          double axisAngle = at.angle() + Math.atan2(axis[2], axis[0]);
          b.joint(
              new JointSpec(
                  jn,
                  JointType.PRISMATIC,
                  parent,
                  childLink,
                  anchor,
                  axisAngle,
                  number(limit, "lower", source, jn),
                  number(limit, "upper", source, jn),
                  damping));
          motor(b, jn, limit, source);
        }
        case "fixed" ->
            b.joint(new JointSpec(jn, JointType.REVOLUTE, parent, childLink, anchor, 0, 0, 0, 0));
        default ->
            throw new UrdfException(
                source
                    + ": joint '"
                    + jn
                    + "' is of type '"
                    + type
                    + "': a planar robot is described by revolute, continuous, prismatic and"
                    + " fixed joints only");
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UrdfException(source + ": " + e.getMessage());
    }
  }

  private static void motor(MorphologyBuilder b, String joint, Element limit, String source) {
    if (limit == null || limit.getAttribute("effort").isBlank()) {
      return;
    }
    double effort = number(limit, "effort", source, joint);
    if (effort <= 0) {
      return;
    }
    double velocity =
        limit.getAttribute("velocity").isBlank() ? 0 : number(limit, "velocity", source, joint);
    b.actuator(
        new ActuatorSpec.JointMotor(
            joint + "_motor",
            joint,
            MotorMode.TORQUE,
            -1,
            1,
            effort,
            effort,
            velocity > 0 ? velocity : Double.POSITIVE_INFINITY,
            0,
            0));
  }

  private static Pose poseOf(
      String link,
      Map<String, Element> links,
      Map<String, Element> parentJoint,
      Map<String, Pose> pose,
      String source) {
    Pose known = pose.get(link);
    if (known != null) {
      return known;
    }
    Element j = parentJoint.get(link);
    Pose p;
    if (j == null) {
      p = Pose.ORIGIN;
    } else {
      if (pose.size() > links.size()) {
        throw new UrdfException(source + ": joints form a cycle through link '" + link + "'");
      }
      String parent = child(j, "parent", source).getAttribute("link");
      if (!links.containsKey(parent)) {
        throw new UrdfException(
            source
                + ": joint '"
                + j.getAttribute("name")
                + "' names unknown parent '"
                + parent
                + "'");
      }
      Pose parentPose = poseOf(parent, links, parentJoint, pose, source);
      p =
          compose(
              parentPose,
              planarOrigin(
                  optChild(j, "origin"), source, "joint '" + j.getAttribute("name") + "'"));
    }
    pose.put(link, p);
    return p;
  }

  private static Pose compose(Pose a, Pose b) {
    Point q = a.apply(new Point(b.x(), b.y()));
    return new Pose(q.x(), q.y(), a.angle() + b.angle());
  }

  /** An {@code <origin>} as a Delos pose: (x, z) and minus the pitch; refuses roll and yaw. */
  private static Pose planarOrigin(Element origin, String source, String owner) {
    double[] xyz = vector(origin, "xyz", new double[3], source, owner);
    double[] rpy = vector(origin, "rpy", new double[3], source, owner);
    if (Math.abs(rpy[0]) > AXIS_TOLERANCE || Math.abs(rpy[2]) > AXIS_TOLERANCE) {
      throw new UrdfException(
          source
              + ": "
              + owner
              + " has origin rpy ("
              + fmt(rpy)
              + "): only a pitch (rotation about y) keeps the robot in the x-z plane");
    }
    return new Pose(xyz[0], xyz[2], -rpy[1]);
  }

  private static BodySpec body(String name, Element link, Pose pose, String source) {
    Element inertial = optChild(link, "inertial");
    Element massEl = inertial == null ? null : optChild(inertial, "mass");
    if (massEl == null) {
      throw new UrdfException(
          source + ": link '" + name + "' has no <inertial><mass>: Delos needs every link's mass");
    }
    double mass = number(massEl, "value", source, "link '" + name + "'");
    List<ShapeSpec> shapes = new ArrayList<>();
    for (Element c : children(link, "collision")) {
      try {
        shapes.add(shape(name, c, source));
      } catch (IllegalArgumentException e) {
        if (e instanceof UrdfException) {
          throw e;
        }
        throw new UrdfException(source + ": link '" + name + "': " + e.getMessage());
      }
    }
    if (shapes.isEmpty()) {
      throw new UrdfException(
          source
              + ": link '"
              + name
              + "' has no <collision> geometry: give a box, cylinder or sphere so Delos can"
              + " place its mass");
    }
    try {
      return new BodySpec(name, pose, shapes, mass, 0.8, 0, 0, 0, null);
    } catch (IllegalArgumentException e) {
      throw new UrdfException(source + ": link '" + name + "': " + e.getMessage());
    }
  }

  private static ShapeSpec shape(String link, Element collision, String source) {
    String owner = "link '" + link + "' collision";
    Element origin = optChild(collision, "origin");
    double[] xyz = vector(origin, "xyz", new double[3], source, owner);
    double[] rpy = vector(origin, "rpy", new double[3], source, owner);
    Point centre = new Point(xyz[0], xyz[2]);
    Element geometry = child(collision, "geometry", source);
    List<Element> kinds = elements(geometry);
    if (kinds.isEmpty()) {
      throw new UrdfException(source + ": " + owner + " has an empty <geometry>");
    }
    Element g = kinds.get(0);
    boolean wheel = Math.abs(Math.abs(rpy[0]) - Math.PI / 2) < 1e-3;
    if (g.getTagName().equals("cylinder") && wheel && Math.abs(rpy[2]) < AXIS_TOLERANCE) {
      return new ShapeSpec.Circle(number(g, "radius", source, owner), centre);
    }
    if (g.getTagName().equals("sphere")) {
      return new ShapeSpec.Circle(number(g, "radius", source, owner), centre);
    }
    if (Math.abs(rpy[0]) > AXIS_TOLERANCE || Math.abs(rpy[2]) > AXIS_TOLERANCE) {
      throw new UrdfException(
          source
              + ": "
              + owner
              + " has origin rpy ("
              + fmt(rpy)
              + "): only a pitch keeps a box in the x-z plane (a cylinder may also roll by ±π/2"
              + " to become a wheel)");
    }
    double angle = -rpy[1];
    switch (g.getTagName()) {
      case "box" -> {
        double[] size = vector(g, "size", null, source, owner + " box");
        return new ShapeSpec.Box(size[0] / 2, size[2] / 2, centre, angle);
      }
      case "cylinder" -> {
        double r = number(g, "radius", source, owner);
        double length = number(g, "length", source, owner);
        return new ShapeSpec.Box(r, length / 2, centre, angle);
      }
      default ->
          throw new UrdfException(
              source
                  + ": "
                  + owner
                  + " is a <"
                  + g.getTagName()
                  + ">: supported are box, cylinder and sphere");
    }
  }

  // ---- XML helpers -------------------------------------------------------------------------

  private static Document parse(String xml, String source) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (ParserConfigurationException | IOException e) {
      throw new UrdfException(source + ": cannot read XML: " + e.getMessage());
    } catch (SAXException e) {
      throw new UrdfException(source + ": not well-formed XML: " + e.getMessage());
    }
  }

  private static List<Element> elements(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) nodes.item(i));
      }
    }
    return out;
  }

  private static List<Element> children(Element parent, String tag) {
    return elements(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
  }

  private static Element optChild(Element parent, String tag) {
    List<Element> c = children(parent, tag);
    return c.isEmpty() ? null : c.get(0);
  }

  private static Element child(Element parent, String tag, String source) {
    Element c = optChild(parent, tag);
    if (c == null) {
      throw new UrdfException(
          source
              + ": <"
              + parent.getTagName()
              + " name=\""
              + parent.getAttribute("name")
              + "\"> lacks <"
              + tag
              + ">");
    }
    return c;
  }

  private static double number(Element e, String attribute, String source, String owner) {
    String v = e.getAttribute(attribute).strip();
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException ex) {
      throw new UrdfException(
          source
              + ": "
              + owner
              + " <"
              + e.getTagName()
              + " "
              + attribute
              + "=\""
              + v
              + "\">: expected a finite number");
    }
  }

  private static double[] vector(
      Element e, String attribute, double[] fallback, String source, String owner) {
    if (e == null || e.getAttribute(attribute).isBlank()) {
      if (fallback == null) {
        throw new UrdfException(source + ": " + owner + " lacks attribute '" + attribute + "'");
      }
      return fallback.clone();
    }
    String[] parts = e.getAttribute(attribute).strip().split("\\s+");
    if (parts.length != 3) {
      throw new UrdfException(
          source
              + ": "
              + owner
              + " "
              + attribute
              + "=\""
              + e.getAttribute(attribute)
              + "\": expected three numbers");
    }
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      try {
        out[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException ex) {
        throw new UrdfException(
            source
                + ": "
                + owner
                + " "
                + attribute
                + "=\""
                + e.getAttribute(attribute)
                + "\": expected three numbers");
      }
    }
    return out;
  }

  private static String fmt(double[] v) {
    return trim(v[0]) + " " + trim(v[1]) + " " + trim(v[2]);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
