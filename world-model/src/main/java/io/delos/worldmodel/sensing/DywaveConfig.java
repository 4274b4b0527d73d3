package io.delos.worldmodel.sensing;

/**
 * Settings of the Dywave tokenizer. Lengths are in samples of the stream being tokenized.
 *
 * @param wavelet filters of the stationary transform
 * @param levels detail levels J summed into the boundary score, 1 to 12
 * @param thresholdMads k in the robust threshold log τ = median(log S) + k·1.4826·MAD(log S), 0 to
 *     100
 * @param minGap fewest samples between two boundaries, and between a boundary and either end of the
 *     stream, 1 to 100000
 * @param maxSegmentLength longest token in samples, minGap to 1000000; longer segments are split
 *     into equal parts
 * @param mergeRatio a segment whose mean boundary score is below mergeRatio times the median over
 *     segments counts as redundant and is merged into its quieter neighbour, 0 (never) to 1
 * @param shapeLength samples per channel in each token's resampled shape, 2 to 1024
 */
public record DywaveConfig(
    Wavelet wavelet,
    int levels,
    double thresholdMads,
    int minGap,
    int maxSegmentLength,
    double mergeRatio,
    int shapeLength) {
  /** Validates the settings. */
  public DywaveConfig {
    Checks.notNull("wavelet", wavelet);
    Checks.range("levels", levels, 1, 12);
    Checks.range("thresholdMads", thresholdMads, 0.0, 100.0);
    Checks.range("minGap", minGap, 1, 100_000);
    Checks.range("maxSegmentLength", maxSegmentLength, minGap, 1_000_000);
    Checks.range("mergeRatio", mergeRatio, 0.0, 1.0);
    Checks.range("shapeLength", shapeLength, 2, 1024);
  }

  /**
   * Settings that suit robot sensor streams sampled at 50 to 200 Hz, where events (foot strikes,
   * take-offs) come every few tenths of a second: Haar filters (whose level-j detail is the
   * difference of the means of two adjacent windows of 2^(j−1) samples, a step detector without
   * side lobes) over 4 levels; a threshold 1 MAD above the median log score; boundaries at least 8
   * samples apart; tokens of at most 128 samples; segments below a quarter of the median score
   * merged; 8-point shapes.
   *
   * <p>The threshold multiplier depends on how dense the events are: where events are rare, the
   * median score is the noise floor and a multiplier of about 3 keeps noise peaks out; where they
   * are dense, the median already lies on events and about 1 finds them.
   */
  public static DywaveConfig defaults() {
    return new DywaveConfig(Wavelet.HAAR, 4, 1.0, 8, 128, 0.25, 8);
  }

  /** The same settings with another minimum gap (and a maximum length at least as large). */
  public DywaveConfig withMinGap(int gap) {
    return new DywaveConfig(
        wavelet,
        levels,
        thresholdMads,
        gap,
        Math.max(gap, maxSegmentLength),
        mergeRatio,
        shapeLength);
  }

  /** The same settings with another longest token. */
  public DywaveConfig withMaxSegmentLength(int length) {
    return new DywaveConfig(
        wavelet, levels, thresholdMads, minGap, length, mergeRatio, shapeLength);
  }

  /** The same settings with another threshold multiplier. */
  public DywaveConfig withThresholdMads(double k) {
    return new DywaveConfig(wavelet, levels, k, minGap, maxSegmentLength, mergeRatio, shapeLength);
  }

  /** The same settings with another merge ratio. */
  public DywaveConfig withMergeRatio(double ratio) {
    return new DywaveConfig(
        wavelet, levels, thresholdMads, minGap, maxSegmentLength, ratio, shapeLength);
  }

  /** The same settings with another shape length. */
  public DywaveConfig withShapeLength(int length) {
    return new DywaveConfig(
        wavelet, levels, thresholdMads, minGap, maxSegmentLength, mergeRatio, length);
  }
}
