package io.delos.sim.box2d;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jbox2d.callbacks.RayCastCallback;
import org.jbox2d.collision.shapes.CircleShape;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.collision.shapes.Shape;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.ContactEdge;
import org.jbox2d.dynamics.joints.Joint;
import org.jbox2d.dynamics.joints.PrismaticJoint;
import org.jbox2d.dynamics.joints.PrismaticJointDef;
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * A morphology built as a JBox2D world: bodies, joints, actuators and sensors, stepped at a fixed
 * physics period.
 *
 * <p>Actuators, joint damping and tyres act as forces applied before every physics substep, so the
 * solver sees the same dynamics whatever the control rate. Bodies of the robot share a negative
 * collision group and never collide with each other, only with the ground.
 *
 * <p>Threading: confined to one thread at a time. JBox2D's float state stays inside this class;
 * callers see doubles in SI units.
 */
public final class RobotWorld {
  private static final int ROBOT_GROUP = -1;

  private final Morphology morphology;
  private final SimConfig config;
  private final World world;
  private final Body ground;
  private final Body[] bodies;
  private final Joint[] joints;
  private final JointSpec[] jointSpecs;
  private final ActuatorSpec[] actuators;
  private final int[] actuatorJoint;
  private final int[] actuatorBody;
  private final double[] action;
  private final double[] effortSum;
  private final double[] lastEffort;
  // Scratch vectors for the force laws; JBox2D copies what it is given, so they can be reused.
  private final Vec2 scratchAxis = new Vec2();
  private final Vec2 scratchForce = new Vec2();
  private final Vec2 scratchAnchor = new Vec2();
  private final Vec2 scratchPoint = new Vec2();
  private int substepsSinceAction;
  private final List<Fixture> fixtures = new ArrayList<>();
  private final float dt;
  private final SensorRuntime sensors;
  private double time;

  // Reference configuration (all joints at zero), for forward kinematics.
  private final Pose[] referencePose;
  private final int[] parentJoint;
  private final int[] topologicalOrder;

  /**
   * Builds the world.
   *
   * @param morphology the robot, already varied if domain randomisation applies
   * @param config physics rates and limits
   */
  public RobotWorld(Morphology morphology, SimConfig config) {
    this.morphology = morphology;
    this.config = config;
    this.dt = (float) config.physicsPeriod();
    Point g = morphology.world().gravity();
    world = new World(new Vec2((float) g.x(), (float) g.y()));
    world.setAllowSleep(false);
    world.setWarmStarting(true);
    world.setContinuousPhysics(true);
    world.setSubStepping(false);

    ground = world.createBody(new BodyDef());
    GroundSpec groundSpec = morphology.world().ground();
    if (groundSpec != null) {
      List<Point> profile = groundSpec.profile();
      for (int i = 1; i < profile.size(); i++) {
        EdgeShape edge = new EdgeShape();
        Point a = profile.get(i - 1);
        Point b = profile.get(i);
        edge.set(vec(a), vec(b));
        FixtureDef fd = new FixtureDef();
        fd.shape = edge;
        fd.friction = (float) groundSpec.friction();
        fd.density = 0;
        fixtures.add(ground.createFixture(fd));
      }
    }

    int n = morphology.bodies().size();
    bodies = new Body[n];
    referencePose = new Pose[n];
    for (int i = 0; i < n; i++) {
      BodySpec spec = morphology.bodies().get(i);
      referencePose[i] = spec.pose();
      bodies[i] = createBody(spec);
    }

    jointSpecs = morphology.joints().toArray(new JointSpec[0]);
    joints = new Joint[jointSpecs.length];
    parentJoint = new int[n];
    Arrays.fill(parentJoint, -1);
    for (int k = 0; k < jointSpecs.length; k++) {
      JointSpec j = jointSpecs[k];
      Body parent = j.parent().equals(JointSpec.WORLD) ? ground : bodies[bodyIndex(j.parent())];
      Body child = bodies[bodyIndex(j.child())];
      parentJoint[bodyIndex(j.child())] = k;
      joints[k] = createJoint(j, parent, child);
    }
    topologicalOrder = topologicalOrder();

    actuators = morphology.actuators().toArray(new ActuatorSpec[0]);
    actuatorJoint = new int[actuators.length];
    actuatorBody = new int[actuators.length];
    for (int a = 0; a < actuators.length; a++) {
      if (actuators[a] instanceof ActuatorSpec.JointMotor m) {
        actuatorJoint[a] = jointIndex(m.joint());
        actuatorBody[a] = -1;
      } else if (actuators[a] instanceof ActuatorSpec.Thruster t) {
        actuatorJoint[a] = -1;
        actuatorBody[a] = bodyIndex(t.body());
      }
    }
    action = new double[actuators.length];
    for (int a = 0; a < actuators.length; a++) {
      action[a] = restingAction(a);
    }
    effortSum = new double[actuators.length];
    lastEffort = new double[actuators.length];
    sensors = new SensorRuntime();
  }

  private Body createBody(BodySpec spec) {
    BodyDef bd = new BodyDef();
    bd.type = BodyType.DYNAMIC;
    bd.position.set((float) spec.pose().x(), (float) spec.pose().y());
    bd.angle = (float) spec.pose().angle();
    bd.linearDamping = (float) spec.linearDamping();
    bd.angularDamping = (float) spec.angularDamping();
    bd.allowSleep = false;
    Body body = world.createBody(bd);
    List<Fixture> own = new ArrayList<>();
    for (ShapeSpec shape : spec.shapes()) {
      for (Shape s : toShapes(shape)) {
        FixtureDef fd = new FixtureDef();
        fd.shape = s;
        fd.density = 1;
        fd.friction = (float) spec.friction();
        fd.restitution = (float) spec.restitution();
        fd.filter.groupIndex = ROBOT_GROUP;
        own.add(body.createFixture(fd));
      }
    }
    // With density 1 the computed mass is the fixtures' area; scale so the total is the spec's.
    float area = body.getMass();
    float density = (float) (spec.mass() / area);
    for (Fixture f : own) {
      f.setDensity(density);
    }
    body.resetMassData();
    fixtures.addAll(own);
    return body;
  }

  private static List<Shape> toShapes(ShapeSpec shape) {
    List<Shape> out = new ArrayList<>();
    if (shape instanceof ShapeSpec.Box b) {
      PolygonShape p = new PolygonShape();
      p.setAsBox((float) b.halfWidth(), (float) b.halfHeight(), vec(b.center()), (float) b.angle());
      out.add(p);
    } else if (shape instanceof ShapeSpec.Circle c) {
      out.add(circle(c.center(), c.radius()));
    } else if (shape instanceof ShapeSpec.Capsule c) {
      Point mid = c.from().plus(c.to()).scale(0.5);
      Point d = c.to().minus(c.from());
      PolygonShape p = new PolygonShape();
      p.setAsBox(
          (float) (c.length() / 2), (float) c.radius(), vec(mid), (float) Math.atan2(d.y(), d.x()));
      out.add(p);
      out.add(circle(c.from(), c.radius()));
      out.add(circle(c.to(), c.radius()));
    } else if (shape instanceof ShapeSpec.Polygon poly) {
      Vec2[] vs = new Vec2[poly.vertices().size()];
      for (int i = 0; i < vs.length; i++) {
        vs[i] = vec(poly.vertices().get(i));
      }
      PolygonShape p = new PolygonShape();
      p.set(vs, vs.length);
      out.add(p);
    }
    return out;
  }

  private static CircleShape circle(Point center, double radius) {
    CircleShape c = new CircleShape();
    c.m_radius = (float) radius;
    c.m_p.set(vec(center));
    return c;
  }

  private Joint createJoint(JointSpec j, Body parent, Body child) {
    if (j.type() == JointType.REVOLUTE) {
      RevoluteJointDef def = new RevoluteJointDef();
      def.initialize(parent, child, vec(j.anchor()));
      def.collideConnected = false;
      if (j.limited()) {
        def.enableLimit = true;
        def.lowerAngle = (float) j.lower();
        def.upperAngle = (float) j.upper();
      }
      return world.createJoint(def);
    }
    PrismaticJointDef def = new PrismaticJointDef();
    Vec2 axis = new Vec2((float) Math.cos(j.axisAngle()), (float) Math.sin(j.axisAngle()));
    def.initialize(parent, child, vec(j.anchor()), axis);
    def.collideConnected = false;
    if (j.limited()) {
      def.enableLimit = true;
      def.lowerTranslation = (float) j.lower();
      def.upperTranslation = (float) j.upper();
    }
    return world.createJoint(def);
  }

  private int[] topologicalOrder() {
    int n = bodies.length;
    int[] order = new int[n];
    boolean[] placed = new boolean[n];
    int count = 0;
    while (count < n) {
      for (int i = 0; i < n; i++) {
        if (placed[i]) {
          continue;
        }
        int pj = parentJoint[i];
        boolean ready =
            pj < 0
                || jointSpecs[pj].parent().equals(JointSpec.WORLD)
                || placed[bodyIndex(jointSpecs[pj].parent())];
        if (ready) {
          placed[i] = true;
          order[count++] = i;
        }
      }
    }
    return order;
  }

  private static Vec2 vec(Point p) {
    return new Vec2((float) p.x(), (float) p.y());
  }

  // ---- Accessors -------------------------------------------------------------------------

  /** The morphology this world was built from. */
  public Morphology morphology() {
    return morphology;
  }

  /** The physics configuration. */
  public SimConfig config() {
    return config;
  }

  /** Simulated time since construction, seconds. */
  public double time() {
    return time;
  }

  /** Index of the body called {@code name}. */
  public int bodyIndex(String name) {
    return morphology.bodyIndex(name);
  }

  /** Index of the joint called {@code name}. */
  public int jointIndex(String name) {
    for (int k = 0; k < jointSpecs.length; k++) {
      if (jointSpecs[k].name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no joint '" + name + "' in '" + morphology.name() + "'");
  }

  /** World pose of body {@code i} (origin of its frame, not its centre of mass). */
  public Pose bodyPose(int i) {
    Body b = bodies[i];
    return new Pose(b.getPosition().x, b.getPosition().y, b.getAngle());
  }

  /** World position of the centre of mass of body {@code i}, metres. */
  public Point centerOfMass(int i) {
    Vec2 c = bodies[i].getWorldCenter();
    return new Point(c.x, c.y);
  }

  /** Linear velocity of the centre of mass of body {@code i}, m/s, world frame. */
  public Point linearVelocity(int i) {
    Vec2 v = bodies[i].getLinearVelocity();
    return new Point(v.x, v.y);
  }

  /** Angular velocity of body {@code i}, rad/s. */
  public double angularVelocity(int i) {
    return bodies[i].getAngularVelocity();
  }

  /** Mass of body {@code i}, kg, as the engine computed it. */
  public double mass(int i) {
    return bodies[i].getMass();
  }

  /** Rotational inertia of body {@code i} about its centre of mass, kg·m². */
  public double inertiaAboutCenter(int i) {
    Body b = bodies[i];
    Vec2 lc = b.getLocalCenter();
    return b.getInertia() - b.getMass() * (lc.x * lc.x + lc.y * lc.y);
  }

  /** Coordinate of joint {@code k}: angle (rad, counter-clockwise, unwrapped) or slide (m). */
  public double jointPosition(int k) {
    Joint j = joints[k];
    if (j instanceof RevoluteJoint r) {
      return r.getJointAngle();
    }
    return ((PrismaticJoint) j).getJointTranslation();
  }

  /** Speed of joint {@code k}: rad/s or m/s. */
  public double jointVelocity(int k) {
    Joint j = joints[k];
    if (j instanceof RevoluteJoint r) {
      return r.getJointSpeed();
    }
    return ((PrismaticJoint) j).getJointSpeed();
  }

  /** Effort each actuator applied, averaged over the substeps since the last action. */
  public double[] lastEfforts() {
    return lastEffort.clone();
  }

  /** Total kinetic energy of the robot's bodies, joules. */
  public double kineticEnergy() {
    double e = 0;
    for (Body b : bodies) {
      Vec2 v = b.getLinearVelocity();
      double w = b.getAngularVelocity();
      double iCenter =
          b.getInertia() - b.getMass() * Vec2.dot(b.getLocalCenter(), b.getLocalCenter());
      e += 0.5 * b.getMass() * (v.x * (double) v.x + v.y * (double) v.y) + 0.5 * iCenter * w * w;
    }
    return e;
  }

  /** Gravitational potential energy of the robot's bodies relative to y = 0, joules. */
  public double potentialEnergy() {
    Point g = morphology.world().gravity();
    double e = 0;
    for (Body b : bodies) {
      Vec2 c = b.getWorldCenter();
      e -= b.getMass() * (g.x() * c.x + g.y() * c.y);
    }
    return e;
  }

  // ---- Initial state ---------------------------------------------------------------------

  /**
   * Places the robot by forward kinematics from the reference configuration.
   *
   * @param rootPoses pose per body index for root bodies (bodies with no parent joint); {@code
   *     null} entries keep the reference pose
   * @param rootVelocities {vx, vy, ω} per body index for root bodies, or {@code null}
   * @param q joint coordinates, rad or m, indexed like {@link Morphology#joints()}
   * @param qd joint speeds, rad/s or m/s
   */
  public void place(Pose[] rootPoses, double[][] rootVelocities, double[] q, double[] qd) {
    int n = bodies.length;
    Pose[] pose = new Pose[n];
    double[][] vel = new double[n][];
    for (int idx = 0; idx < n; idx++) {
      int i = topologicalOrder[idx];
      int pj = parentJoint[i];
      if (pj < 0) {
        pose[i] = rootPoses != null && rootPoses[i] != null ? rootPoses[i] : referencePose[i];
        double[] rv = rootVelocities != null ? rootVelocities[i] : null;
        vel[i] = rv != null ? rv.clone() : new double[3];
        continue;
      }
      JointSpec j = jointSpecs[pj];
      boolean fromWorld = j.parent().equals(JointSpec.WORLD);
      int p = fromWorld ? -1 : bodyIndex(j.parent());
      Pose parentRef = fromWorld ? Pose.ORIGIN : referencePose[p];
      Pose parentNow = fromWorld ? Pose.ORIGIN : pose[p];
      // Child reference pose expressed in the parent's reference frame.
      Point relPos = parentRef.inverseApply(referencePose[i].position());
      double relAngle = referencePose[i].angle() - parentRef.angle();
      Point anchorInParent = parentRef.inverseApply(j.anchor());
      Point childPosInParent;
      double childAngleInParent;
      if (j.type() == JointType.REVOLUTE) {
        childPosInParent = anchorInParent.plus(relPos.minus(anchorInParent).rotate(q[pj]));
        childAngleInParent = relAngle + q[pj];
      } else {
        Point axis =
            new Point(Math.cos(j.axisAngle()), Math.sin(j.axisAngle())).rotate(-parentRef.angle());
        childPosInParent = relPos.plus(axis.scale(q[pj]));
        childAngleInParent = relAngle;
      }
      pose[i] =
          new Pose(
              parentNow.apply(childPosInParent).x(),
              parentNow.apply(childPosInParent).y(),
              parentNow.angle() + childAngleInParent);
      // Velocities of centres of mass.
      double[] pv = fromWorld ? new double[3] : vel[p];
      Point parentCom = fromWorld ? Point.ORIGIN : comAt(p, pose[p]);
      Point childCom = comAt(i, pose[i]);
      double omega = pv[2] + (j.type() == JointType.REVOLUTE ? qd[pj] : 0);
      double vx;
      double vy;
      if (j.type() == JointType.REVOLUTE) {
        Point anchorNow = parentNow.apply(anchorInParent);
        // v_anchor = v_p + ω_p × (anchor − c_p); v_c = v_anchor + ω × (c − anchor)
        double ax = pv[0] - pv[2] * (anchorNow.y() - parentCom.y());
        double ay = pv[1] + pv[2] * (anchorNow.x() - parentCom.x());
        vx = ax - omega * (childCom.y() - anchorNow.y());
        vy = ay + omega * (childCom.x() - anchorNow.x());
      } else {
        Point axisNow =
            new Point(Math.cos(j.axisAngle()), Math.sin(j.axisAngle()))
                .rotate(parentNow.angle() - parentRef.angle());
        vx = pv[0] - pv[2] * (childCom.y() - parentCom.y()) + qd[pj] * axisNow.x();
        vy = pv[1] + pv[2] * (childCom.x() - parentCom.x()) + qd[pj] * axisNow.y();
      }
      vel[i] = new double[] {vx, vy, omega};
    }
    for (int i = 0; i < n; i++) {
      Body b = bodies[i];
      b.setTransform(new Vec2((float) pose[i].x(), (float) pose[i].y()), (float) pose[i].angle());
      b.setLinearVelocity(new Vec2((float) vel[i][0], (float) vel[i][1]));
      b.setAngularVelocity((float) vel[i][2]);
    }
    sensors.resetHistory();
  }

  private Point comAt(int i, Pose pose) {
    Vec2 lc = bodies[i].getLocalCenter();
    return pose.apply(new Point(lc.x, lc.y));
  }

  // ---- Stepping --------------------------------------------------------------------------

  /**
   * Sets the action held until the next call: one value per actuator, already clipped to the action
   * space.
   */
  public void setAction(double[] u) {
    System.arraycopy(u, 0, action, 0, action.length);
    Arrays.fill(effortSum, 0);
    substepsSinceAction = 0;
  }

  /** Advances one physics substep of {@link SimConfig#physicsPeriod()} seconds. */
  public void substep() {
    applyActuators();
    applyJointDamping();
    applyTires();
    world.step(dt, config.velocityIterations(), config.positionIterations());
    time += config.physicsPeriod();
    substepsSinceAction++;
    for (int a = 0; a < actuators.length; a++) {
      lastEffort[a] = effortSum[a] / substepsSinceAction;
    }
  }

  /** Advances one control period: {@link SimConfig#substeps()} substeps. */
  public void controlStep() {
    sensors.beforeControlStep();
    for (int s = 0; s < config.substeps(); s++) {
      substep();
    }
  }

  private double restingAction(int a) {
    ActuatorSpec spec = actuators[a];
    double rest = Math.max(spec.low(), Math.min(spec.high(), 0.0));
    return rest;
  }

  private void applyActuators() {
    for (int a = 0; a < actuators.length; a++) {
      double effort;
      if (actuators[a] instanceof ActuatorSpec.JointMotor m) {
        int k = actuatorJoint[a];
        boolean torque = m.mode() == MotorMode.TORQUE;
        boolean speedLimited = Double.isFinite(m.maxSpeed());
        // The joint speed costs a few vector products; a plain torque motor does not need it.
        double qd = torque && !speedLimited ? 0 : jointVelocity(k);
        double raw =
            torque ? m.gear() * action[a] : m.kp() * (action[a] - jointPosition(k)) - m.kd() * qd;
        effort = Math.max(-m.maxEffort(), Math.min(m.maxEffort(), raw));
        if (speedLimited && effort * qd > 0) {
          // Torque-speed line: no forward effort at or beyond the rated speed.
          effort *= Math.max(0, 1 - Math.abs(qd) / m.maxSpeed());
        }
        applyJointEffort(k, effort);
      } else {
        ActuatorSpec.Thruster t = (ActuatorSpec.Thruster) actuators[a];
        effort = t.gear() * action[a];
        Body b = bodies[actuatorBody[a]];
        double angle = b.getAngle() + t.directionAngle();
        Vec2 force =
            new Vec2((float) (effort * Math.cos(angle)), (float) (effort * Math.sin(angle)));
        b.applyForce(force, b.getWorldPoint(vec(t.point())));
      }
      effortSum[a] += effort;
    }
  }

  private void applyJointEffort(int k, double effort) {
    Joint j = joints[k];
    Body a = j.getBodyA();
    Body b = j.getBodyB();
    if (j instanceof RevoluteJoint) {
      b.applyTorque((float) effort);
      if (a.getType() == BodyType.DYNAMIC) {
        a.applyTorque((float) -effort);
      }
      return;
    }
    PrismaticJoint p = (PrismaticJoint) j;
    a.getWorldVectorToOut(p.getLocalAxisA(), scratchAxis);
    scratchForce.set(scratchAxis).mulLocal((float) effort);
    p.getAnchorB(scratchAnchor);
    b.applyForce(scratchForce, scratchAnchor);
    if (a.getType() == BodyType.DYNAMIC) {
      p.getAnchorA(scratchAnchor);
      a.applyForce(scratchForce.negateLocal(), scratchAnchor);
    }
  }

  private void applyJointDamping() {
    for (int k = 0; k < joints.length; k++) {
      double c = jointSpecs[k].damping();
      if (c > 0) {
        applyJointEffort(k, -c * jointVelocity(k));
      }
    }
  }

  private void applyTires() {
    for (int i = 0; i < bodies.length; i++) {
      var tire = morphology.bodies().get(i).tire();
      if (tire == null) {
        continue;
      }
      Body b = bodies[i];
      Vec2 right = b.getWorldVector(new Vec2(0, 1));
      Vec2 forward = b.getWorldVector(new Vec2(1, 0));
      Vec2 v = b.getLinearVelocity();
      double lateralSpeed = Vec2.dot(right, v);
      double forwardSpeed = Vec2.dot(forward, v);
      // Force that would cancel the sideways slip within one substep, limited by the grip.
      double lateral = -b.getMass() * lateralSpeed / config.physicsPeriod();
      lateral = Math.max(-tire.lateralGrip(), Math.min(tire.lateralGrip(), lateral));
      double drag = -tire.rollingDrag() * forwardSpeed;
      Vec2 f = right.mul((float) lateral).add(forward.mul((float) drag));
      b.applyForce(f, b.getWorldCenter());
    }
  }

  // ---- Observation -----------------------------------------------------------------------

  /** Writes the observation vector (see {@link Morphology#observationChannels()}) into out. */
  public void observe(double[] out) {
    sensors.observe(out);
  }

  /** True when every body's state is finite and within the configured speed limits. */
  public boolean isFinite() {
    for (Body b : bodies) {
      Vec2 p = b.getPosition();
      Vec2 v = b.getLinearVelocity();
      if (!Float.isFinite(p.x)
          || !Float.isFinite(p.y)
          || !Float.isFinite(b.getAngle())
          || !Float.isFinite(v.x)
          || !Float.isFinite(v.y)
          || !Float.isFinite(b.getAngularVelocity())) {
        return false;
      }
    }
    return true;
  }

  /** True when some body moves faster than the configured runaway limits. */
  public boolean isRunaway() {
    for (Body b : bodies) {
      Vec2 v = b.getLinearVelocity();
      double speedSquared = (double) v.x * v.x + (double) v.y * v.y;
      if (speedSquared > config.runawaySpeed() * config.runawaySpeed()
          || Math.abs(b.getAngularVelocity()) > config.runawayAngularSpeed()) {
        return true;
      }
    }
    return false;
  }

  // ---- Geometry for rendering ------------------------------------------------------------

  /** The world-frame outline of every robot shape, for rendering. */
  public List<Outline> outlines() {
    List<Outline> out = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      Pose pose = bodyPose(i);
      for (ShapeSpec s : morphology.bodies().get(i).shapes()) {
        out.add(Outline.of(i, s, pose));
      }
    }
    return out;
  }

  // ---- Engine internals shared with the snapshot codec in this package -------------------

  World engine() {
    return world;
  }

  Body[] engineBodies() {
    return bodies;
  }

  Joint[] engineJoints() {
    return joints;
  }

  List<Fixture> engineFixtures() {
    return fixtures;
  }

  double[] heldAction() {
    return action;
  }

  double[] effortSums() {
    return effortSum;
  }

  double[] lastEffortArray() {
    return lastEffort;
  }

  int substepsSinceAction() {
    return substepsSinceAction;
  }

  void restoreCounters(double newTime, int substeps) {
    this.time = newTime;
    this.substepsSinceAction = substeps;
  }

  SensorRuntime sensorRuntime() {
    return sensors;
  }

  /** Computes sensor channels; holds the IMU's velocity history. */
  final class SensorRuntime {
    private final List<SensorSpec> specs = morphology.sensors();
    // Per IMU sensor: point velocity (vx, vy) at the start of the current control step.
    private final double[] imuPrevious = new double[2 * specs.size()];
    private final boolean[] imuHasPrevious = new boolean[specs.size()];
    // Per sensor: the joint, body or actuator index it reads, resolved once.
    private final int[] target = new int[specs.size()];

    SensorRuntime() {
      for (int s = 0; s < specs.size(); s++) {
        SensorSpec spec = specs.get(s);
        if (spec instanceof SensorSpec.JointPosition jp) {
          target[s] = jointIndex(jp.joint());
        } else if (spec instanceof SensorSpec.JointVelocity jv) {
          target[s] = jointIndex(jv.joint());
        } else if (spec instanceof SensorSpec.BodyPose bp) {
          target[s] = bodyIndex(bp.body());
        } else if (spec instanceof SensorSpec.BodyVelocity bv) {
          target[s] = bodyIndex(bv.body());
        } else if (spec instanceof SensorSpec.Imu imu) {
          target[s] = bodyIndex(imu.body());
        } else if (spec instanceof SensorSpec.Contact ct) {
          target[s] = bodyIndex(ct.body());
        } else if (spec instanceof SensorSpec.Range r) {
          target[s] = bodyIndex(r.body());
        } else if (spec instanceof SensorSpec.ActuatorEffort ae) {
          target[s] = indexOfActuator(ae.actuator());
        }
      }
    }

    void resetHistory() {
      Arrays.fill(imuHasPrevious, false);
    }

    void beforeControlStep() {
      for (int s = 0; s < specs.size(); s++) {
        if (specs.get(s) instanceof SensorSpec.Imu imu) {
          Point v = pointVelocity(target[s], imu.point());
          imuPrevious[2 * s] = v.x();
          imuPrevious[2 * s + 1] = v.y();
          imuHasPrevious[s] = true;
        }
      }
    }

    double[] imuPreviousArray() {
      return imuPrevious;
    }

    boolean[] imuHasPreviousArray() {
      return imuHasPrevious;
    }

    private Point pointVelocity(int body, Point local) {
      Body b = bodies[body];
      Vec2 v = b.getLinearVelocityFromWorldPoint(b.getWorldPoint(vec(local)));
      return new Point(v.x, v.y);
    }

    void observe(double[] out) {
      int c = 0;
      for (int s = 0; s < specs.size(); s++) {
        SensorSpec spec = specs.get(s);
        if (spec instanceof SensorSpec.JointPosition jp) {
          double q = jointPosition(target[s]);
          if (jp.encoding() == AngleEncoding.SIN_COS) {
            out[c++] = Math.sin(q);
            out[c++] = Math.cos(q);
          } else {
            out[c++] = q;
          }
        } else if (spec instanceof SensorSpec.JointVelocity jv) {
          out[c++] = jointVelocity(target[s]);
        } else if (spec instanceof SensorSpec.BodyPose bp) {
          Pose p = bodyPose(target[s]);
          if (bp.includePosition()) {
            out[c++] = p.x();
            out[c++] = p.y();
          }
          if (bp.encoding() == AngleEncoding.SIN_COS) {
            out[c++] = Math.sin(p.angle());
            out[c++] = Math.cos(p.angle());
          } else {
            out[c++] = wrap(p.angle());
          }
        } else if (spec instanceof SensorSpec.BodyVelocity bv) {
          int i = target[s];
          Point v = linearVelocity(i);
          if (bv.bodyFrame()) {
            v = v.rotate(-bodies[i].getAngle());
          }
          out[c++] = v.x();
          out[c++] = v.y();
          out[c++] = angularVelocity(i);
        } else if (spec instanceof SensorSpec.Imu imu) {
          int i = target[s];
          Point v = pointVelocity(i, imu.point());
          double ax = 0;
          double ay = 0;
          if (imuHasPrevious[s]) {
            double period = config.controlPeriod();
            ax = (v.x() - imuPrevious[2 * s]) / period;
            ay = (v.y() - imuPrevious[2 * s + 1]) / period;
          }
          Point g = morphology.world().gravity();
          Point specific = new Point(ax - g.x(), ay - g.y()).rotate(-bodies[i].getAngle());
          out[c++] = specific.x();
          out[c++] = specific.y();
          out[c++] = angularVelocity(i);
        } else if (spec instanceof SensorSpec.Contact ct) {
          out[c++] = touching(bodies[target[s]]) ? 1 : 0;
        } else if (spec instanceof SensorSpec.Range r) {
          out[c++] = range(r, bodies[target[s]]);
        } else if (spec instanceof SensorSpec.ActuatorEffort ae) {
          out[c++] = lastEffort[target[s]];
        }
      }
    }

    private boolean touching(Body b) {
      for (ContactEdge e = b.getContactList(); e != null; e = e.next) {
        if (e.contact.isTouching()) {
          return true;
        }
      }
      return false;
    }

    private double range(SensorSpec.Range r, Body b) {
      Vec2 from = b.getWorldPoint(vec(r.point()));
      double angle = b.getAngle() + r.angle();
      Vec2 to =
          new Vec2(
              (float) (from.x + r.maxRange() * Math.cos(angle)),
              (float) (from.y + r.maxRange() * Math.sin(angle)));
      double[] best = {1.0};
      RayCastCallback callback =
          (fixture, point, normal, fraction) -> {
            if (fixture.getFilterData().groupIndex == ROBOT_GROUP) {
              return -1; // ignore the robot's own shapes
            }
            if (fraction < best[0]) {
              best[0] = fraction;
            }
            return fraction;
          };
      world.raycast(callback, from, to);
      return best[0] * r.maxRange();
    }
  }

  private int indexOfActuator(String name) {
    for (int a = 0; a < actuators.length; a++) {
      if (actuators[a].name().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no actuator '" + name + "'");
  }

  private static double wrap(double angle) {
    double a = Math.IEEEremainder(angle, 2 * Math.PI);
    return a >= Math.PI ? a - 2 * Math.PI : a;
  }
}
