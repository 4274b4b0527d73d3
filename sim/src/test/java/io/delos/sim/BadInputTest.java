package io.delos.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import io.delos.sim.task.PassiveTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private static Morphology pendulum(double gear) {
    return new Morphology(
        "pendulum",
        WorldSpec.earth(),
        List.of(
            BodySpec.of("bob", new Pose(0, -1, 0), 1, new ShapeSpec.Circle(0.05, Point.ORIGIN))),
        List.of(JointSpec.revolute("hinge", JointSpec.WORLD, "bob", Point.ORIGIN)),
        List.of(
            new ActuatorSpec.JointMotor(
                "motor",
                "hinge",
                MotorMode.TORQUE,
                -1,
                1,
                gear,
                Math.abs(gear),
                Double.POSITIVE_INFINITY,
                0,
                0)),
        List.of(
            new SensorSpec.JointPosition("angle", "hinge", AngleEncoding.RAW),
            new SensorSpec.JointVelocity("rate", "hinge")));
  }

  private static MorphologyEnvironment env(double gear) {
    MorphologyEnvironment e =
        new MorphologyEnvironment(pendulum(gear), PassiveTask.of(1000), SimConfig.DEFAULT);
    e.reset(0);
    return e;
  }

  @Test
  void actionOfTheWrongLengthIsRejectedWithTheExpectedLayout() {
    assertThatThrownBy(() -> env(1).step(new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action has 2 values")
        .hasMessageContaining("expected 1")
        .hasMessageContaining("motor");
  }

  @Test
  void nonFiniteActionsAreRejectedNamingIndexChannelAndValue() {
    assertThatThrownBy(() -> env(1).step(new double[] {Double.NaN}))
        .hasMessageContaining("action[0] (motor) = NaN")
        .hasMessageContaining("[-1.0, 1.0]");
    assertThatThrownBy(() -> env(1).step(new double[] {Double.POSITIVE_INFINITY}))
        .hasMessageContaining("action[0] (motor) = Infinity");
  }

  @Test
  void outOfBoundsActionsAreClippedAndReported() {
    MorphologyEnvironment a = env(1);
    MorphologyEnvironment b = env(1);
    StepResult big = a.step(new double[] {7});
    StepResult one = b.step(new double[] {1});
    assertThat(big.info().actionClipped()).isTrue();
    assertThat(one.info().actionClipped()).isFalse();
    assertThat(big.observation()).isEqualTo(one.observation());
  }

  @Test
  void aWorldThatRunsAwayEndsTheEpisodeWithAReasonAndNoNonFiniteValue() {
    MorphologyEnvironment e = env(1e7);
    StepResult r = null;
    for (int k = 0; k < 200; k++) {
      r = e.step(new double[] {1});
      assertThat(r.observation().isFinite()).isTrue();
      if (r.done()) {
        break;
      }
    }
    assertThat(r.truncated()).isTrue();
    assertThat(r.info().endReason()).isIn(EndReason.PHYSICS_RUNAWAY, EndReason.PHYSICS_NOT_FINITE);
    MorphologyEnvironment ended = e;
    assertThatThrownBy(() -> ended.step(new double[] {0}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset");
  }

  @Test
  void stepBeforeResetIsAnError() {
    MorphologyEnvironment e =
        new MorphologyEnvironment(pendulum(1), PassiveTask.of(10), SimConfig.DEFAULT);
    assertThatThrownBy(() -> e.step(new double[] {0}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset");
  }
}
