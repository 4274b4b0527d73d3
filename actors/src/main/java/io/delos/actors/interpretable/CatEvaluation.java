package io.delos.actors.interpretable;

import io.delos.actors.worldmodel.Machine;
import io.delos.worldmodel.interpretable.CatConfig;
import io.delos.worldmodel.interpretable.CatModel;
import io.delos.worldmodel.interpretable.FitListener;
import io.delos.worldmodel.interpretable.LinearRegressor;
import io.delos.worldmodel.interpretable.MlpRegressor;
import io.delos.worldmodel.interpretable.Scores;
import io.delos.worldmodel.interpretable.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The CAT comparison on cart-pole performance data: a held-out test split, least squares, an MLP of
 * about CAT's size, a larger MLP, and CAT, once with the episode return and once with success as
 * the target; accuracy, parameter counts and the printed explanations as a Markdown section.
 */
public final class CatEvaluation {
  /**
   * What to run.
   *
   * @param episodes rows generated, >= 50
   * @param steps control steps per episode
   * @param testFraction share of rows held out for the test, in (0, 0.5)
   * @param cat CAT settings; its seed also seeds the baselines' training
   * @param smallMlpHidden hidden width of the MLP of about CAT's size
   * @param largeMlpHidden hidden width of the larger MLP
   * @param threshold printing threshold of the explanation, target units
   * @param seed seeds the data and the test split
   * @param command the command line, for the report
   */
  public record Settings(
      int episodes,
      int steps,
      double testFraction,
      CatConfig cat,
      int smallMlpHidden,
      int largeMlpHidden,
      double threshold,
      long seed,
      String command) {
    /** Validates the settings. */
    public Settings {
      if (episodes < 50) {
        throw new IllegalArgumentException("episodes = " + episodes + ": need at least 50");
      }
      if (!(testFraction > 0 && testFraction < 0.5)) {
        throw new IllegalArgumentException("testFraction = " + testFraction + ": allowed (0, 0.5)");
      }
    }
  }

  /**
   * One model's scores on the test rows.
   *
   * @param model name
   * @param parameters scalar parameters
   * @param r2 R² on the test rows
   * @param mae mean absolute error, target units
   * @param accuracy share of test rows whose prediction, thresholded at 0.5, equals the 0/1 target;
   *     NaN for a real-valued target
   * @param seconds fitting time, wall clock
   */
  public record Row(
      String model, long parameters, double r2, double mae, double accuracy, double seconds) {}

  /**
   * The comparison on one target.
   *
   * @param target what is predicted
   * @param rows one per model: linear, small MLP, large MLP, CAT
   * @param explanation the printed CAT polynomial
   */
  public record Comparison(String target, List<Row> rows, String explanation) {}

  /**
   * The outcome.
   *
   * @param comparisons one per target: the return, then the success
   * @param markdown the report section
   */
  public record Report(List<Comparison> comparisons, String markdown) {}

  private CatEvaluation() {}

  /** Runs the comparison on both targets, writing progress lines to {@code log}. */
  public static Report run(Settings s, PrintStream log) {
    long t0 = System.nanoTime();
    CartPolePerformance.Episodes data =
        new CartPolePerformance().generate(s.episodes(), s.steps(), s.seed());
    double dataSeconds = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "cat: %d episodes in %.1f s%n", s.episodes(), dataSeconds);
    int[] order = permutation(s.episodes(), s.seed());
    int nTest = (int) Math.round(s.testFraction() * s.episodes());
    int[] testRows = Arrays.copyOf(order, nTest);
    int[] trainRows = Arrays.copyOfRange(order, nTest, s.episodes());
    List<Comparison> comparisons =
        List.of(
            compare("return", data.byReturn(), trainRows, testRows, false, s, log),
            compare("success", data.bySuccess(), trainRows, testRows, true, s, log));
    double successRate = mean(data.bySuccess().y());
    return new Report(
        comparisons, markdown(s, comparisons, trainRows.length, nTest, dataSeconds, successRate));
  }

  private static Comparison compare(
      String target,
      Table all,
      int[] trainRows,
      int[] testRows,
      boolean binary,
      Settings s,
      PrintStream log) {
    Table train = all.subset(trainRows);
    Table test = all.subset(testRows);
    List<Row> rows = new ArrayList<>();
    long t = System.nanoTime();
    LinearRegressor linear = LinearRegressor.fit(train);
    rows.add(
        row(
            "linear (least squares)",
            linear.parameterCount(),
            test,
            linear.predict(test.x()),
            binary,
            t));
    for (int hidden : new int[] {s.smallMlpHidden(), s.largeMlpHidden()}) {
      t = System.nanoTime();
      try (MlpRegressor mlp = MlpRegressor.fit(train, hidden, s.cat(), FitListener.NONE)) {
        rows.add(
            row(
                "MLP " + hidden + "-" + hidden,
                mlp.parameterCount(),
                test,
                mlp.predict(test.x()),
                binary,
                t));
      }
      log.printf(Locale.ROOT, "cat: %s: %s%n", target, rows.get(rows.size() - 1));
    }
    t = System.nanoTime();
    String explanation;
    try (CatModel cat =
        CatModel.fit(train, CartPolePerformance.CONCEPTS, s.cat(), FitListener.NONE)) {
      rows.add(
          row(
              "CAT order " + s.cat().order() + ", rank " + s.cat().rank(),
              cat.parameterCount(),
              test,
              cat.predict(test.x()),
              binary,
              t));
      explanation = cat.explain(s.threshold());
    }
    log.printf(Locale.ROOT, "cat: %s: %s%n", target, rows.get(rows.size() - 1));
    return new Comparison(target, rows, explanation);
  }

  private static Row row(
      String name, long params, Table test, double[] p, boolean binary, long start) {
    double accuracy = Double.NaN;
    if (binary) {
      int right = 0;
      for (int i = 0; i < p.length; i++) {
        if ((p[i] >= 0.5 ? 1.0 : 0.0) == test.y()[i]) {
          right++;
        }
      }
      accuracy = (double) right / p.length;
    }
    return new Row(
        name,
        params,
        Scores.r2(test.y(), p),
        Scores.mae(test.y(), p),
        accuracy,
        (System.nanoTime() - start) / 1e9);
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private static int[] permutation(int n, long seed) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed ^ 0x7E57L);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  private static String markdown(
      Settings s,
      List<Comparison> comparisons,
      int trainRows,
      int testRows,
      double dataSeconds,
      double successRate) {
    StringBuilder b = new StringBuilder();
    b.append("Command: `").append(s.command()).append("`  \n");
    b.append("Machine: ").append(Machine.describe()).append("\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "Data: %d episodes of %d control steps (%.1f s to simulate), %.1f%% of them successes;"
                + " %d rows for fitting (of which %.0f%% validation for early stopping), %d"
                + " held-out test rows, the same rows for both targets.%n%n",
            s.episodes(),
            s.steps(),
            dataSeconds,
            100 * successRate,
            trainRows,
            100 * s.cat().validationFraction(),
            testRows));
    for (Comparison c : comparisons) {
      boolean binary = c.target().equals("success");
      b.append("Target: ").append(c.target()).append("\n\n");
      b.append("| model | parameters | test R² | test MAE |")
          .append(binary ? " test accuracy |" : "")
          .append(" fit time (s) |\n");
      b.append("| --- | --- | --- | --- |").append(binary ? " --- |" : "").append(" --- |\n");
      for (Row r : c.rows()) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.4f | %.4f |%s %.1f |%n",
                r.model(),
                r.parameters(),
                r.r2(),
                r.mae(),
                binary ? String.format(Locale.ROOT, " %.4f |", r.accuracy()) : "",
                r.seconds()));
      }
      b.append("\nCAT's explanation of the ")
          .append(c.target())
          .append(", in standardised concepts (coefficients in target units per standard")
          .append(" deviation of each concept):\n\n```\n")
          .append(c.explanation())
          .append("\n```\n\n");
    }
    return b.toString();
  }
}
