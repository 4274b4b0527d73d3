package io.delos.actors.eval;

import io.delos.worldmodel.sensing.SensorScene;
import io.delos.worldmodel.sensing.SparCheckpoint;
import io.delos.worldmodel.sensing.SparConfig;
import io.delos.worldmodel.sensing.SparModel;
import io.delos.worldmodel.sensing.SparProbe;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SPAR evaluation on the floor-sensor field ({@link SensingData}): SPAR against the same model
 * without placement embeddings and the same model pretrained on signal reconstruction only, each
 * pretrained on training layouts, with localisation and strength-classification heads fitted on its
 * frozen representations, and all scored on held-out layouts with 1 to 3 nodes dropped.
 *
 * <p>Training scenes drop 0 to 3 nodes as well, so that every variant sees incomplete layouts in
 * training. Impacts are split by simulated run: training impacts come from runs drawn from {@code
 * seed}, test impacts from runs drawn from another seed.
 */
public final class SensingEvaluation {
  /**
   * The protocol's settings.
   *
   * @param trainImpacts impacts of the training scenes
   * @param testImpacts impacts of the test scenes
   * @param trainLayouts layouts used in training (indices 0 to trainLayouts − 1)
   * @param heldOutLayouts layouts used only in the test (the next indices)
   * @param validation score on the validation split instead of the test split: another set of
   *     held-out layouts (the indices after the test layouts) and impacts of other simulated runs,
   *     for choosing settings without looking at the test split
   * @param noise noise standard deviation relative to a light impact's amplitude at 1 m
   * @param spar SPAR's settings; the ablations derive from it
   * @param probe the heads' settings
   * @param seeds model seeds run in turn (data stay the same)
   * @param seed seeds the data
   * @param command the command line that produced the report
   */
  public record Settings(
      int trainImpacts,
      int testImpacts,
      int trainLayouts,
      int heldOutLayouts,
      boolean validation,
      double noise,
      SparConfig spar,
      SparProbe.Settings probe,
      int seeds,
      long seed,
      String command) {
    /** Validates the counts. */
    public Settings {
      if (trainImpacts < 10 || testImpacts < 10) {
        throw new IllegalArgumentException(
            "trainImpacts = "
                + trainImpacts
                + ", testImpacts = "
                + testImpacts
                + ": allowed >= 10");
      }
      if (trainLayouts < 1 || heldOutLayouts < 1) {
        throw new IllegalArgumentException(
            "trainLayouts = "
                + trainLayouts
                + ", heldOutLayouts = "
                + heldOutLayouts
                + ": allowed >= 1 each");
      }
      if (seeds < 1 || seeds > 20) {
        throw new IllegalArgumentException("seeds = " + seeds + ": allowed 1 to 20");
      }
    }
  }

  /**
   * Figures of one variant, averaged over the seeds.
   *
   * @param name variant
   * @param errorMetres mean distance between predicted and true impact position, m
   * @param errorSpread standard deviation of that mean over the seeds, m
   * @param accuracy share of test scenes whose strength class is right
   * @param accuracySpread standard deviation of that share over the seeds
   * @param seconds wall time of pretraining and fitting, all seeds, s
   */
  public record Row(
      String name,
      double errorMetres,
      double errorSpread,
      double accuracy,
      double accuracySpread,
      double seconds) {}

  /**
   * The measured figures.
   *
   * @param rows SPAR first, then the two ablations
   * @param centreError error of predicting the training impacts' mean position, m
   * @param majority accuracy of predicting the training set's most common class
   * @param parameters SPAR's scalar parameters
   * @param markdown the report as a Markdown section
   */
  public record Report(
      List<Row> rows, double centreError, double majority, long parameters, String markdown) {}

  private SensingEvaluation() {}

  /** The training and test samples of the protocol. */
  private record Split(List<SensingData.Sample> train, List<SensingData.Sample> test) {}

  /**
   * Simulates the training scenes (training layouts, 0 to 3 nodes dropped) and the test scenes
   * (held-out layouts, 1 to 3 nodes dropped) of the protocol.
   */
  private static Split split(Settings s, PrintStream log) {
    long t0 = System.nanoTime();
    List<SensingData.Impact> trainImpacts = SensingData.impacts(s.trainImpacts(), s.seed());
    List<SensingData.Impact> testImpacts =
        SensingData.impacts(
            s.testImpacts(), s.validation() ? s.seed() ^ 0x3C6EF372L : s.seed() ^ 0x7F4A7C15L);
    double[] thresholds = SensingData.terciles(trainImpacts);
    List<Integer> trainLayouts = new ArrayList<>();
    List<Integer> heldOut = new ArrayList<>();
    for (int i = 0; i < s.trainLayouts(); i++) {
      trainLayouts.add(i);
    }
    for (int i = 0; i < s.heldOutLayouts(); i++) {
      heldOut.add(s.trainLayouts() + (s.validation() ? s.heldOutLayouts() : 0) + i);
    }
    List<SensingData.Sample> train =
        SensingData.scenes(
            trainImpacts, trainLayouts, s.seed(), thresholds, 0, 3, s.noise(), s.seed());
    List<SensingData.Sample> test =
        SensingData.scenes(
            testImpacts,
            heldOut,
            s.seed(),
            thresholds,
            1,
            3,
            s.noise(),
            s.seed() + (s.validation() ? 2 : 1));
    log.printf(
        Locale.ROOT,
        "sensing: %d training and %d test scenes from the simulator in %.1f s%n",
        train.size(),
        test.size(),
        (System.nanoTime() - t0) / 1e9);
    return new Split(train, test);
  }

  /**
   * What {@link #trainAndSave} measured on the held-out layouts.
   *
   * @param version the saved model's version (CRC-32 of its parameters)
   * @param errorMetres mean distance between the located and the true impact position, m
   * @param uncertainty per-axis root-mean-square error, m, saved as the model's uncertainty
   * @param centreError error of guessing the training impacts' mean position, m
   * @param seconds wall time of simulating, pretraining and fitting, s
   */
  public record Saved(
      String version, double errorMetres, double uncertainty, double centreError, double seconds) {}

  /**
   * Pretrains SPAR ({@code s.spar()}, one seed) on the protocol's training scenes, fits the
   * localisation head on its frozen representations, scores the head on the held-out layouts and
   * saves model and head in {@code folder} ({@link SparCheckpoint}), for {@code SensingService}.
   *
   * @param s the protocol's settings; {@code seeds} is ignored
   * @param folder where to save
   * @param log receives progress lines
   */
  public static Saved trainAndSave(Settings s, Path folder, PrintStream log) {
    long t0 = System.nanoTime();
    Split split = split(s, log);
    List<SensorScene> trainScenes = split.train().stream().map(SensingData.Sample::scene).toList();
    List<SensorScene> testScenes = split.test().stream().map(SensingData.Sample::scene).toList();
    double[][] trainXy = positions(split.train());
    double[][] testXy = positions(split.test());
    SparConfig config = s.spar();
    try (SparModel model =
        SparModel.pretrain(
            trainScenes,
            config,
            (epoch, loss) ->
                log.printf(
                    Locale.ROOT,
                    "sensing: pretraining epoch %d/%d, loss %.4f%n",
                    epoch,
                    config.epochs(),
                    loss))) {
      try (SparProbe locate =
          SparProbe.regression(model.nodeRepresentations(trainScenes), trainXy, s.probe())) {
        double[][] predicted = locate.predict(model.nodeRepresentations(testScenes));
        double error = meanError(predicted, testXy);
        double squares = 0;
        for (int i = 0; i < testXy.length; i++) {
          double dx = predicted[i][0] - testXy[i][0];
          double dy = predicted[i][1] - testXy[i][1];
          squares += (dx * dx + dy * dy) / 2;
        }
        double uncertainty = Math.sqrt(squares / testXy.length);
        double centreError = meanError(centreGuess(trainXy, testXy.length), testXy);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("command", s.command());
        notes.put("trainScenes", Integer.toString(trainScenes.size()));
        notes.put("heldOutScenes", Integer.toString(testScenes.size()));
        notes.put("heldOutErrorMetres", Double.toString(error));
        notes.put("centreGuessErrorMetres", Double.toString(centreError));
        notes.put("finished", Instant.now().toString());
        String version =
            SparCheckpoint.write(
                folder,
                model,
                locate,
                SensingData.MOUNTINGS,
                SensingData.MODALITIES,
                SensingData.SAMPLE_RATE,
                uncertainty,
                notes);
        return new Saved(version, error, uncertainty, centreError, (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /** Runs the protocol; progress lines go to {@code log}. */
  public static Report run(Settings s, PrintStream log) {
    Split split = split(s, log);
    List<SensingData.Sample> train = split.train();
    List<SensingData.Sample> test = split.test();

    double[][] trainXy = positions(train);
    double[][] testXy = positions(test);
    int[] trainLabels = train.stream().mapToInt(SensingData.Sample::strengthClass).toArray();
    int[] testLabels = test.stream().mapToInt(SensingData.Sample::strengthClass).toArray();
    double centreError = meanError(centreGuess(trainXy, testXy.length), testXy);
    int[] counts = new int[SensingData.STRENGTHS.size()];
    for (int l : trainLabels) {
      counts[l]++;
    }
    int most = 0;
    for (int c = 1; c < counts.length; c++) {
      most = counts[c] > counts[most] ? c : most;
    }
    int right = 0;
    for (int l : testLabels) {
      right += l == most ? 1 : 0;
    }
    double majority = (double) right / testLabels.length;

    List<SensorScene> trainScenes = train.stream().map(SensingData.Sample::scene).toList();
    List<SensorScene> testScenes = test.stream().map(SensingData.Sample::scene).toList();
    List<String> names =
        List.of("SPAR", "without placement embeddings", "signal reconstruction only");
    List<SparConfig> configs =
        List.of(s.spar(), s.spar().withoutPlacement(), s.spar().withSignalReconstructionOnly());
    List<Row> rows = new ArrayList<>();
    long parameters = 0;
    for (int v = 0; v < configs.size(); v++) {
      long start = System.nanoTime();
      double[] errors = new double[s.seeds()];
      double[] accuracies = new double[s.seeds()];
      for (int k = 0; k < s.seeds(); k++) {
        SparConfig config = configs.get(v).withSeed(configs.get(v).seed() + k);
        String name = names.get(v);
        int seedIndex = k;
        try (SparModel model =
            SparModel.pretrain(
                trainScenes,
                config,
                (epoch, loss) -> {
                  if (epoch == config.epochs()) {
                    log.printf(
                        Locale.ROOT,
                        "eval sensing: %s seed %d pretrained, last epoch loss %.4f%n",
                        name,
                        seedIndex,
                        loss);
                  }
                })) {
          parameters = v == 0 ? model.parameterCount() : parameters;
          List<double[][]> trainFeatures = model.nodeRepresentations(trainScenes);
          List<double[][]> testFeatures = model.nodeRepresentations(testScenes);
          SparProbe.Settings probe =
              new SparProbe.Settings(
                  s.probe().hidden(),
                  s.probe().epochs(),
                  s.probe().batchSize(),
                  s.probe().learningRate(),
                  s.probe().seed() + k);
          try (SparProbe locate = SparProbe.regression(trainFeatures, trainXy, probe);
              SparProbe classify =
                  SparProbe.classification(
                      trainFeatures, trainLabels, SensingData.STRENGTHS.size(), probe)) {
            errors[k] = meanError(locate.predict(testFeatures), testXy);
            int[] predicted = classify.classify(testFeatures);
            int hits = 0;
            for (int i = 0; i < predicted.length; i++) {
              hits += predicted[i] == testLabels[i] ? 1 : 0;
            }
            accuracies[k] = (double) hits / predicted.length;
          }
        }
        log.printf(
            Locale.ROOT,
            "eval sensing: %s seed %d: error %.3f m, accuracy %.3f%n",
            names.get(v),
            k,
            errors[k],
            accuracies[k]);
      }
      rows.add(
          new Row(
              names.get(v),
              mean(errors),
              spread(errors),
              mean(accuracies),
              spread(accuracies),
              (System.nanoTime() - start) / 1e9));
    }
    return new Report(
        rows,
        centreError,
        majority,
        parameters,
        markdown(s, rows, centreError, majority, parameters, train.size(), test.size()));
  }

  private static String markdown(
      Settings s,
      List<Row> rows,
      double centreError,
      double majority,
      long parameters,
      int trainCount,
      int testCount) {
    StringBuilder b = new StringBuilder();
    b.append("### Floor sensor field: impact localisation and strength class");
    b.append(s.validation() ? " (validation split)\n\n" : "\n\n");
    b.append("Produced by `").append(s.command()).append("` on ");
    b.append(LocalDate.now(ZoneOffset.UTC)).append(" (UTC), ");
    b.append(Runtime.getRuntime().availableProcessors()).append(" CPU cores.\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%d training scenes on %d layouts (0 to 3 nodes dropped), %d test scenes on %d held-out"
                + " layouts (1 to 3 of %d nodes dropped); %d model seed(s); SPAR has %d parameters"
                + " (width %d, %d blocks).%n%n",
            trainCount,
            s.trainLayouts(),
            testCount,
            s.heldOutLayouts(),
            SensingData.FLOOR_NODES + SensingData.WALL_NODES,
            s.seeds(),
            parameters,
            s.spar().width(),
            s.spar().layers()));
    b.append("| variant | localisation error (m) | strength accuracy | time (s) |\n");
    b.append("| --- | --- | --- | --- |\n");
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f ± %.3f | %.3f ± %.3f | %.0f |%n",
              r.name(),
              r.errorMetres(),
              r.errorSpread(),
              r.accuracy(),
              r.accuracySpread(),
              r.seconds()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "| guess the mean position / the most common class | %.3f | %.3f | |%n%n",
            centreError,
            majority));
    b.append("± is the standard deviation over model seeds (0 with one seed).\n");
    return b.toString();
  }

  private static double[][] positions(List<SensingData.Sample> samples) {
    double[][] out = new double[samples.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new double[] {samples.get(i).impact().x(), samples.get(i).impact().y()};
    }
    return out;
  }

  /** The training positions' mean, {@code count} times. */
  private static double[][] centreGuess(double[][] trainXy, int count) {
    double[] mean = new double[2];
    for (double[] p : trainXy) {
      mean[0] += p[0] / trainXy.length;
      mean[1] += p[1] / trainXy.length;
    }
    double[][] centre = new double[count][];
    for (int i = 0; i < count; i++) {
      centre[i] = mean;
    }
    return centre;
  }

  private static double meanError(double[][] predicted, double[][] truth) {
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      sum += Math.hypot(predicted[i][0] - truth[i][0], predicted[i][1] - truth[i][1]);
    }
    return sum / truth.length;
  }

  private static double mean(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v / x.length;
    }
    return m;
  }

  private static double spread(double[] x) {
    double m = mean(x);
    double v = 0;
    for (double e : x) {
      v += (e - m) * (e - m) / x.length;
    }
    return Math.sqrt(v);
  }
}
