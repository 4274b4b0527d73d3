package io.delos.robots.ros.bridge;

/** How a state field becomes an observation channel. */
public enum StateTransform {
  /** The value itself. */
  VALUE,
  /** The sine of an angle, rad, as Delos encodes revolute joints. */
  SIN,
  /** The cosine of an angle, rad. */
  COS;

  /** Applies the transform. */
  public double apply(double value) {
    return switch (this) {
      case VALUE -> value;
      case SIN -> Math.sin(value);
      case COS -> Math.cos(value);
    };
  }
}
