package io.delos.actors.interpretable;

import io.delos.controllers.lqr.Linearization;
import io.delos.controllers.lqr.Lqr;
import io.delos.controllers.lqr.LqrSettings;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.PhysicsVariation;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.SpecTask;
import io.delos.sim.task.TaskSpec;
import io.delos.worldmodel.interpretable.ConceptGroup;
import io.delos.worldmodel.interpretable.Table;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Performance data for CAT: the catalogue cart-pole, domain-randomised in body, actuation and
 * environment, balanced by an LQR with randomised weights and control noise; one row per episode.
 *
 * <p>The LQR is designed on the linearisation of the nominal cart-pole (the catalogue's
 * parameters), so a randomised robot meets a controller tuned for another one, as a real robot
 * does. The target is the episode return with the reward r = −c(x, u) · Δt, where c is the balance
 * task's quadratic cost (its weights from {@code cartpole/balance.json}):
 *
 * <pre>
 *   c = x² + 10 θ² + 0.1 ẋ² + 0.1 θ̇² + 0.01 u²
 * </pre>
 *
 * When the episode ends early (|x| > 2.4 m or |θ| > 12°), the last step's cost is charged for every
 * remaining step, so falling early costs more than falling late.
 *
 * <p>Features, in their units: {@code pole_mass} kg, {@code cart_mass} kg, {@code pole_length} m
 * (half-length; every length scales with it), {@code max_force} N (actuator strength), {@code
 * force_limit} (share of the action range the controller may use), {@code gravity} m/s², {@code
 * hinge_damping} N·m·s/rad, {@code start_tilt} rad (initial pole angle, either sign), {@code
 * log_q_angle} (log₁₀ of the LQR weight on sin θ), {@code log_r} (log₁₀ of the LQR action weight)
 * and {@code action_noise} (standard deviation of the Gaussian added to each action, as a share of
 * the range).
 *
 * <p>The second target, success, is 1 when the episode never left the stay-within region and 0 when
 * it ended early.
 */
public final class CartPolePerformance {
  /** The feature names, in column order. */
  public static final List<String> FEATURES =
      List.of(
          "pole_mass",
          "cart_mass",
          "pole_length",
          "max_force",
          "force_limit",
          "gravity",
          "hinge_damping",
          "start_tilt",
          "log_q_angle",
          "log_r",
          "action_noise");

  /** The four concepts: body, actuation, environment, controller settings. */
  public static final List<ConceptGroup> CONCEPTS =
      List.of(
          ConceptGroup.of("body", "pole_mass", "cart_mass", "pole_length"),
          ConceptGroup.of("actuation", "max_force", "force_limit"),
          ConceptGroup.of("environment", "gravity", "hinge_damping", "start_tilt"),
          ConceptGroup.of("controller", "log_q_angle", "log_r", "action_noise"));

  private static final double[] COST = {1.0, 10.0, 0.1, 0.1};
  private static final double ACTION_COST = 0.01;

  private final RobotSystem cartpole;
  private final TaskSpec balance;
  private final LqrSettings nominal;
  private final Linearization linearization;
  private final double[] x0;

  /** Linearises the nominal cart-pole once. */
  public CartPolePerformance() {
    this.cartpole = Catalogue.system("cartpole");
    this.balance = cartpole.task("balance");
    this.nominal = LqrSettings.builtIn("cartpole", "balance");
    Space obs = cartpole.morphology().observationSpace();
    this.x0 = new double[obs.size()];
    balance.operatingPoint().forEach((ch, v) -> x0[obs.indexOf(ch)] = v);
    this.linearization =
        Linearization.around(
            new SimulatorDynamics(cartpole.morphology(), SimConfig.DEFAULT),
            x0,
            new double[cartpole.actionSize()],
            nominal.epsilon());
  }

  /**
   * The same episodes with two targets.
   *
   * @param byReturn target the episode return (≤ 0, unit of the cost times s)
   * @param bySuccess target 1 when the pole stayed up and the cart on the track for every step,
   *     else 0
   */
  public record Episodes(Table byReturn, Table bySuccess) {}

  /**
   * Runs {@code episodes} randomised episodes.
   *
   * @param episodes rows, >= 10
   * @param steps control steps per episode (50 Hz), >= 1
   * @param seed seeds every draw; episode i uses its own generator derived from it
   * @return one row per episode, with the return and the success as targets
   */
  public Episodes generate(int episodes, int steps, long seed) {
    if (episodes < Table.MIN_ROWS) {
      throw new IllegalArgumentException(
          "episodes = " + episodes + ": need at least " + Table.MIN_ROWS);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps = " + steps + ": must be >= 1");
    }
    double[][] x = new double[episodes][];
    double[] y = new double[episodes];
    double[] success = new double[episodes];
    for (int i = 0; i < episodes; i++) {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
      x[i] = draw(r);
      double[] outcome = episode(x[i], steps, r.nextLong());
      y[i] = outcome[0];
      success[i] = outcome[1];
    }
    return new Episodes(new Table(FEATURES, x, y), new Table(FEATURES, x, success));
  }

  private static double[] draw(SplittableRandom r) {
    return new double[] {
      0.1 * r.nextDouble(0.5, 2.0),
      1.0 * r.nextDouble(0.5, 2.0),
      0.5 * r.nextDouble(0.7, 1.4),
      10 * r.nextDouble(0.5, 1.5),
      r.nextDouble(0.3, 1.0),
      9.8 * r.nextDouble(0.7, 1.3),
      r.nextDouble(0, 0.05),
      r.nextDouble(0, 0.15),
      r.nextDouble(0, 2),
      r.nextDouble(-2, 0),
      r.nextDouble(0, 0.3)
    };
  }

  /** The return of one episode with features {@code f}, and 1 for success or 0 for a fall. */
  double[] episode(double[] f, int steps, long seed) {
    Morphology m = robot(f);
    Space obs = m.observationSpace();
    Space act = m.actionSpace();
    double[] q = new double[obs.size()];
    for (Map.Entry<String, Double> e : nominal.q().entrySet()) {
      q[obs.indexOf(e.getKey())] = e.getValue();
    }
    q[obs.indexOf("pole.sin")] = Math.pow(10, f[8]);
    Lqr lqr =
        Lqr.design(linearization, q, new double[] {Math.pow(10, f[9])}, x0, new double[1], act);
    double tilt = f[7];
    SplittableRandom r = new SplittableRandom(seed);
    double signedTilt = r.nextBoolean() ? tilt : -tilt;
    TaskSpec task =
        new TaskSpec(
            balance.name(),
            balance.robot(),
            steps,
            List.of(
                balance.jointStarts().get(0),
                new TaskSpec.JointStart(
                    "hinge",
                    new TaskSpec.Range(signedTilt, signedTilt),
                    balance.jointStarts().get(1).velocity())),
            List.of(),
            balance.reward(),
            balance.stayWithin(),
            balance.success(),
            balance.cost(),
            balance.terminalCost(),
            balance.operatingPoint());
    int ix = obs.indexOf("cart_x");
    int is = obs.indexOf("pole.sin");
    int ic = obs.indexOf("pole.cos");
    int iv = obs.indexOf("cart_v");
    int iw = obs.indexOf("pole_rate");
    try (MorphologyEnvironment env =
        new MorphologyEnvironment(m, new SpecTask(task, obs, act), SimConfig.DEFAULT)) {
      double dt = env.controlPeriod();
      Vec o = env.reset(r.nextLong());
      double total = 0;
      for (int k = 0; k < steps; k++) {
        double u = lqr.act(new State(o, null))[0] + f[10] * gaussian(r);
        u = Math.max(-f[4], Math.min(f[4], u));
        StepResult s = env.step(new double[] {u});
        o = s.observation();
        double theta = Math.atan2(o.get(is), o.get(ic));
        double c =
            COST[0] * o.get(ix) * o.get(ix)
                + COST[1] * theta * theta
                + COST[2] * o.get(iv) * o.get(iv)
                + COST[3] * o.get(iw) * o.get(iw)
                + ACTION_COST * u * u;
        total -= c * dt;
        if (s.terminated()) {
          total -= c * dt * (steps - k - 1);
          return new double[] {total, 0};
        }
        if (s.truncated()) {
          total -= c * dt * (steps - k - 1);
          break;
        }
      }
      return new double[] {total, 1};
    }
  }

  /** The catalogue cart-pole with the body, actuation and environment of {@code f}. */
  Morphology robot(double[] f) {
    Morphology base = cartpole.morphology();
    double lengthScale = f[2] / 0.5;
    double motorScale = f[3] / 10;
    double gravityScale = f[5] / 9.8;
    Morphology scaled =
        new PhysicsVariation(1, lengthScale, 1, motorScale, gravityScale).apply(base);
    List<BodySpec> bodies =
        scaled.bodies().stream()
            .map(b -> b.withMass(b.name().equals("pole") ? f[0] : f[1]))
            .toList();
    List<JointSpec> joints =
        scaled.joints().stream()
            .map(j -> j.name().equals("hinge") ? j.withDamping(f[6]) : j)
            .toList();
    return new Morphology(
        scaled.name(), scaled.world(), bodies, joints, scaled.actuators(), scaled.sensors());
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
