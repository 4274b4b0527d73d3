package io.delos.sim.morphology;

import java.util.Objects;

/**
 * A joint between a parent body (or the fixed world) and a child body.
 *
 * @param name unique name within the morphology
 * @param type revolute (hinge) or prismatic (slider)
 * @param parent name of the parent body, or {@link #WORLD} for the fixed world
 * @param child name of the child body
 * @param anchor the joint's point in the world frame at the reference configuration
 * @param axisAngle for prismatic joints, the slide direction in the world frame at the reference
 *     configuration, radians from the x axis; ignored for revolute joints
 * @param lower lower limit (rad or m), or {@link Double#NEGATIVE_INFINITY} for none
 * @param upper upper limit (rad or m), or {@link Double#POSITIVE_INFINITY} for none
 * @param damping viscous damping, N·m·s/rad (revolute) or N·s/m (prismatic), >= 0
 */
public record JointSpec(
    String name,
    JointType type,
    String parent,
    String child,
    Point anchor,
    double axisAngle,
    double lower,
    double upper,
    double damping) {
  /** The name that stands for the fixed world as a parent. */
  public static final String WORLD = "world";

  /** Validates the joint. */
  public JointSpec {
    Checks.name("joint.name", name);
    Objects.requireNonNull(type, "joint '" + name + "' type");
    Checks.name("joint '" + name + "' parent", parent);
    Checks.name("joint '" + name + "' child", child);
    Objects.requireNonNull(anchor, "joint '" + name + "' anchor");
    Checks.finite("joint '" + name + "' axisAngle", axisAngle, "rad");
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException(
          "joint '" + name + "' limits [" + lower + ", " + upper + "]: need lower <= upper");
    }
    if (Double.isFinite(lower) != Double.isFinite(upper)) {
      throw new IllegalArgumentException(
          "joint '" + name + "' limits [" + lower + ", " + upper + "]: give both or neither");
    }
    Checks.nonNegative("joint '" + name + "' damping", damping, "");
    if (parent.equals(child)) {
      throw new IllegalArgumentException(
          "joint '" + name + "' connects body '" + child + "' to itself");
    }
  }

  /** A revolute joint without limits or damping. */
  public static JointSpec revolute(String name, String parent, String child, Point anchor) {
    return new JointSpec(
        name,
        JointType.REVOLUTE,
        parent,
        child,
        anchor,
        0,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        0);
  }

  /** A prismatic joint without limits or damping. */
  public static JointSpec prismatic(
      String name, String parent, String child, Point anchor, double axisAngle) {
    return new JointSpec(
        name,
        JointType.PRISMATIC,
        parent,
        child,
        anchor,
        axisAngle,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        0);
  }

  /** True when the joint has limits. */
  public boolean limited() {
    return Double.isFinite(lower);
  }

  /** This joint with limits. */
  public JointSpec withLimits(double newLower, double newUpper) {
    return new JointSpec(name, type, parent, child, anchor, axisAngle, newLower, newUpper, damping);
  }

  /** This joint with viscous damping. */
  public JointSpec withDamping(double newDamping) {
    return new JointSpec(name, type, parent, child, anchor, axisAngle, lower, upper, newDamping);
  }

  /** This joint with its anchor scaled by {@code s} (and prismatic limits too). */
  public JointSpec scaled(double s) {
    double lo = type == JointType.PRISMATIC ? lower * s : lower;
    double hi = type == JointType.PRISMATIC ? upper * s : upper;
    return new JointSpec(name, type, parent, child, anchor.scale(s), axisAngle, lo, hi, damping);
  }

  /** Unit of the joint coordinate: {@code "rad"} or {@code "m"}. */
  public String unit() {
    return type == JointType.REVOLUTE ? "rad" : "m";
  }
}
