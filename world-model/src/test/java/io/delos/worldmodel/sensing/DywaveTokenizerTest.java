package io.delos.worldmodel.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DywaveTokenizerTest {
  /** How far a found boundary may lie from the true event, in samples. */
  private static final int SLACK = 3;

  /**
   * Four events in 1000 samples are rare, so the median score is the noise floor and a threshold
   * three MADs above it keeps noise peaks out (see {@link DywaveConfig#defaults()}).
   */
  private static final DywaveConfig SPARSE = DywaveConfig.defaults().withThresholdMads(3.0);

  /** The events built into {@link #events()}: step, onset of a turn, step, impact. */
  private static final int[] EVENTS = {200, 450, 700, 820};

  /**
   * Three channels, 1000 samples with noise of standard deviation 0.02: a level that steps at 200
   * and 700, a sinusoid whose period changes from 40 to 12 samples at 450, and a decaying impact at
   * 820.
   */
  private static double[][] events() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 1000;
    double[][] x = new double[3][n];
    for (int t = 0; t < n; t++) {
      x[0][t] = (t < 200 ? 0.0 : t < 700 ? 1.0 : 0.4) + 0.02 * r.nextGaussian();
      x[1][t] =
          0.3 * Math.sin(2 * Math.PI * t / 40) + (t >= 450 ? 0.5 : 0) + 0.02 * r.nextGaussian();
      x[2][t] = (t >= 820 ? 2.0 * Math.exp(-(t - 820) / 4.0) : 0) + 0.02 * r.nextGaussian();
    }
    return x;
  }

  @Test
  void boundariesFallOnTheConstructedEventsAndNowhereElse() {
    EventBoundaries found = new DywaveTokenizer(SPARSE).detect(events());

    assertThat(found.boundaries()).hasSize(EVENTS.length);
    for (int k = 0; k < EVENTS.length; k++) {
      assertThat(found.boundaries().get(k))
          .as("boundary near event %d", EVENTS[k])
          .isBetween(EVENTS[k] - SLACK, EVENTS[k] + SLACK);
    }
  }

  @Test
  void tokensTileTheStreamFollowTheEventsAndAreFarFewerThanPatches() {
    double[][] x = events();
    DywaveConfig config = SPARSE;
    Tokenization dywave = new DywaveTokenizer(config).tokenize(x);
    Tokenization patches = new FixedPatchTokenizer(16, config.shapeLength()).tokenize(x);

    assertThat(dywave.tokens().get(0).start()).isZero();
    assertThat(dywave.tokens().get(dywave.size() - 1).end()).isEqualTo(x[0].length);
    for (Token t : dywave.tokens()) {
      assertThat(t.length()).isLessThanOrEqualTo(config.maxSegmentLength());
      assertThat(t.shape().size()).isEqualTo(3 * config.shapeLength());
    }
    for (int event : EVENTS) {
      assertThat(java.util.Arrays.stream(dywave.boundaries()).boxed().toList())
          .as("a token starts near event %d", event)
          .anyMatch(b -> Math.abs(b - event) <= SLACK);
    }
    assertThat(dywave.size()).isLessThan(patches.size() / 4);
  }

  @Test
  void reconstructionOfAPiecewiseLinearStreamFromItsTokensIsExactAtSegmentEnds() {
    // Segment ends are resampling points, so a stream linear within every segment comes back.
    double[][] x = new double[1][64];
    for (int t = 0; t < 64; t++) {
      x[0][t] = t < 32 ? 0.5 * t : 40 - 0.25 * t;
    }
    Tokenization single =
        new Tokenization(1, 64, 2, List.of(Token.of(x, 0, 32, 2), Token.of(x, 32, 32, 2)));
    assertThat(single.reconstructionError(x)).isCloseTo(0, within(1e-12));

    Tokenization patches = new FixedPatchTokenizer(8, 8).tokenize(x);
    assertThat(patches.reconstructionError(x)).isCloseTo(0, within(1e-12));
  }

  @Test
  void dywaveReconstructsTheEventStreamAboutAsWellAsPatchesWithFewerTokens() {
    double[][] x = events();
    Tokenization dywave = new DywaveTokenizer(SPARSE.withShapeLength(32)).tokenize(x);
    double error = dywave.reconstructionError(x);
    // The noise (0.02) is the floor; the fast sinusoid needs ~3 points per period.
    assertThat(error).isLessThan(0.2);
    assertThat(error).isGreaterThan(0.0);
  }

  @Test
  void lowEnergyIntervalsAreMergedWhenTheRatioAllowsIt() {
    double[][] x = events();
    DywaveConfig config = SPARSE.withThresholdMads(0.5);
    int unmerged = new DywaveTokenizer(config.withMergeRatio(0)).tokenize(x).size();
    int merged = new DywaveTokenizer(config.withMergeRatio(1)).tokenize(x).size();
    assertThat(merged).isLessThan(unmerged);
  }

  @Test
  void aQuietSegmentAtAnotherLevelThanItsNeighbourIsNotMergedAway() {
    // Noise-free steps at 40 (size 1) and 80 (size 1.5): the segment before 40 is far quieter
    // than the others but one token could not describe it together with its neighbour.
    double[][] x = new double[1][128];
    for (int t = 0; t < 128; t++) {
      x[0][t] = t < 40 ? 0 : t < 80 ? 1 : -0.5;
    }
    Tokenization z = new DywaveTokenizer(SPARSE.withMergeRatio(1)).tokenize(x);
    assertThat(z.boundaries()).containsExactly(40, 80);
  }

  @Test
  void sameStreamGivesIdenticalTokens() {
    DywaveTokenizer tokenizer = new DywaveTokenizer(DywaveConfig.defaults());
    assertThat(tokenizer.tokenize(events())).isEqualTo(tokenizer.tokenize(events()));
  }

  @Test
  void invalidStreamsAndSettingsAreRefusedWithFieldValueAndAllowedRange() {
    DywaveTokenizer tokenizer = new DywaveTokenizer(DywaveConfig.defaults());
    assertThatThrownBy(() -> tokenizer.tokenize(new double[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream has no channels");
    assertThatThrownBy(() -> tokenizer.tokenize(new double[][] {{}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream[0] is empty");
    double[][] nan = new double[2][64];
    nan[1][7] = Double.NaN;
    assertThatThrownBy(() -> tokenizer.tokenize(nan))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream[1][7] = NaN");
    assertThatThrownBy(() -> tokenizer.tokenize(new double[][] {new double[64], new double[63]}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream[1] has length 63");
    assertThatThrownBy(() -> tokenizer.tokenize(new double[1][15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15 samples: too short for levels = 4")
        .hasMessageContaining(">= 2^4 = 16");
    assertThatThrownBy(() -> DywaveConfig.defaults().withThresholdMads(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thresholdMads = NaN: allowed 0.0 to 100.0");
    assertThatThrownBy(() -> DywaveConfig.defaults().withMaxSegmentLength(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSegmentLength = 4: allowed 8 to");
    assertThatThrownBy(() -> new FixedPatchTokenizer(0, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patchLength = 0: allowed 1 to");
  }
}
