package io.delos.worldmodel.symbolic;

import io.delos.sim.box2d.RobotWorld;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import java.util.List;
import java.util.Objects;

/**
 * The simulator as an experiment ScaleSR can run anywhere: the acceleration of one joint (rad/s² or
 * m/s²) as a function of the joint positions (rad or m), joint speeds (rad/s or m/s) and actuator
 * efforts (N·m or N).
 *
 * <p>Inputs, in order: the position of each state joint, the speed of each state joint, then the
 * effort of each actuator; joints not listed start at zero position and speed. Each query places
 * the robot in that state, applies the efforts, and steps the physics {@code steps} times at the
 * given rate.
 *
 * <p>Estimating the acceleration: JBox2D integrates velocities, then projects them onto the joint
 * constraints at the current positions, so the first step from a placed state lacks the centripetal
 * terms (those appear once positions have moved). The per-step accelerations {@code (v_{k+1} −
 * v_k)/h} of steps 1 to {@code steps − 1} are therefore fitted by a quadratic in time and read at
 * the start. Against a rigid-body cart-pole model the estimate agrees to about 0.05% (cart) and
 * 0.3% (pole), largely from JBox2D's single-precision state; queries thus carry that much noise.
 *
 * <p>Threading: confined to one thread at a time (it reuses one world).
 */
public final class SimulatedAccelerationOracle implements Oracle {
  private final Morphology morphology;
  private final SimConfig config;
  private final int steps;
  private final int[] stateJoints;
  private final int[] actuators;
  private final double[] gear;
  private final int outputJoint;
  private RobotWorld world;

  /**
   * Creates the oracle.
   *
   * @param morphology the robot
   * @param physicsFrequency physics steps per second, Hz, in [100, 100000]
   * @param steps physics steps per query, >= 6
   * @param stateJoints joints whose position and speed are inputs, by name
   * @param actuators actuators whose effort is an input, by name
   * @param outputJoint joint whose acceleration is the answer
   * @throws IllegalArgumentException naming an unknown joint or actuator, or a bad rate
   */
  public SimulatedAccelerationOracle(
      Morphology morphology,
      double physicsFrequency,
      int steps,
      List<String> stateJoints,
      List<String> actuators,
      String outputJoint) {
    this.morphology = Objects.requireNonNull(morphology, "morphology");
    if (!(physicsFrequency >= 100 && physicsFrequency <= 100_000)) {
      throw new IllegalArgumentException(
          "physicsFrequency = " + physicsFrequency + " Hz: allowed [100, 100000]");
    }
    if (steps < 6) {
      throw new IllegalArgumentException("steps = " + steps + ": must be >= 6");
    }
    // One physics step per control step: the oracle drives substeps itself.
    this.config = SimConfig.DEFAULT.withRates(physicsFrequency, physicsFrequency);
    this.steps = steps;
    this.stateJoints = new int[stateJoints.size()];
    for (int i = 0; i < stateJoints.size(); i++) {
      this.stateJoints[i] = jointIndex(stateJoints.get(i));
    }
    List<ActuatorSpec> specs = morphology.actuators();
    this.actuators = new int[actuators.size()];
    this.gear = new double[actuators.size()];
    for (int i = 0; i < actuators.size(); i++) {
      int a = -1;
      for (int k = 0; k < specs.size(); k++) {
        if (specs.get(k).name().equals(actuators.get(i))) {
          a = k;
        }
      }
      if (a < 0 || !(specs.get(a) instanceof ActuatorSpec.JointMotor motor)) {
        throw new IllegalArgumentException(
            "no joint motor '"
                + actuators.get(i)
                + "' in '"
                + morphology.name()
                + "'; actuators: "
                + specs.stream().map(ActuatorSpec::name).toList());
      }
      this.actuators[i] = a;
      this.gear[i] = motor.gear();
    }
    this.outputJoint = jointIndex(outputJoint);
  }

  private int jointIndex(String name) {
    List<JointSpec> joints = morphology.joints();
    for (int k = 0; k < joints.size(); k++) {
      if (joints.get(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "no joint '"
            + name
            + "' in '"
            + morphology.name()
            + "'; joints: "
            + joints.stream().map(JointSpec::name).toList());
  }

  /** Number of inputs: two per state joint and one per actuator. */
  public int inputCount() {
    return 2 * stateJoints.length + actuators.length;
  }

  /** The physics period, seconds. */
  public double physicsPeriod() {
    return config.physicsPeriod();
  }

  @Override
  public double[] query(double[][] inputs) {
    if (inputs.length != inputCount()) {
      throw new IllegalArgumentException(
          "inputs has " + inputs.length + " variables: this oracle takes " + inputCount());
    }
    if (world == null) {
      world = new RobotWorld(morphology, config);
    }
    int n = inputs[0].length;
    int nj = morphology.joints().size();
    double[] out = new double[n];
    double[] q = new double[nj];
    double[] qd = new double[nj];
    double[] u = new double[morphology.actuators().size()];
    double[] v = new double[steps + 1];
    double h = config.physicsPeriod();
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(q, 0);
      java.util.Arrays.fill(qd, 0);
      java.util.Arrays.fill(u, 0);
      for (int j = 0; j < stateJoints.length; j++) {
        q[stateJoints[j]] = inputs[j][i];
        qd[stateJoints[j]] = inputs[stateJoints.length + j][i];
      }
      for (int a = 0; a < actuators.length; a++) {
        u[actuators[a]] =
            Math.max(-1, Math.min(1, inputs[2 * stateJoints.length + a][i] / gear[a]));
      }
      world.place(null, null, q, qd);
      world.setAction(u);
      v[0] = world.jointVelocity(outputJoint);
      for (int k = 1; k <= steps; k++) {
        world.substep();
        v[k] = world.jointVelocity(outputJoint);
      }
      out[i] = startAcceleration(v, h);
    }
    return out;
  }

  /** Quadratic least-squares fit of the per-step accelerations of steps 1.. read at t = 0. */
  static double startAcceleration(double[] v, double h) {
    int m = v.length - 2;
    double[][] a = new double[3][3];
    double[] b = new double[3];
    for (int k = 1; k <= m; k++) {
      double t = (k + 0.5) / m;
      double acc = (v[k + 1] - v[k]) / h;
      double[] phi = {1, t, t * t};
      for (int r = 0; r < 3; r++) {
        b[r] += phi[r] * acc;
        for (int c = 0; c < 3; c++) {
          a[r][c] += phi[r] * phi[c];
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int r = c + 1; r < 3; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < 3; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[3];
    for (int r = 2; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < 3; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x[0];
  }
}
