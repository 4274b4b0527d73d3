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
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import io.delos.sim.task.PassiveTask;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorEnvironmentTest {
  private static Morphology pendulum() {
    return new Morphology(
        "pendulum",
        WorldSpec.earth(),
        List.of(
            BodySpec.of("bob", new Pose(0, -1, 0), 1, new ShapeSpec.Circle(0.05, Point.ORIGIN))),
        List.of(JointSpec.revolute("hinge", JointSpec.WORLD, "bob", Point.ORIGIN)),
        List.of(ActuatorSpec.JointMotor.torque("motor", "hinge", 2)),
        List.of(
            new SensorSpec.JointPosition("angle", "hinge", AngleEncoding.RAW),
            new SensorSpec.JointVelocity("rate", "hinge")));
  }

  /** Episode length varies with the environment index, so ends fall on different steps. */
  private static VectorEnvironment vector(int n, int threads, VectorEnvironment.Autoreset mode) {
    return new VectorEnvironment(
        n,
        i -> new MorphologyEnvironment(pendulum(), PassiveTask.of(5 + i), SimConfig.DEFAULT),
        threads,
        mode);
  }

  private static double[] actions(int n, long step) {
    SplittableRandom r = new SplittableRandom(step);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble(-1, 1);
    }
    return a;
  }

  private static List<double[]> run(int threads, VectorEnvironment.Autoreset mode) {
    try (VectorEnvironment v = vector(8, threads, mode)) {
      List<double[]> out = new java.util.ArrayList<>();
      out.add(v.reset(42));
      for (int k = 0; k < 40; k++) {
        out.add(v.step(actions(8, k)).observations());
      }
      return out;
    }
  }

  @Test
  void resultsAreBitIdenticalAcrossThreadCounts() {
    List<double[]> one = run(1, VectorEnvironment.Autoreset.NEXT_STEP);
    for (int threads : new int[] {2, 3, 8}) {
      List<double[]> many = run(threads, VectorEnvironment.Autoreset.NEXT_STEP);
      for (int k = 0; k < one.size(); k++) {
        assertThat(many.get(k)).as("step %d with %d threads", k, threads).isEqualTo(one.get(k));
      }
    }
  }

  @Test
  void nextStepAutoresetReturnsTheLastObservationThenResetsOnTheFollowingStep() {
    try (VectorEnvironment v = vector(2, 2, VectorEnvironment.Autoreset.NEXT_STEP)) {
      v.reset(1);
      VectorEnvironment.Step s = null;
      for (int k = 0; k < 5; k++) {
        s = v.step(new double[] {0.5, 0.5});
      }
      assertThat(s.truncated()).containsExactly(true, false);
      double[] lastOfEpisode = Arrays.copyOfRange(s.observations(), 0, 2);
      VectorEnvironment.Step next = v.step(new double[] {0.5, 0.5});
      assertThat(next.rewards()[0]).isZero();
      assertThat(next.truncated()[0]).isFalse();
      assertThat(v.environment(0).time()).isZero(); // reset, not stepped
      assertThat(Arrays.copyOfRange(next.observations(), 0, 2)).isNotEqualTo(lastOfEpisode);
      assertThat(next.truncated()[1]).isTrue(); // environment 1 ends one step later
    }
  }

  @Test
  void sameStepAutoresetReturnsTheNewEpisodeAndKeepsTheFinalObservation() {
    try (VectorEnvironment v = vector(1, 1, VectorEnvironment.Autoreset.SAME_STEP)) {
      v.reset(1);
      VectorEnvironment.Step s = null;
      for (int k = 0; k < 5; k++) {
        s = v.step(new double[] {1});
      }
      assertThat(s.truncated()[0]).isTrue();
      assertThat(v.environment(0).time()).isZero();
      assertThat(s.finalObservations()).isNotEqualTo(s.observations());
      assertThat(s.finalObservations()[0]).isNotEqualTo(0.0);
    }
  }

  @Test
  void disabledAutoresetRefusesToStepAnEndedEnvironmentUntilItIsReset() {
    try (VectorEnvironment v = vector(2, 1, VectorEnvironment.Autoreset.DISABLED)) {
      v.reset(1);
      for (int k = 0; k < 5; k++) {
        v.step(new double[] {0, 0});
      }
      assertThatThrownBy(() -> v.step(new double[] {0, 0}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("environment 0");
      v.reset(1, new boolean[] {true, false});
      v.step(new double[] {0, 0});
    }
  }

  @Test
  void badActionsNameTheEnvironmentAndChannel() {
    try (VectorEnvironment v = vector(2, 2, VectorEnvironment.Autoreset.NEXT_STEP)) {
      v.reset(1);
      assertThatThrownBy(() -> v.step(new double[] {0}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected 2 x 1");
      assertThatThrownBy(() -> v.step(new double[] {0, Double.NaN}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("environment 1")
          .hasMessageContaining("motor")
          .hasMessageContaining("NaN");
    }
  }
}
