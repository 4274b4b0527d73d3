package io.delos.sim.box2d;

import io.delos.sim.morphology.ActuatorSpec;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.joints.Joint;
import org.jbox2d.dynamics.joints.PrismaticJoint;
import org.jbox2d.dynamics.joints.RevoluteJoint;

/**
 * The scene of a {@link RobotWorld} stepped by direct JBox2D calls and nothing else: torques and
 * forces applied to the bodies, then {@code World.step}. The reference against which benchmarks
 * measure what Delos's environment layer (actuator laws, sensors, validation, bookkeeping) costs.
 *
 * <p>Only torque motors are driven (effort = gear × u); thrusters and servos are left idle.
 * Stepping this loop bypasses Delos, so the world's snapshots and observations are meaningless
 * afterwards: use a fresh {@link RobotWorld}.
 */
public final class RawJbox2dLoop {
  private final World world;
  private final Joint[] joints;
  private final double[] gears;
  private final float dt;
  private final int substeps;
  private final int velocityIterations;
  private final int positionIterations;

  /** Takes over the engine world of {@code robot}. */
  public RawJbox2dLoop(RobotWorld robot) {
    this.world = robot.engine();
    int n = robot.morphology().actuators().size();
    this.joints = new Joint[n];
    this.gears = new double[n];
    for (int a = 0; a < n; a++) {
      if (robot.morphology().actuators().get(a) instanceof ActuatorSpec.JointMotor m) {
        joints[a] = robot.engineJoints()[robot.jointIndex(m.joint())];
        gears[a] = m.gear();
      }
    }
    SimConfig c = robot.config();
    this.dt = (float) c.physicsPeriod();
    this.substeps = c.substeps();
    this.velocityIterations = c.velocityIterations();
    this.positionIterations = c.positionIterations();
  }

  /** One control period: for each substep, apply gear × u at every motor, then step. */
  public void controlStep(double[] u) {
    for (int s = 0; s < substeps; s++) {
      for (int a = 0; a < joints.length; a++) {
        Joint j = joints[a];
        if (j == null) {
          continue;
        }
        float effort = (float) (gears[a] * u[a]);
        Body bodyA = j.getBodyA();
        Body bodyB = j.getBodyB();
        if (j instanceof RevoluteJoint) {
          bodyB.applyTorque(effort);
          if (bodyA.getType() == BodyType.DYNAMIC) {
            bodyA.applyTorque(-effort);
          }
        } else if (j instanceof PrismaticJoint p) {
          Vec2 axis = bodyA.getWorldVector(p.getLocalAxisA());
          bodyB.applyForceToCenter(axis.mulLocal(effort));
        }
      }
      world.step(dt, velocityIterations, positionIterations);
    }
  }

  /** Angle of the first body, radians: read by benchmarks so the work cannot be skipped. */
  public double firstBodyAngle() {
    return world.getBodyList().getAngle();
  }
}
