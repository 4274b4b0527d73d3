package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparProbeTest {
  private static final int WINDOW = 16;

  /** The source positions of {@link SparModelTest#pulses} with the same arguments. */
  private static double[][] sources(int count, int nodes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] out = new double[count][2];
    for (int s = 0; s < count; s++) {
      out[s][0] = r.nextDouble(-1, 1);
      out[s][1] = r.nextDouble(-1, 1);
      for (int i = 0; i < nodes; i++) {
        r.nextDouble(-1, 1);
        r.nextDouble(-1, 1);
      }
    }
    return out;
  }

  private static double meanError(double[][] predicted, double[][] truth) {
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      sum += Math.hypot(predicted[i][0] - truth[i][0], predicted[i][1] - truth[i][1]);
    }
    return sum / truth.length;
  }

  @Test
  void frozenSparRepresentationsLocateTheSourceBetterThanTheCentreGuess() {
    List<SensorScene> train = SparModelTest.pulses(400, 6, 5);
    List<SensorScene> test = SparModelTest.pulses(60, 6, 6);
    double[][] truth = sources(60, 6, 6);
    SparConfig config =
        new SparConfig(
            WINDOW, 4, 2, 32, 4, 1, 16, 0.3, true, true, 0.25, 0.25, 1, 1, 10, 16, 3e-3, 8);
    SparProbe.Settings settings = new SparProbe.Settings(32, 60, 32, 3e-3, 1);
    try (SparModel model = SparModel.pretrain(train, config, SparModel.Listener.NONE);
        SparProbe probe =
            SparProbe.regression(model.nodeRepresentations(train), sources(400, 6, 5), settings)) {
      double error = meanError(probe.predict(model.nodeRepresentations(test)), truth);
      // The baseline guesses the centre of the source distribution, (0, 0) m, for every scene.
      double centreGuess = meanError(new double[60][2], truth);
      assertThat(error).isLessThan(0.7 * centreGuess);
    }
  }

  @Test
  void mismatchedOrNonFiniteInputIsRefused() {
    SparProbe.Settings settings = new SparProbe.Settings(4, 1, 4, 1e-2, 1);
    List<double[][]> three = List.of(new double[2][3], new double[1][3], new double[4][3]);
    assertThatThrownBy(() -> SparProbe.regression(three, new double[2][1], settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y has 2 rows: allowed one per scene of x, 3");
    assertThatThrownBy(
            () ->
                SparProbe.classification(
                    List.<double[][]>of(new double[][] {{1, Double.NaN}}),
                    new int[] {0},
                    2,
                    settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x[0][0][1] = NaN: allowed finite values only");
    assertThatThrownBy(
            () ->
                SparProbe.classification(
                    List.of(new double[2][3], new double[2][4]), new int[] {0, 1}, 2, settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x[1] has 4 features per node: allowed 3");
    assertThatThrownBy(() -> SparProbe.classification(List.of(), new int[0], 2, settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x is empty (0 scenes)");
    assertThatThrownBy(
            () ->
                SparProbe.classification(
                    List.<double[][]>of(new double[2][3]), new int[] {2}, 2, settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels[0] = 2: allowed 0 to 1");
  }
}
