package io.delos.sim.morphology;

/** How a joint motor interprets its action. */
public enum MotorMode {
  /** The action scales a torque (revolute) or force (prismatic). */
  TORQUE,
  /** The action is a target position tracked by a PD law. */
  SERVO
}
