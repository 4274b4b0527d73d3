package io.delos.robots.dataset;

import io.delos.sim.Space;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.JointType;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.SensorSpec;
import java.util.SplittableRandom;

/**
 * Random joint targets tracked by a PD law: every {@code hold} seconds each torque motor gets a new
 * target drawn uniformly within its joint's limits (±1 rad or ±0.5 m when unlimited), and pushes
 * toward it with u = mid + half · clip(kp·(q* − q) − kd·q̇, −1, 1). Servos get the target as their
 * action; thrusters and motors whose joint is not observed get a uniform action held as long.
 */
final class PdTargetPolicy implements RolloutPolicy {
  private final int holdSteps;
  private final double kp;
  private final double kd;
  private SplittableRandom random;
  private int step;
  private double[] mid = new double[0];
  private double[] half = new double[0];
  private double[] target = new double[0];
  private double[] low = new double[0];
  private double[] high = new double[0];
  private int[] positionChannel = new int[0];
  private boolean[] sinCos = new boolean[0];
  private int[] velocityChannel = new int[0];
  private double[] targetLow = new double[0];
  private double[] targetHigh = new double[0];

  PdTargetPolicy(double hold, double kp, double kd, double controlPeriod) {
    this.holdSteps = Math.max(1, (int) Math.round(hold / controlPeriod));
    this.kp = kp;
    this.kd = kd;
  }

  @Override
  public void reset(Morphology m, SplittableRandom random) {
    this.random = random;
    step = 0;
    Space s = m.actionSpace();
    int n = s.size();
    low = s.lows();
    high = s.highs();
    mid = new double[n];
    half = new double[n];
    target = new double[n];
    positionChannel = new int[n];
    sinCos = new boolean[n];
    velocityChannel = new int[n];
    targetLow = new double[n];
    targetHigh = new double[n];
    for (int i = 0; i < n; i++) {
      mid[i] = (low[i] + high[i]) / 2;
      half[i] = (high[i] - low[i]) / 2;
      positionChannel[i] = -1;
      velocityChannel[i] = -1;
      targetLow[i] = low[i];
      targetHigh[i] = high[i];
      if (m.actuators().get(i) instanceof ActuatorSpec.JointMotor motor
          && motor.mode() == MotorMode.TORQUE) {
        JointSpec j = m.joint(motor.joint());
        double free = j.type() == JointType.REVOLUTE ? 1.0 : 0.5;
        targetLow[i] = j.limited() ? j.lower() : -free;
        targetHigh[i] = j.limited() ? j.upper() : free;
        locate(m, motor.joint(), i);
      }
    }
  }

  private void locate(Morphology m, String joint, int i) {
    int c = 0;
    for (SensorSpec sensor : m.sensors()) {
      int width = sensor.channels(m).size();
      if (sensor instanceof SensorSpec.JointPosition p && p.joint().equals(joint)) {
        positionChannel[i] = c;
        sinCos[i] = p.encoding() == AngleEncoding.SIN_COS;
      } else if (sensor instanceof SensorSpec.JointVelocity v && v.joint().equals(joint)) {
        velocityChannel[i] = c;
      }
      c += width;
    }
  }

  @Override
  public double[] act(double[] o) {
    if (step % holdSteps == 0) {
      for (int i = 0; i < target.length; i++) {
        target[i] = targetLow[i] + (targetHigh[i] - targetLow[i]) * random.nextDouble();
      }
    }
    step++;
    double[] u = new double[target.length];
    for (int i = 0; i < u.length; i++) {
      if (positionChannel[i] < 0 || velocityChannel[i] < 0) {
        u[i] = target[i];
        continue;
      }
      int c = positionChannel[i];
      double q = sinCos[i] ? Math.atan2(o[c], o[c + 1]) : o[c];
      double e = sinCos[i] ? Math.IEEEremainder(target[i] - q, 2 * Math.PI) : target[i] - q;
      double v = Math.max(-1, Math.min(1, kp * e - kd * o[velocityChannel[i]]));
      u[i] = mid[i] + half[i] * v;
    }
    return u;
  }
}
