package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenClassifierTest {
  /**
   * Two classes of noisy two-channel streams that differ only in where a step sits relative to a
   * burst: step then burst, or burst then step. Per-sample statistics are the same; the order of
   * the tokens tells them apart.
   */
  private static List<TokenClassifier.Example> streams(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FixedPatchTokenizer patches = new FixedPatchTokenizer(16, 8);
    List<TokenClassifier.Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int label = i % 2;
      int n = 256;
      double[][] x = new double[2][n];
      int first = 40 + r.nextInt(40);
      int second = 150 + r.nextInt(40);
      int step = label == 0 ? first : second;
      int burst = label == 0 ? second : first;
      for (int t = 0; t < n; t++) {
        x[0][t] = (t >= step ? 1 : 0) + 0.1 * r.nextGaussian();
        x[1][t] = (t >= burst && t < burst + 20 ? Math.sin(t * 1.3) : 0) + 0.1 * r.nextGaussian();
      }
      out.add(new TokenClassifier.Example(patches.tokenize(x), 100, label));
    }
    return out;
  }

  @Test
  void learnsTheOrderOfEventsFarAboveChance() {
    TokenClassifier.Settings settings = new TokenClassifier.Settings(16, 30, 16, 3e-3, 3);
    try (TokenClassifier model = TokenClassifier.fit(streams(80, 1), 2, settings)) {
      double accuracy = model.accuracy(streams(40, 2));
      // Chance is 0.5 for two balanced classes.
      assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
      assertThat(model.parameterCount())
          .isEqualTo((18L * 16 + 16) + (48L * 16 + 16) + (32L * 2 + 2));
    }
  }

  @Test
  void emptyTrainingSetsAndLabelsOutOfRangeAreRefused() {
    TokenClassifier.Settings settings = new TokenClassifier.Settings(8, 1, 4, 1e-3, 1);
    assertThatThrownBy(() -> TokenClassifier.fit(List.of(), 2, settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train is empty");
    List<TokenClassifier.Example> data = streams(4, 1);
    assertThatThrownBy(() -> TokenClassifier.fit(data, 1, settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("classes = 1: allowed 2 to 1000");
    assertThatThrownBy(() -> new TokenClassifier.Settings(8, 1, 4, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learningRate = 0.0: allowed in (0, 1]");
  }
}
