package io.delos.worldmodel.physsm;

import static io.delos.worldmodel.physsm.internal.Scalars.over;
import static io.delos.worldmodel.physsm.internal.Scalars.times;

import ai.djl.ndarray.NDArray;

/**
 * Physics declarations for the catalogue systems Phy-SSM is evaluated on, each in the form of
 * {@link PhysicsDeclaration}: what textbook mechanics gives, with the effects the issue asks to
 * leave unknown marked as such, and which observation channels measure which latent variables (the
 * catalogue's observation spaces, robots/README.md).
 *
 * <p>Angle conventions follow the catalogue (robots/README.md): counter-clockwise positive,
 * pendulum and pole angles zero upright, headings zero along +x. Units are SI.
 */
public final class KnownPhysics {
  private KnownPhysics() {}

  /**
   * A rod pendulum hinged at one end with unknown friction and unknown torque gain.
   *
   * <p>Latent z = [θ, ω, sin θ, cos θ]. Known: θ̇ = ω, d sin θ/dt = ω cos θ, d cos θ/dt = −ω sin θ,
   * and gravity ω̇ = (3g / 2l) sin θ + … (a uniform rod, zero upright). Unknown: A[ω, ω] (joint
   * friction and the motor's torque-speed line) and B[ω, torque] (how torque turns into angular
   * acceleration).
   *
   * @param gravity g, m/s², > 0 (the catalogue pendulum: 10)
   * @param length rod length l, m, > 0 (the catalogue pendulum: 1)
   */
  public static PhysicsDeclaration pendulum(double gravity, double length) {
    positive("gravity", gravity, "m/s²");
    positive("length", length, "m");
    return PhysicsDeclaration.builder("pendulum")
        .angle("theta", Math.PI)
        .state("omega", 4)
        .sinCos("theta")
        .action("torque", 2)
        .observation("hinge.sin", "sin(theta)")
        .observation("hinge.cos", "cos(theta)")
        .observation("hinge_vel", "omega")
        .knownA("theta", "omega", Coefficient.constant(1))
        .knownA("sin(theta)", "cos(theta)", Coefficient.of("omega"))
        .knownA("cos(theta)", "sin(theta)", Coefficient.linear("omega", -1))
        .knownA("omega", "sin(theta)", Coefficient.constant(1.5 * gravity / length))
        .unknownA("omega", "omega")
        .unknownB("omega", "torque")
        .build();
  }

  /**
   * A cart-pole with its kinematics known and its accelerations unknown.
   *
   * <p>Latent z = [x, φ, v, ω, sin φ, cos φ]. Known: ẋ = v, φ̇ = ω and the derivatives of sin φ and
   * cos φ. Unknown: the rows of v̇ and ω̇ in the columns v, ω, sin φ, cos φ, and the force's effect
   * on both. The accelerations are not allowed to depend on x or on φ except through its sine and
   * cosine: the cart's position and the number of turns do not change the physics.
   */
  public static PhysicsDeclaration cartPole() {
    String[] columns = {"v", "omega", "sin(phi)", "cos(phi)"};
    return PhysicsDeclaration.builder("cartpole")
        .state("x", 1)
        .angle("phi", Math.PI)
        .state("v", 2)
        .state("omega", 3)
        .sinCos("phi")
        .action("force", 0.35)
        .observation("cart_x", "x")
        .observation("pole.sin", "sin(phi)")
        .observation("pole.cos", "cos(phi)")
        .observation("cart_v", "v")
        .observation("pole_rate", "omega")
        .knownA("x", "v", Coefficient.constant(1))
        .knownA("phi", "omega", Coefficient.constant(1))
        .knownA("sin(phi)", "cos(phi)", Coefficient.of("omega"))
        .knownA("cos(phi)", "sin(phi)", Coefficient.linear("omega", -1))
        .unknownA("v", columns)
        .unknownA("omega", columns)
        .unknownB("v", "force")
        .unknownB("omega", "force")
        .build();
  }

  /**
   * A planar quadrotor with its kinematics and gravity known and its thrust effects unknown.
   *
   * <p>Latent z = [x, y, φ, vx, vy, ω, sin φ, cos φ, 1]. Known: ẋ = vx, ẏ = vy, φ̇ = ω, the
   * derivatives of sin φ and cos φ, and gravity v̇y = −g·1 + …. Unknown: how the two rotor commands
   * accelerate vx, vy and ω (B's rows of vx, vy and ω; thrust direction, gain and lever arm).
   *
   * @param gravity g, m/s², > 0 (the catalogue quadrotor: 9.81)
   */
  public static PhysicsDeclaration planarQuadrotor(double gravity) {
    positive("gravity", gravity, "m/s²");
    return PhysicsDeclaration.builder("quadrotor")
        .state("x", 1)
        .state("y", 1)
        .angle("phi", 0.5)
        .state("vx", 1)
        .state("vy", 1)
        .state("omega", 2)
        .sinCos("phi")
        .one()
        .action("thrust_left", 0.05)
        .action("thrust_right", 0.05)
        .observation("drone.x", "x")
        .observation("drone.y", "y")
        .observation("drone.sin", "sin(phi)")
        .observation("drone.cos", "cos(phi)")
        .observation("drone_vel.vx", "vx")
        .observation("drone_vel.vy", "vy")
        .observation("drone_vel.omega", "omega")
        .knownA("x", "vx", Coefficient.constant(1))
        .knownA("y", "vy", Coefficient.constant(1))
        .knownA("phi", "omega", Coefficient.constant(1))
        .knownA("sin(phi)", "cos(phi)", Coefficient.of("omega"))
        .knownA("cos(phi)", "sin(phi)", Coefficient.linear("omega", -1))
        .knownA("vy", "1", Coefficient.constant(-gravity))
        .unknownB("vx", "thrust_left", "thrust_right")
        .unknownB("vy", "thrust_left", "thrust_right")
        .unknownB("omega", "thrust_left", "thrust_right")
        .build();
  }

  /**
   * A top-down car with the kinematic bicycle known and the tyre effects unknown.
   *
   * <p>Latent z = [x, y, ψ, vx, vy, δ₀, δ₁, sin ψ, cos ψ, 1] with world-frame velocity (vx, vy) and
   * the two front wheels' steering angles δ₀, δ₁. With the forward speed v = vx cos ψ + vy sin ψ,
   * the mean steering angle δ = (δ₀ + δ₁)/2 and the bicycle's yaw rate Ω = v tan δ / L, the known
   * part is
   *
   * <pre>
   *   ẋ = vx,  ẏ = vy,  ψ̇ = Ω,  d sin ψ/dt = Ω cos ψ,  d cos ψ/dt = −Ω sin ψ,
   *   v̇x = −Ω vy + …,  v̇y = Ω vx + …   (the velocity turns with the heading)
   * </pre>
   *
   * Unknown (the tyres and actuators): the speed's own dynamics A[vx, {vx, 1}], A[vy, {vy, 1}]
   * (rolling drag, lateral slip), a slip correction of the yaw rate A[{ψ, sin ψ, cos ψ}, 1], the
   * drive thrust B[{vx, vy}, drive] and the steering servos A[δᵢ, δᵢ], B[δᵢ, steerᵢ].
   *
   * @param wheelbase L, m, > 0: distance between the front and rear axles (the catalogue car: 0.35)
   */
  public static PhysicsDeclaration car(double wheelbase) {
    positive("wheelbase", wheelbase, "m");
    double l = wheelbase;
    Coefficient.StateFunction tanOverL =
        z -> over(times(z.get("delta0").add(z.get("delta1")), 0.5).tan(), l);
    Coefficient.StateFunction omega =
        z -> {
          NDArray v = z.get("vx").mul(z.get("cos(psi)")).add(z.get("vy").mul(z.get("sin(psi)")));
          return v.mul(z.shared(tanOverL));
        };
    return PhysicsDeclaration.builder("car")
        .state("x", 1)
        .state("y", 1)
        .angle("psi", Math.PI)
        .state("vx", 1)
        .state("vy", 1)
        .state("delta0", 0.3)
        .state("delta1", 0.3)
        .sinCos("psi")
        .one()
        .action("steer0", 0.2)
        .action("steer1", 0.2)
        .action("drive0", 0.5)
        .action("drive1", 0.5)
        .observation("chassis.x", "x")
        .observation("chassis.y", "y")
        .observation("chassis.sin", "sin(psi)")
        .observation("chassis.cos", "cos(psi)")
        .observation("chassis_vel.vx", "vx")
        .observation("chassis_vel.vy", "vy")
        .observation("chassis_vel.omega")
        .observation("steer_wheel0_joint", "delta0")
        .observation("steer_wheel1_joint", "delta1")
        .observation("drive_wheel0_joint")
        .observation("drive_wheel1_joint")
        .observation("steer_wheel0_joint_vel")
        .observation("steer_wheel1_joint_vel")
        .observation("drive_wheel0_joint_vel")
        .observation("drive_wheel1_joint_vel")
        .knownA("x", "vx", Coefficient.constant(1))
        .knownA("y", "vy", Coefficient.constant(1))
        .knownA(
            "psi",
            "vx",
            Coefficient.function(
                "cos ψ · tan δ / L", z -> z.get("cos(psi)").mul(z.shared(tanOverL))))
        .knownA(
            "psi",
            "vy",
            Coefficient.function(
                "sin ψ · tan δ / L", z -> z.get("sin(psi)").mul(z.shared(tanOverL))))
        .knownA("sin(psi)", "cos(psi)", Coefficient.function("Ω", z -> z.shared(omega)))
        .knownA("cos(psi)", "sin(psi)", Coefficient.function("−Ω", z -> z.shared(omega).neg()))
        .knownA("vx", "vy", Coefficient.function("−Ω", z -> z.shared(omega).neg()))
        .knownA("vy", "vx", Coefficient.function("Ω", z -> z.shared(omega)))
        .unknownA("vx", "vx", "1")
        .unknownA("vy", "vy", "1")
        .unknownA("psi", "1")
        .unknownA("sin(psi)", "1")
        .unknownA("cos(psi)", "1")
        .unknownA("delta0", "delta0")
        .unknownA("delta1", "delta1")
        .unknownB("vx", "drive0", "drive1")
        .unknownB("vy", "drive0", "drive1")
        .unknownB("delta0", "steer0")
        .unknownB("delta1", "steer1")
        .build();
  }

  /**
   * The declaration for a catalogue family with the catalogue's constants.
   *
   * @param family one of {@code pendulum}, {@code cartpole}, {@code quadrotor}, {@code car}
   * @throws IllegalArgumentException for any other family, naming the supported ones
   */
  public static PhysicsDeclaration forFamily(String family) {
    return switch (family) {
      case "pendulum" -> pendulum(10, 1);
      case "cartpole" -> cartPole();
      case "quadrotor" -> planarQuadrotor(9.81);
      case "car" -> car(0.35);
      default ->
          throw new IllegalArgumentException(
              "no physics declaration for family '"
                  + family
                  + "'; declared: pendulum, cartpole, quadrotor, car");
    };
  }

  private static void positive(String name, double value, String unit) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          name + " = " + value + " " + unit + ": must be a finite number > 0");
    }
  }
}
