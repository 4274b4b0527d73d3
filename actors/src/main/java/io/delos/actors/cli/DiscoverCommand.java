package io.delos.actors.cli;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import io.delos.worldmodel.symbolic.Budget;
import io.delos.worldmodel.symbolic.Equivalence;
import io.delos.worldmodel.symbolic.Expr;
import io.delos.worldmodel.symbolic.ExprParser;
import io.delos.worldmodel.symbolic.ExprPrinter;
import io.delos.worldmodel.symbolic.OracleProblem;
import io.delos.worldmodel.symbolic.ScaleSr;
import io.delos.worldmodel.symbolic.ScaleSrConfig;
import io.delos.worldmodel.symbolic.Simplifier;
import io.delos.worldmodel.symbolic.SimulatedAccelerationOracle;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import io.delos.worldmodel.symbolic.VariableRange;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code delos discover}: recovers equations of motion from the simulator with ScaleSR, querying
 * the simulator as an oracle (place a state, apply an effort, measure the acceleration), and checks
 * each recovered equation against the rigid-body model of the same robot.
 */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description =
        "Recover equations of motion from simulated experiments: the pendulum's angular"
            + " acceleration as a function of angle, angular velocity and torque, and the"
            + " cart-pole's accelerations as functions of its state and force.")
final class DiscoverCommand implements Callable<Integer> {
  /** Physics rate of the acceleration experiments, Hz. */
  private static final double RATE = 2000;

  /** Physics steps per experiment. */
  private static final int STEPS = 20;

  /** A second rate whose disagreement with the first measures the experiments' error, Hz. */
  private static final double CHECK_RATE = 3000;

  /**
   * A fit is good when its error is within this multiple of the experiments' estimated error: the
   * two-rate estimate is direct, so the margin can be smaller than for a fitted generator.
   */
  private static final double GOOD_FIT_MULTIPLE = 5;

  /** Normalised error within which two expressions count as one family (up to constants). */
  private static final double SAME_FAMILY_NMSE = 1e-8;

  @Option(
      names = "--budget-seconds",
      defaultValue = "60",
      description = "Wall-clock seconds per equation (default: ${DEFAULT-VALUE}).")
  double budgetSeconds;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seeds every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--cpu-budget",
      description =
          "Count the budget in CPU time of this thread instead of wall-clock time, so that the"
              + " result does not depend on other load on the machine.")
  boolean cpu;

  @Option(
      names = "--system",
      defaultValue = "all",
      description = "pendulum, cartpole or all (default: ${DEFAULT-VALUE}).")
  String system;

  /** One equation to discover. */
  private record Target(
      String label,
      Morphology morphology,
      List<String> stateJoints,
      List<String> actuators,
      String outputJoint,
      List<VariableRange> variables,
      String output,
      String expected) {}

  @Override
  public Integer call() {
    if (!(budgetSeconds > 0 && budgetSeconds <= 86_400)) {
      System.err.println("--budget-seconds = " + budgetSeconds + ": allowed (0, 86400]");
      return 2;
    }
    List<Target> targets = new ArrayList<>();
    if (system.equals("pendulum") || system.equals("all")) {
      targets.add(pendulum());
    }
    if (system.equals("cartpole") || system.equals("all")) {
      targets.addAll(cartPole());
    }
    if (targets.isEmpty()) {
      System.err.println("--system = " + system + ": allowed pendulum, cartpole, all");
      return 2;
    }
    PrintStream out = System.out;
    int exact = 0;
    for (Target t : targets) {
      exact += discover(t, out) ? 1 : 0;
    }
    out.printf(
        Locale.ROOT,
        "%d of %d equations recovered exactly (same family as the rigid-body model)%n",
        exact,
        targets.size());
    return exact == targets.size() ? 0 : 1;
  }

  private boolean discover(Target t, PrintStream out) {
    List<String> names = t.variables().stream().map(VariableRange::name).toList();
    SimulatedAccelerationOracle oracle =
        new SimulatedAccelerationOracle(
            t.morphology(), RATE, STEPS, t.stateJoints(), t.actuators(), t.outputJoint());
    SimulatedAccelerationOracle check =
        new SimulatedAccelerationOracle(
            t.morphology(),
            CHECK_RATE,
            (int) Math.round(STEPS * CHECK_RATE / RATE),
            t.stateJoints(),
            t.actuators(),
            t.outputJoint());
    double[][] probe = sample(t.variables(), 300, new SplittableRandom(seed));
    double[] a = oracle.query(probe);
    double[] b = check.query(probe);
    double noise = 0;
    for (int i = 0; i < a.length; i++) {
      noise += (a[i] - b[i]) * (a[i] - b[i]) / (2 * a.length);
    }
    out.printf(
        Locale.ROOT,
        "%n== %s: %s as a function of %s%n   simulator experiments at %.0f Hz, %d steps each;"
            + " estimated error RMS %.3g%n",
        t.label(),
        t.output(),
        names,
        RATE,
        STEPS,
        Math.sqrt(noise));
    Duration budget = Duration.ofMillis((long) (budgetSeconds * 1000));
    SymbolicRegressionResult r =
        ScaleSr.run(
            new OracleProblem(t.variables(), t.output(), oracle, noise, 600),
            cpu
                ? Budget.ofThreadCpuTime(budget, Long.MAX_VALUE, null)
                : Budget.of(budget, Long.MAX_VALUE, null),
            seed,
            config(),
            p -> out.printf(Locale.ROOT, "   [%3.0f%%] %s%n", 100 * p.fraction(), p.message()));
    Expr expected = ExprParser.parse(t.expected(), names);
    out.printf(
        Locale.ROOT,
        "   rigid-body model: %s = %s%n",
        t.output(),
        ExprPrinter.infix(Simplifier.simplify(expected), names, 6));
    if (r.best() == null) {
      out.println("   recovered: nothing");
      return false;
    }
    double[][] points = sample(t.variables(), 800, new SplittableRandom(seed + 1));
    boolean same =
        Equivalence.sameFamily(r.best().expr(), expected, points, SAME_FAMILY_NMSE, seed);
    double[] truth = oracle.query(points);
    double modelNmse = Equivalence.refit(expected, points, truth, seed).nmse();
    out.printf(Locale.ROOT, "   recovered:        %s = %s%n", t.output(), r.infix(r.best(), 6));
    out.printf(
        Locale.ROOT,
        "   %s (the rigid-body model refitted to the simulator: NMSE %.2e)%n",
        same ? "EXACT: same family as the rigid-body model" : "NOT the rigid-body model's family",
        modelNmse);
    return same;
  }

  /** The default settings with the goodness margin for simulator experiments. */
  private static ScaleSrConfig config() {
    ScaleSrConfig d = ScaleSrConfig.defaults();
    return new ScaleSrConfig(
        d.generator(),
        d.univariate(),
        d.gp(),
        d.slicePoints(),
        d.gridPoints(),
        d.gridFitPoints(),
        d.draws(),
        d.drawPoints(),
        d.freezing(),
        GOOD_FIT_MULTIPLE,
        d.exactNmse(),
        d.generatorShare(),
        d.polishShare(),
        d.sensitivityPoints(),
        d.alternatives());
  }

  private static double[][] sample(List<VariableRange> vars, int n, SplittableRandom random) {
    double[][] x = new double[vars.size()][n];
    for (int v = 0; v < vars.size(); v++) {
      for (int i = 0; i < n; i++) {
        x[v][i] = random.nextDouble(vars.get(v).low(), vars.get(v).high());
      }
    }
    return x;
  }

  /**
   * A damped pendulum built in code: a disc of mass m and radius r at distance l below a hinge,
   * torque motor on the hinge. θ̈ = (−m·g·l·sin θ − b·θ̇ + τ) / (m·l² + m·r²/2).
   */
  private static Target pendulum() {
    double m = 1.0;
    double l = 1.0;
    double r = 0.1;
    double b = 0.2;
    double gear = 5.0;
    BodySpec bob = BodySpec.of("bob", new Pose(0, -l, 0), m, new ShapeSpec.Circle(r, Point.ORIGIN));
    Morphology morphology =
        new Morphology(
            "pendulum",
            WorldSpec.earth(),
            List.of(bob),
            List.of(
                JointSpec.revolute("hinge", JointSpec.WORLD, "bob", Point.ORIGIN).withDamping(b)),
            List.of(ActuatorSpec.JointMotor.torque("motor", "hinge", gear)),
            List.of(
                new SensorSpec.JointPosition("angle", "hinge", AngleEncoding.RAW),
                new SensorSpec.JointVelocity("rate", "hinge")));
    double g = WorldSpec.STANDARD_GRAVITY;
    double inertia = m * l * l + m * r * r / 2;
    String expected =
        String.format(
            Locale.ROOT, "(-%s*sin(theta) - %s*theta_dot + tau)/%s", m * g * l, b, inertia);
    return new Target(
        "pendulum (built in code: 1 kg disc, 1 m arm, damping 0.2 N·m·s/rad)",
        morphology,
        List.of("hinge"),
        List.of("motor"),
        "hinge",
        List.of(
            new VariableRange("theta", -Math.PI, Math.PI),
            new VariableRange("theta_dot", -4, 4),
            new VariableRange("tau", -gear, gear)),
        "theta_ddot",
        expected);
  }

  /**
   * The catalogue cart-pole. With pole mass m, its centre of mass at l above the hinge, inertia J
   * about the hinge, cart mass M and force F (angle counter-clockwise from upright):
   *
   * <pre>
   *   ẍ = (F − m·l·θ̇²·sin θ + (m²l²g/J)·sin θ·cos θ) / (M + m − (m²l²/J)·cos²θ)
   *   θ̈ = (m·g·l·sin θ + m·l·cos θ·ẍ) / J
   * </pre>
   */
  private static List<Target> cartPole() {
    Morphology morphology = Catalogue.system("cartpole").morphology();
    BodySpec cart = morphology.bodies().get(morphology.bodyIndex("cart"));
    BodySpec pole = morphology.bodies().get(morphology.bodyIndex("pole"));
    ShapeSpec.Box box = (ShapeSpec.Box) pole.shapes().get(0);
    double m = pole.mass();
    double bigM = cart.mass();
    double l = box.center().y();
    double w = 2 * box.halfWidth();
    double h = 2 * box.halfHeight();
    double inertia = m * (w * w + h * h) / 12 + m * l * l;
    double g = -morphology.world().gravity().y();
    ActuatorSpec.JointMotor force = (ActuatorSpec.JointMotor) morphology.actuators().get(0);
    double ml = m * l;
    String xdd =
        String.format(
            Locale.ROOT,
            "(F - %s*theta_dot**2*sin(theta) + %s*sin(theta)*cos(theta))/(%s - %s*cos(theta)**2)",
            ml,
            ml * ml * g / inertia,
            bigM + m,
            ml * ml / inertia);
    // θ̈ with ẍ substituted, over the common denominator J(M + m) − m²l²cos²θ.
    String thdd =
        String.format(
            Locale.ROOT,
            "(%s*sin(theta) + %s*cos(theta)*(F - %s*theta_dot**2*sin(theta)))"
                + "/(%s - %s*cos(theta)**2)",
            (bigM + m) * ml * g,
            ml,
            ml,
            inertia * (bigM + m),
            ml * ml);
    List<VariableRange> vars =
        List.of(
            new VariableRange("x", -2, 2),
            new VariableRange("theta", -Math.PI, Math.PI),
            new VariableRange("x_dot", -2, 2),
            new VariableRange("theta_dot", -4, 4),
            new VariableRange("F", -force.maxEffort(), force.maxEffort()));
    String label = "cart-pole (catalogue)";
    return List.of(
        new Target(
            label,
            morphology,
            List.of("slider", "hinge"),
            List.of("force"),
            "slider",
            vars,
            "x_ddot",
            xdd),
        new Target(
            label,
            morphology,
            List.of("slider", "hinge"),
            List.of("force"),
            "hinge",
            vars,
            "theta_ddot",
            thdd));
  }
}
