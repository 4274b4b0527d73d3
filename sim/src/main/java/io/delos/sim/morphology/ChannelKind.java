package io.delos.sim.morphology;

/** What an observation channel measures; used by models to embed channels by meaning. */
public enum ChannelKind {
  /** Sine of a revolute joint angle. */
  JOINT_ANGLE_SIN,
  /** Cosine of a revolute joint angle. */
  JOINT_ANGLE_COS,
  /** Raw joint coordinate, rad or m. */
  JOINT_POSITION,
  /** Joint speed, rad/s or m/s. */
  JOINT_VELOCITY,
  /** Body position x or y, m (world frame). */
  BODY_POSITION,
  /** Sine of a body's world angle. */
  BODY_ANGLE_SIN,
  /** Cosine of a body's world angle. */
  BODY_ANGLE_COS,
  /** Raw body world angle, rad. */
  BODY_ANGLE,
  /** Body linear velocity, m/s. */
  BODY_VELOCITY,
  /** Body angular velocity, rad/s. */
  BODY_ANGULAR_VELOCITY,
  /** IMU specific force (acceleration minus gravity) in the body frame, m/s². */
  IMU_ACCELERATION,
  /** IMU angular rate, rad/s. */
  IMU_ANGULAR_RATE,
  /** 1 when the body touches something outside the robot, else 0. */
  CONTACT,
  /** Distance along a ray to the first obstacle, m; the maximum range when nothing is hit. */
  RANGE,
  /** Effort an actuator applied during the last step, N·m or N. */
  ACTUATOR_EFFORT
}
