package io.delos.sim.morphology;

import java.util.ArrayList;
import java.util.List;

/**
 * Small robots built in code: for the engine's own tests, benchmarks and examples. The catalogue of
 * robots with tasks lives in the robots module.
 */
public final class ExampleRobots {
  private ExampleRobots() {}

  /** A disc of radius r hanging at distance length below a hinge at the origin. */
  public static Morphology pendulum(double length, double radius, double mass) {
    BodySpec bob =
        BodySpec.of(
            "bob", new Pose(0, -length, 0), mass, new ShapeSpec.Circle(radius, Point.ORIGIN));
    return new Morphology(
        "pendulum",
        WorldSpec.earth(),
        List.of(bob),
        List.of(JointSpec.revolute("hinge", JointSpec.WORLD, "bob", Point.ORIGIN)),
        List.of(ActuatorSpec.JointMotor.torque("motor", "hinge", 2.0)),
        List.of(
            new SensorSpec.JointPosition("angle", "hinge", AngleEncoding.RAW),
            new SensorSpec.JointVelocity("rate", "hinge")));
  }

  /**
   * A cart on a horizontal slider with a thin pole hinged at the cart's centre, pointing up at zero
   * angle.
   */
  public static Morphology cartPole(double cartMass, double poleMass, double halfLength) {
    BodySpec cart =
        BodySpec.of("cart", Pose.ORIGIN, cartMass, new ShapeSpec.Box(0.25, 0.125, Point.ORIGIN, 0));
    BodySpec pole =
        BodySpec.of(
            "pole",
            Pose.ORIGIN,
            poleMass,
            new ShapeSpec.Box(0.01, halfLength, new Point(0, halfLength), 0));
    return new Morphology(
        "cartpole",
        WorldSpec.earth(),
        List.of(cart, pole),
        List.of(
            JointSpec.prismatic("slider", JointSpec.WORLD, "cart", Point.ORIGIN, 0),
            JointSpec.revolute("hinge", "cart", "pole", Point.ORIGIN)),
        List.of(ActuatorSpec.JointMotor.torque("force", "slider", 10.0)),
        List.of(
            new SensorSpec.JointPosition("x", "slider", AngleEncoding.RAW),
            new SensorSpec.JointPosition("theta", "hinge", AngleEncoding.RAW),
            new SensorSpec.JointVelocity("x_dot", "slider"),
            new SensorSpec.JointVelocity("theta_dot", "hinge")));
  }

  /** A free box above flat ground. */
  public static Morphology fallingBox(double height) {
    BodySpec box =
        BodySpec.of(
            "box", new Pose(0, height, 0), 1.0, new ShapeSpec.Box(0.1, 0.1, Point.ORIGIN, 0));
    return new Morphology(
        "box",
        WorldSpec.earth(),
        List.of(box),
        List.of(),
        List.of(),
        List.of(new SensorSpec.BodyPose("pose", "box", true, AngleEncoding.RAW)));
  }

  /**
   * A planar biped on flat ground: a hull and two legs of two links each, torque motors at hips and
   * knees, contact and IMU sensors. Used where contacts matter.
   */
  public static Morphology biped() {
    List<BodySpec> bodies = new ArrayList<>();
    List<JointSpec> joints = new ArrayList<>();
    List<ActuatorSpec> actuators = new ArrayList<>();
    List<SensorSpec> sensors = new ArrayList<>();
    bodies.add(
        BodySpec.of(
            "hull", new Pose(0, 1.0, 0), 5.0, new ShapeSpec.Box(0.3, 0.1, Point.ORIGIN, 0)));
    sensors.add(new SensorSpec.BodyPose("hull_pose", "hull", true, AngleEncoding.SIN_COS));
    sensors.add(new SensorSpec.BodyVelocity("hull_vel", "hull", false));
    sensors.add(new SensorSpec.Imu("imu", "hull", Point.ORIGIN));
    for (String side : new String[] {"left", "right"}) {
      double x = side.equals("left") ? -0.15 : 0.15;
      bodies.add(
          BodySpec.of(
              side + "_thigh",
              new Pose(x, 0.7, 0),
              1.0,
              new ShapeSpec.Capsule(new Point(0, 0.25), new Point(0, -0.2), 0.05)));
      bodies.add(
          BodySpec.of(
              side + "_shin",
              new Pose(x, 0.3, 0),
              0.8,
              new ShapeSpec.Capsule(new Point(0, 0.2), new Point(0, -0.2), 0.04)));
      joints.add(
          JointSpec.revolute(side + "_hip", "hull", side + "_thigh", new Point(x, 0.95))
              .withLimits(-1.2, 1.2));
      joints.add(
          JointSpec.revolute(side + "_knee", side + "_thigh", side + "_shin", new Point(x, 0.5))
              .withLimits(-1.5, 0.1));
      actuators.add(
          new ActuatorSpec.JointMotor(
              side + "_hip_motor", side + "_hip", MotorMode.TORQUE, -1, 1, 40, 40, 8, 0, 0));
      actuators.add(
          new ActuatorSpec.JointMotor(
              side + "_knee_motor", side + "_knee", MotorMode.TORQUE, -1, 1, 30, 30, 8, 0, 0));
      sensors.add(
          new SensorSpec.JointPosition(side + "_hip_q", side + "_hip", AngleEncoding.SIN_COS));
      sensors.add(new SensorSpec.JointVelocity(side + "_hip_qd", side + "_hip"));
      sensors.add(
          new SensorSpec.JointPosition(side + "_knee_q", side + "_knee", AngleEncoding.RAW));
      sensors.add(new SensorSpec.JointVelocity(side + "_knee_qd", side + "_knee"));
      sensors.add(new SensorSpec.Contact(side + "_foot", side + "_shin"));
    }
    sensors.add(new SensorSpec.Range("lidar", "hull", Point.ORIGIN, -Math.PI / 2 + 0.3, 3.0));
    return new Morphology(
        "biped",
        WorldSpec.earth().withGround(GroundSpec.flat(0, 50, 0.9)),
        bodies,
        joints,
        actuators,
        sensors);
  }

  /**
   * A chain of {@code links} capsules hanging from a hinge at the origin, a torque motor (±20 N·m)
   * at every joint, joint angles and speeds observed. Links are 0.3 m long, 0.5 kg.
   */
  public static Morphology motorisedChain(int links) {
    if (links < 1 || links > 32) {
      throw new IllegalArgumentException("links = " + links + ": allowed 1 to 32");
    }
    List<BodySpec> bodies = new ArrayList<>();
    List<JointSpec> joints = new ArrayList<>();
    List<ActuatorSpec> actuators = new ArrayList<>();
    List<SensorSpec> sensors = new ArrayList<>();
    double length = 0.3;
    for (int i = 0; i < links; i++) {
      String name = "link" + i;
      double top = -i * length;
      bodies.add(
          BodySpec.of(
              name,
              new Pose(0, top, 0),
              0.5,
              new ShapeSpec.Capsule(new Point(0, -0.03), new Point(0, -length + 0.03), 0.03)));
      String parent = i == 0 ? JointSpec.WORLD : "link" + (i - 1);
      joints.add(
          JointSpec.revolute("joint" + i, parent, name, new Point(0, top)).withDamping(0.01));
      actuators.add(ActuatorSpec.JointMotor.torque("motor" + i, "joint" + i, 20));
      sensors.add(new SensorSpec.JointPosition("q" + i, "joint" + i, AngleEncoding.SIN_COS));
      sensors.add(new SensorSpec.JointVelocity("qd" + i, "joint" + i));
    }
    return new Morphology("chain" + links, WorldSpec.earth(), bodies, joints, actuators, sensors);
  }
}
