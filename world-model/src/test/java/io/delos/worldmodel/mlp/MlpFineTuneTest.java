package io.delos.worldmodel.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.sim.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class MlpFineTuneTest {
  private static MlpConfig config(int epochs) {
    return new MlpConfig(List.of(32, 32), epochs, 128, 1e-3, 0.2, 50, 7);
  }

  @Test
  void theListenerHearsEveryEpochAndFineTuningStartsFromTheTrainedWeights() {
    List<Trajectory> data = MlpDynamicsTest.data(6, 3);
    List<Double> fresh = new ArrayList<>();
    List<Integer> epochs = new ArrayList<>();
    MlpDynamics trained =
        MlpDynamics.train(
            data,
            config(4),
            (epoch, max, loss) -> {
              epochs.add(epoch);
              assertThat(max).isEqualTo(4);
              fresh.add(loss);
            });
    assertThat(epochs).containsExactly(1, 2, 3, 4);
    assertThat(trained.hidden()).containsExactly(32, 32);

    List<Double> tuned = new ArrayList<>();
    try (MlpDynamics again =
        trained.fineTune(data, config(2), (epoch, max, loss) -> tuned.add(loss))) {
      assertThat(tuned).hasSize(2);
      // Warm-started from trained weights, the first epoch beats the first epoch from scratch.
      assertThat(tuned.get(0)).isLessThan(fresh.get(0));
      assertThat(again.observationSize()).isEqualTo(5);
    }
    trained.close();
  }

  @Test
  void aListenerCanStopTrainingAndSizesMustMatch() {
    List<Trajectory> data = MlpDynamicsTest.data(2, 4);
    int[] heard = new int[1];
    MlpDynamics.TrainingListener stopAfterOne =
        new MlpDynamics.TrainingListener() {
          @Override
          public void onEpoch(int epoch, int maxEpochs, double validationLoss) {
            heard[0]++;
          }

          @Override
          public boolean stopRequested() {
            return heard[0] >= 1;
          }
        };
    assertThatThrownBy(() -> MlpDynamics.train(data, config(5), stopAfterOne))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("after 1 epochs");
    try (MlpDynamics m = MlpDynamics.train(data, config(1))) {
      Trajectory other =
          Trajectory.of(
              "other",
              2,
              1,
              new double[] {0, 1},
              new double[4],
              new double[2],
              new double[2],
              new int[] {1, 0});
      assertThatThrownBy(
              () -> m.fineTune(List.of(other), config(1), MlpDynamics.TrainingListener.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2x1");
    }
  }
}
