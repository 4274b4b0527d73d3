package io.delos.sim.task;

import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Pose;

/**
 * Where a {@link Task} writes an episode's initial state. Unset joints start at zero with zero
 * speed; unset roots start at their reference pose, at rest.
 */
public interface InitialState {
  /** The robot being initialised. */
  Morphology morphology();

  /**
   * Sets a joint's coordinate and speed.
   *
   * @param joint joint name
   * @param position rad or m
   * @param velocity rad/s or m/s
   */
  void setJoint(String joint, double position, double velocity);

  /**
   * Sets a root body's pose and velocity (bodies that are no joint's child).
   *
   * @param body body name
   * @param pose world pose of the body frame
   * @param vx centre-of-mass velocity, m/s, world frame
   * @param vy centre-of-mass velocity, m/s, world frame
   * @param omega angular velocity, rad/s
   */
  void setRoot(String body, Pose pose, double vx, double vy, double omega);
}
