package io.delos.controllers.pid;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.State;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PidTest {
  private static final double ANGLE_TOLERANCE_RAD = 0.01;

  private static MorphologyEnvironment pendulum(double start) {
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.pendulum(0.5, 0.05, 0.2),
            new PassiveTask(1000, Map.of("hinge", start)),
            SimConfig.DEFAULT);
    env.reset(0);
    return env;
  }

  private static PidGains gains(double ki, double range) {
    // Output is the motor's action in [-1, 1] (2 N·m full scale).
    return new PidGains(4, ki, 0.4, 0.02, -1, 1, range, ANGLE_TOLERANCE_RAD, 0.05);
  }

  @Test
  void closedLoopHoldsAnAngleAgainstGravityWithoutSteadyStateError() {
    MorphologyEnvironment env = pendulum(0);
    PidPolicy pid =
        new PidPolicy(
            List.of(new PidPolicy.Loop("angle", 1.0, gains(6, 0))),
            env.observationSpace(),
            env.actionSpace());
    Vec o = env.observation();
    for (int k = 0; k < 400; k++) {
      o = env.step(pid.act(new State(o, null))).observation();
    }
    assertThat(Math.abs(o.get(0) - 1.0)).isLessThan(ANGLE_TOLERANCE_RAD);
    assertThat(pid.atSetpoint()).isTrue();

    PidPolicy proportionalOnly =
        new PidPolicy(
            List.of(new PidPolicy.Loop("angle", 1.0, gains(0, 0))),
            env.observationSpace(),
            env.actionSpace());
    MorphologyEnvironment env2 = pendulum(0);
    Vec p = env2.observation();
    for (int k = 0; k < 400; k++) {
      p = env2.step(proportionalOnly.act(new State(p, null))).observation();
    }
    assertThat(Math.abs(p.get(0) - 1.0)).isGreaterThan(0.05); // gravity leaves a P-only offset
  }

  @Test
  void continuousInputTakesTheShortWayRound() {
    // Start at +3.0 rad, target −3.0 rad: 0.28 rad away through ±π, 6 rad the long way.
    MorphologyEnvironment env = pendulum(3.0);
    PidPolicy pid =
        new PidPolicy(
            List.of(new PidPolicy.Loop("angle", -3.0, gains(2, 2 * Math.PI))),
            env.observationSpace(),
            env.actionSpace());
    Vec o = env.observation();
    double furthest = 0;
    for (int k = 0; k < 400; k++) {
      o = env.step(pid.act(new State(o, null))).observation();
      furthest = Math.max(furthest, Math.abs(o.get(0) - 3.0));
    }
    double wrappedError = Math.IEEEremainder(o.get(0) + 3.0, 2 * Math.PI);
    assertThat(Math.abs(wrappedError)).isLessThan(ANGLE_TOLERANCE_RAD);
    assertThat(furthest).isLessThan(1.0); // never swung round the long way
  }

  @Test
  void antiWindupStopsTheIntegralGrowingWhileSaturated() {
    Pid windup = new Pid(new PidGains(1, 1, 0, 0.02, -1, 1, 0, 0.01, 0.01));
    for (int k = 0; k < 500; k++) {
      assertThat(windup.calculate(0, 10)).isEqualTo(1.0);
    }
    assertThat(windup.integral()).isLessThan(0.05);
    // Once the error reverses, the output leaves saturation on the next call.
    assertThat(windup.calculate(10.5, 10)).isLessThan(0);
  }

  @Test
  void nonFiniteMeasurementsGiveTheRestingOutput() {
    Pid pid = new Pid(new PidGains(1, 0, 0, 0.02, -1, 1, 0, 0.01, 0.01));
    assertThat(pid.calculate(Double.NaN, 1)).isZero();
  }

  @Test
  void stepResultsStayFiniteUnderPid() {
    MorphologyEnvironment env = pendulum(0.2);
    PidPolicy pid =
        new PidPolicy(
            List.of(new PidPolicy.Loop("angle", 0, gains(1, 0))),
            env.observationSpace(),
            env.actionSpace());
    Vec o = env.observation();
    for (int k = 0; k < 100; k++) {
      StepResult r = env.step(pid.act(new State(o, null)));
      o = r.observation();
      assertThat(o.isFinite()).isTrue();
    }
  }
}
