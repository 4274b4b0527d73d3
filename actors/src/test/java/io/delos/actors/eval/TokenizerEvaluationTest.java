package io.delos.actors.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerEvaluationTest {
  @Test
  void contactBouncesAreNotEventsAndNearbyFeetMergeIntoOne() {
    double rate = 100;
    double[][] clean = new double[2][60];
    // Foot 0 lands at 10, bounces off for one sample at 20, takes off at 40.
    for (int k = 10; k < 40; k++) {
      clean[0][k] = k == 20 ? 0 : 1;
    }
    // Foot 1 lands at 12 (within 50 ms of foot 0) and at 50.
    for (int k = 12; k < 30; k++) {
      clean[1][k] = 1;
    }
    for (int k = 50; k < 60; k++) {
      clean[1][k] = 1;
    }
    assertThat(TokenizerData.events(clean, List.of(0, 1), rate)).containsExactly(10, 30, 40, 50);
  }

  @Test
  void sameSeedGivesIdenticalStreamsAndEveryGaitHasFootEvents() {
    TokenizerData.Spec spec = new TokenizerData.Spec(5, 100, 2, 1, List.of(0.05));
    List<TokenizerData.Stream> a = TokenizerData.generate(spec, 7);
    List<TokenizerData.Stream> b = TokenizerData.generate(spec, 7);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).label()).isEqualTo(i % TokenizerData.ACTIVITIES.size());
      assertThat(Arrays.deepEquals(a.get(i).stream(), b.get(i).stream())).isTrue();
      assertThat(a.get(i).events()).isEqualTo(b.get(i).events()).isNotEmpty();
      assertThat(a.get(i).stream()).hasNumberOfRows(TokenizerData.channels().size());
      assertThat(a.get(i).stream()[0]).hasSize(200);
    }
  }

  @Test
  void aTinyRunMeasuresEveryFigureAndWritesTheTable() {
    TokenizerEvaluation.Settings tiny =
        new TokenizerEvaluation.Settings(
            10,
            5,
            100,
            60,
            1.3,
            2,
            List.of(0.05),
            0.05,
            1.28,
            List.of(0.08, 0.16),
            8,
            0.05,
            8,
            2,
            3,
            "test");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TokenizerEvaluation.Report r =
        TokenizerEvaluation.run(tiny, new PrintStream(log, true, StandardCharsets.UTF_8));

    for (TokenizerEvaluation.SplitResult s : List.of(r.test(), r.shift())) {
      assertThat(s.dywaveTokens()).isPositive();
      assertThat(s.detected()[2]).isBetween(0.0, 1.0);
      assertThat(s.tokenBoundaries()[2]).isBetween(0.0, 1.0);
      assertThat(s.dywaveAccuracy()).isBetween(0.0, 1.0);
      assertThat(s.patches()).hasSize(2);
      // 2 s in 80 ms and 160 ms patches at 100 Hz (in-domain) or 60 Hz (shifted).
      assertThat(s.patches().get(0).tokens()).isIn(25.0, 24.0);
      assertThat(s.patches().get(1).tokens()).isIn(13.0, 12.0);
    }
    assertThat(r.markdown())
        .contains("## Dywave")
        .contains("| in-domain test | Dywave |")
        .contains("| shifted test | patches 160 ms |");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("eval tokenizer: done");
  }
}
