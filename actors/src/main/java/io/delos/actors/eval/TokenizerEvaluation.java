package io.delos.actors.eval;

import io.delos.worldmodel.sensing.DywaveConfig;
import io.delos.worldmodel.sensing.DywaveTokenizer;
import io.delos.worldmodel.sensing.FixedPatchTokenizer;
import io.delos.worldmodel.sensing.TokenClassifier;
import io.delos.worldmodel.sensing.Tokenization;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Dywave evaluation: cheetah gait streams ({@link TokenizerData}) tokenized by Dywave and by
 * fixed patches; token counts, boundary F1 against the foot contact events, reconstruction error,
 * and the accuracy of the same {@link TokenClassifier} on either token sequence, in-domain and
 * under a domain shift (another sampling rate and actuation amplitude).
 *
 * <p>Lengths are set in seconds and converted to samples at each split's rate, for both tokenizers
 * alike. Streams are standardised per channel with the training streams' mean and deviation.
 */
public final class TokenizerEvaluation {
  /**
   * The protocol's settings.
   *
   * @param trainStreams training streams (in-domain)
   * @param testStreams streams in each test split
   * @param sampleRate in-domain samples per second, Hz
   * @param shiftRate samples per second of the shifted split, Hz
   * @param shiftAmplitude actuation amplitude factor of the shifted split
   * @param seconds duration of every stream, s
   * @param noiseLevels noise fractions used in turn
   * @param minGapSeconds Dywave's minimum gap, s
   * @param maxSegmentSeconds Dywave's longest token, s
   * @param patchSeconds the baselines' patch lengths, s, one baseline each
   * @param shapeLength points per channel in every token
   * @param toleranceSeconds how far a boundary may lie from an event and count, s
   * @param hidden the classifier's width
   * @param epochs the classifier's training passes
   * @param seed seeds data, weights and shuffling
   * @param command the command line that produced the report
   */
  public record Settings(
      int trainStreams,
      int testStreams,
      double sampleRate,
      double shiftRate,
      double shiftAmplitude,
      double seconds,
      List<Double> noiseLevels,
      double minGapSeconds,
      double maxSegmentSeconds,
      List<Double> patchSeconds,
      int shapeLength,
      double toleranceSeconds,
      int hidden,
      int epochs,
      long seed,
      String command) {}

  /**
   * The fixed-patch baseline's figures on one split.
   *
   * @param seconds patch length, s
   * @param tokens mean patches per stream
   * @param rmse reconstruction RMSE, standardised units
   * @param accuracy classification accuracy
   */
  public record PatchResult(double seconds, double tokens, double rmse, double accuracy) {}

  /**
   * Measured figures of one split.
   *
   * @param name split name
   * @param dywaveTokens mean Dywave tokens per stream
   * @param detected boundary precision, recall and F1 of the detected boundaries (before merging)
   * @param tokenBoundaries the same for the token boundaries (after merging and splitting)
   * @param dywaveRmse reconstruction RMSE of Dywave tokens, standardised units
   * @param dywaveAccuracy classification accuracy on Dywave tokens
   * @param patches the baselines, one per patch length
   */
  public record SplitResult(
      String name,
      double dywaveTokens,
      double[] detected,
      double[] tokenBoundaries,
      double dywaveRmse,
      double dywaveAccuracy,
      List<PatchResult> patches) {
    /** 1 − Dywave tokens / patches of baseline i. */
    public double reduction(int i) {
      return 1 - dywaveTokens / patches.get(i).tokens();
    }
  }

  /**
   * The report.
   *
   * @param test the in-domain test split
   * @param shift the shifted split
   * @param markdown the report as a Markdown section
   */
  public record Report(SplitResult test, SplitResult shift, String markdown) {}

  private TokenizerEvaluation() {}

  /** Runs the protocol, printing progress lines to {@code progress}. */
  public static Report run(Settings s, PrintStream progress) {
    long started = System.nanoTime();
    List<Double> noise = s.noiseLevels();
    List<TokenizerData.Stream> train =
        TokenizerData.generate(
            new TokenizerData.Spec(s.trainStreams(), s.sampleRate(), s.seconds(), 1, noise),
            s.seed());
    List<TokenizerData.Stream> test =
        TokenizerData.generate(
            new TokenizerData.Spec(s.testStreams(), s.sampleRate(), s.seconds(), 1, noise),
            s.seed() + 1);
    List<TokenizerData.Stream> shift =
        TokenizerData.generate(
            new TokenizerData.Spec(
                s.testStreams(), s.shiftRate(), s.seconds(), s.shiftAmplitude(), noise),
            s.seed() + 2);
    progress.printf(
        Locale.ROOT,
        "eval tokenizer: %d + %d + %d streams simulated in %.1f s%n",
        train.size(),
        test.size(),
        shift.size(),
        (System.nanoTime() - started) * 1e-9);

    int channels = train.get(0).stream().length;
    double[] mean = new double[channels];
    double[] std = new double[channels];
    long count = 0;
    for (TokenizerData.Stream x : train) {
      for (int c = 0; c < channels; c++) {
        for (double v : x.stream()[c]) {
          mean[c] += v;
          std[c] += v * v;
        }
      }
      count += x.stream()[0].length;
    }
    for (int c = 0; c < channels; c++) {
      mean[c] /= count;
      std[c] = Math.sqrt(Math.max(std[c] / count - mean[c] * mean[c], 0)) + 1e-9;
    }

    Tokenized trainTokens = tokenize(train, s, mean, std);
    Tokenized testTokens = tokenize(test, s, mean, std);
    Tokenized shiftTokens = tokenize(shift, s, mean, std);
    TokenClassifier.Settings cs =
        new TokenClassifier.Settings(s.hidden(), s.epochs(), 16, 3e-3, s.seed());
    int classes = TokenizerData.ACTIVITIES.size();
    double[] dywaveAccuracy;
    try (TokenClassifier dy = TokenClassifier.fit(trainTokens.dywave, classes, cs)) {
      dywaveAccuracy =
          new double[] {dy.accuracy(testTokens.dywave), dy.accuracy(shiftTokens.dywave)};
    }
    progress.printf(
        Locale.ROOT,
        "eval tokenizer: Dywave classifier %.3f in-domain, %.3f shifted%n",
        dywaveAccuracy[0],
        dywaveAccuracy[1]);
    double[][] patchAccuracy = new double[s.patchSeconds().size()][];
    for (int p = 0; p < patchAccuracy.length; p++) {
      try (TokenClassifier patch = TokenClassifier.fit(trainTokens.patches.get(p), classes, cs)) {
        patchAccuracy[p] =
            new double[] {
              patch.accuracy(testTokens.patches.get(p)), patch.accuracy(shiftTokens.patches.get(p))
            };
      }
      progress.printf(
          Locale.ROOT,
          "eval tokenizer: %.0f ms patch classifier %.3f in-domain, %.3f shifted%n",
          s.patchSeconds().get(p) * 1000,
          patchAccuracy[p][0],
          patchAccuracy[p][1]);
    }
    SplitResult testResult =
        result("in-domain test", test, testTokens, s, dywaveAccuracy[0], patchAccuracy, 0);
    SplitResult shiftResult =
        result("shifted test", shift, shiftTokens, s, dywaveAccuracy[1], patchAccuracy, 1);
    double seconds = (System.nanoTime() - started) * 1e-9;
    progress.printf(Locale.ROOT, "eval tokenizer: done in %.1f s%n", seconds);
    return new Report(testResult, shiftResult, markdown(s, testResult, shiftResult, seconds));
  }

  private record Tokenized(
      List<TokenClassifier.Example> dywave,
      List<List<TokenClassifier.Example>> patches,
      List<int[]> detected,
      List<double[]> dywaveErrors,
      List<double[]> patchErrors) {}

  private static Tokenized tokenize(
      List<TokenizerData.Stream> streams, Settings s, double[] mean, double[] std) {
    List<TokenClassifier.Example> dywave = new ArrayList<>();
    List<List<TokenClassifier.Example>> patches = new ArrayList<>();
    for (int p = 0; p < s.patchSeconds().size(); p++) {
      patches.add(new ArrayList<>());
    }
    List<int[]> detected = new ArrayList<>();
    List<double[]> dywaveErrors = new ArrayList<>();
    List<double[]> patchErrors = new ArrayList<>();
    for (TokenizerData.Stream x : streams) {
      double rate = x.sampleRate();
      double[][] z = standardise(x.stream(), mean, std);
      DywaveTokenizer dy = new DywaveTokenizer(dywaveConfig(s, rate));
      Tokenization dz = dy.tokenize(z);
      dywave.add(new TokenClassifier.Example(dz, rate, x.label()));
      detected.add(dy.detect(z).boundaries().stream().mapToInt(Integer::intValue).toArray());
      dywaveErrors.add(new double[] {dz.reconstructionError(z)});
      double[] errors = new double[s.patchSeconds().size()];
      for (int p = 0; p < errors.length; p++) {
        FixedPatchTokenizer fp =
            new FixedPatchTokenizer(samples(s.patchSeconds().get(p), rate), s.shapeLength());
        Tokenization pz = fp.tokenize(z);
        patches.get(p).add(new TokenClassifier.Example(pz, rate, x.label()));
        errors[p] = pz.reconstructionError(z);
      }
      patchErrors.add(errors);
    }
    return new Tokenized(dywave, patches, detected, dywaveErrors, patchErrors);
  }

  static DywaveConfig dywaveConfig(Settings s, double rate) {
    return DywaveConfig.defaults()
        .withShapeLength(s.shapeLength())
        .withMinGap(samples(s.minGapSeconds(), rate))
        .withMaxSegmentLength(samples(s.maxSegmentSeconds(), rate));
  }

  private static int samples(double seconds, double rate) {
    return Math.max(1, (int) Math.round(seconds * rate));
  }

  private static double[][] standardise(double[][] x, double[] mean, double[] std) {
    double[][] z = new double[x.length][];
    for (int c = 0; c < x.length; c++) {
      z[c] = new double[x[c].length];
      for (int k = 0; k < x[c].length; k++) {
        z[c][k] = (x[c][k] - mean[c]) / std[c];
      }
    }
    return z;
  }

  private static SplitResult result(
      String name,
      List<TokenizerData.Stream> streams,
      Tokenized t,
      Settings s,
      double dywaveAccuracy,
      double[][] patchAccuracy,
      int split) {
    int n = streams.size();
    int baselines = s.patchSeconds().size();
    double dyTokens = 0;
    double dyError = 0;
    double[] patchTokens = new double[baselines];
    double[] patchError = new double[baselines];
    int[] detected = new int[3];
    int[] tokens = new int[3];
    for (int i = 0; i < n; i++) {
      TokenizerData.Stream x = streams.get(i);
      Tokenization dy = t.dywave.get(i).tokens();
      dyTokens += dy.size();
      dyError += t.dywaveErrors.get(i)[0];
      for (int p = 0; p < baselines; p++) {
        patchTokens[p] += t.patches.get(p).get(i).tokens().size();
        patchError[p] += t.patchErrors.get(i)[p];
      }
      int tolerance = samples(s.toleranceSeconds(), x.sampleRate());
      count(detected, x.events(), t.detected.get(i), tolerance);
      count(tokens, x.events(), dy.boundaries(), tolerance);
    }
    List<PatchResult> patches = new ArrayList<>();
    for (int p = 0; p < baselines; p++) {
      patches.add(
          new PatchResult(
              s.patchSeconds().get(p),
              patchTokens[p] / n,
              patchError[p] / n,
              patchAccuracy[p][split]));
    }
    return new SplitResult(
        name, dyTokens / n, scores(detected), scores(tokens), dyError / n, dywaveAccuracy, patches);
  }

  /** Adds matched, found and true counts of one stream. */
  private static void count(int[] sums, List<Integer> events, int[] boundaries, int tolerance) {
    sums[0] += matches(events, boundaries, tolerance);
    sums[1] += boundaries.length;
    sums[2] += events.size();
  }

  /** Precision, recall and F1 from matched, found and true counts. */
  private static double[] scores(int[] sums) {
    double precision = sums[1] == 0 ? 0 : (double) sums[0] / sums[1];
    double recall = sums[2] == 0 ? 0 : (double) sums[0] / sums[2];
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new double[] {precision, recall, f1};
  }

  /** Events matched one-to-one to boundaries within {@code tolerance} samples, nearest first. */
  static int matches(List<Integer> events, int[] boundaries, int tolerance) {
    boolean[] used = new boolean[boundaries.length];
    int matched = 0;
    for (int e : events) {
      int best = -1;
      for (int j = 0; j < boundaries.length; j++) {
        if (!used[j]
            && Math.abs(boundaries[j] - e) <= tolerance
            && (best < 0 || Math.abs(boundaries[j] - e) < Math.abs(boundaries[best] - e))) {
          best = j;
        }
      }
      if (best >= 0) {
        used[best] = true;
        matched++;
      }
    }
    return matched;
  }

  private static String markdown(Settings s, SplitResult test, SplitResult shift, double seconds) {
    StringBuilder b = new StringBuilder();
    b.append("## Dywave\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "Produced by `%s` on %s (%d cores available to the JVM, %s), %.0f s.%n%n",
            s.command(),
            LocalDate.now(ZoneOffset.UTC),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.arch"),
            seconds));
    b.append(
        String.format(
            Locale.ROOT,
            "Data: catalogue cheetah, open-loop gaits %s; %d training streams and %d per test split"
                + " of %.1f s; channels: body and joint velocities and foot contacts; Gaussian"
                + " noise of %s of each channel's spread, in turn. In-domain %.0f Hz; shifted"
                + " split %.0f Hz with actuation amplitude x%.2f. Events: foot strikes and"
                + " take-offs of the noise-free simulation; a boundary counts within %.0f ms."
                + " Dywave: minimum gap %.0f ms, longest token %.2f s; patches of %s s; %d"
                + " points per channel in every token; classifier: %d hidden units, %d epochs.%n%n",
            TokenizerData.ACTIVITIES,
            s.trainStreams(),
            s.testStreams(),
            s.seconds(),
            s.noiseLevels(),
            s.sampleRate(),
            s.shiftRate(),
            s.shiftAmplitude(),
            s.toleranceSeconds() * 1000,
            s.minGapSeconds() * 1000,
            s.maxSegmentSeconds(),
            s.patchSeconds(),
            s.shapeLength(),
            s.hidden(),
            s.epochs()));
    b.append(
        "| split | tokenizer | tokens per stream | fewer than this baseline's patches | boundary"
            + " P / R / F1 | classifier accuracy | reconstruction RMSE |\n");
    b.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (SplitResult r : List.of(test, shift)) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | Dywave | %.1f | | detected %.3f / %.3f / %.3f; token boundaries %.3f /"
                  + " %.3f / %.3f | %.3f | %.3f |%n",
              r.name(),
              r.dywaveTokens(),
              r.detected()[0],
              r.detected()[1],
              r.detected()[2],
              r.tokenBoundaries()[0],
              r.tokenBoundaries()[1],
              r.tokenBoundaries()[2],
              r.dywaveAccuracy(),
              r.dywaveRmse()));
      for (int p = 0; p < r.patches().size(); p++) {
        PatchResult q = r.patches().get(p);
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | patches %.0f ms | %.1f | %.1f%% | | %.3f | %.3f |%n",
                r.name(),
                q.seconds() * 1000,
                q.tokens(),
                100 * r.reduction(p),
                q.accuracy(),
                q.rmse()));
      }
    }
    b.append(
        "\nBoundary scores: detected boundaries are the events Dywave found before merging;"
            + " token boundaries are where its tokens start after merging and splitting. RMSE is"
            + " the reconstruction from the tokens in standardised units (channel spreads).\n");
    return b.toString();
  }
}
