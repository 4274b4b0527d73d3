package io.delos.sim.morphology;

/** Kinds of joints. */
public enum JointType {
  /** A hinge: one rotational degree of freedom, coordinate in radians. */
  REVOLUTE,
  /** A slider: one translational degree of freedom, coordinate in metres. */
  PRISMATIC
}
