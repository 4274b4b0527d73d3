package io.delos.sim.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseAndSamplingTest {
  private static MorphologyEnvironment pendulum() {
    Morphology m =
        new Morphology(
            "pendulum",
            WorldSpec.earth(),
            List.of(
                BodySpec.of(
                    "bob", new Pose(0, -1, 0), 1, new ShapeSpec.Circle(0.05, Point.ORIGIN))),
            List.of(JointSpec.revolute("hinge", JointSpec.WORLD, "bob", Point.ORIGIN)),
            List.of(),
            List.of(
                new SensorSpec.JointPosition("angle", "hinge", AngleEncoding.RAW),
                new SensorSpec.JointVelocity("rate", "hinge")));
    return new MorphologyEnvironment(
        m, new PassiveTask(400, Map.of("hinge", 0.5)), SimConfig.DEFAULT);
  }

  @Test
  void gaussianNoiseHasTheRequestedSpreadPerChannelAndIsReproducible() {
    NoisyEnvironment noisy = new NoisyEnvironment(pendulum(), Vec.of(0.05, 0));
    MorphologyEnvironment clean = pendulum();
    noisy.reset(3);
    clean.reset(3);
    double sum = 0;
    double sumSq = 0;
    int n = 400;
    for (int k = 0; k < n; k++) {
      Vec a = noisy.step(new double[0]).observation();
      Vec b = clean.step(new double[0]).observation();
      double d = a.get(0) - b.get(0);
      sum += d;
      sumSq += d * d;
      assertThat(a.get(1)).isEqualTo(b.get(1)); // zero std: untouched
    }
    double mean = sum / n;
    double std = Math.sqrt(sumSq / n - mean * mean);
    double relativeTolerance = 0.15; // about 2 standard errors of a 400-sample std estimate
    assertThat(std).isBetween(0.05 * (1 - relativeTolerance), 0.05 * (1 + relativeTolerance));
    assertThat(Math.abs(mean)).isLessThan(0.01);

    NoisyEnvironment again = new NoisyEnvironment(pendulum(), Vec.of(0.05, 0));
    again.reset(3);
    NoisyEnvironment first = new NoisyEnvironment(pendulum(), Vec.of(0.05, 0));
    first.reset(3);
    for (int k = 0; k < 20; k++) {
      assertThat(again.step(new double[0]).observation())
          .isEqualTo(first.step(new double[0]).observation());
    }
  }

  @Test
  void droppingRowsKeepsTrueTimestampsAndEpisodeStarts() {
    Trajectory.Builder b = Trajectory.builder("p", 1, 0);
    for (int e = 0; e < 3; e++) {
      for (int k = 0; k < 100; k++) {
        int flags = k == 0 ? StepFlags.RESET : (k == 99 ? StepFlags.TRUNCATED : 0);
        b.add(k * 0.02, new double[] {e * 1000 + k}, new double[0], 0, flags);
      }
    }
    Trajectory full = b.build();
    Trajectory sparse = IrregularSampling.drop(full, 0.2, 9);
    assertThat(sparse.length()).isBetween(220, 260);
    int resets = 0;
    int ends = 0;
    for (int k = 0; k < sparse.length(); k++) {
      double id = sparse.observation(k, 0);
      double expectedTime = (id % 1000) * 0.02;
      assertThat(sparse.time(k)).isEqualTo(expectedTime);
      resets += StepFlags.has(sparse.flags(k), StepFlags.RESET) ? 1 : 0;
      ends += StepFlags.endsEpisode(sparse.flags(k)) ? 1 : 0;
    }
    assertThat(resets).isEqualTo(3);
    assertThat(ends).isEqualTo(3);
    assertThat(IrregularSampling.drop(full, 0.2, 9)).isEqualTo(sparse);
  }
}
