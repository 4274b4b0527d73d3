package io.delos.worldmodel.steering;

import io.delos.worldmodel.steering.SyntheticActivations.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Compares ODESteer with its baselines on {@link SyntheticActivations} at equal movement: every
 * method's strength is set so that the held-out negatives move by the same mean L2 distance, and
 * each is judged by the true log ratio, which the methods never see.
 *
 * <p>Measures, per layout and method: the mean gain of the true log ratio over the held-out
 * negatives, and the share of them whose true log ratio is positive after steering (they now lie
 * where positives are more likely than negatives).
 */
public final class SteeringBenchmark {
  private SteeringBenchmark() {}

  /**
   * What to run.
   *
   * @param perClass training examples per class, at least 2
   * @param testPerClass held-out examples per class, at least 1
   * @param dimension activation dimension, at least 2
   * @param movement mean displacement every method is calibrated to, activation units, > 0
   * @param steps Euler steps of ODESteer, 1 to 100000
   * @param barrier the barrier's settings (the random-Fourier row uses the same with random Fourier
   *     features)
   * @param seed the data's seed
   * @param command the command line that produced the report, printed in it
   */
  public record Settings(
      int perClass,
      int testPerClass,
      int dimension,
      double movement,
      int steps,
      BarrierConfig barrier,
      long seed,
      String command) {
    /** Validates the counts and the movement. */
    public Settings {
      if (perClass < 2) {
        throw new IllegalArgumentException("perClass is " + perClass + "; allowed: at least 2");
      }
      if (testPerClass < 1) {
        throw new IllegalArgumentException(
            "testPerClass is " + testPerClass + "; allowed: at least 1");
      }
      if (dimension < 2) {
        throw new IllegalArgumentException("dimension is " + dimension + "; allowed: at least 2");
      }
      if (!(movement > 0) || Double.isInfinite(movement)) {
        throw new IllegalArgumentException(
            "movement is " + movement + "; allowed: a finite number > 0");
      }
      if (steps < 1 || steps > 100_000) {
        throw new IllegalArgumentException("steps is " + steps + "; allowed: 1 to 100000");
      }
      if (barrier == null) {
        throw new IllegalArgumentException("barrier is null; allowed: a BarrierConfig");
      }
    }
  }

  /**
   * One method on one layout.
   *
   * @param layout the layout
   * @param method the method's name
   * @param strength the calibrated strength (T, α or λ)
   * @param movement the achieved mean displacement, activation units
   * @param gain mean true log-ratio gain over the held-out negatives, nats
   * @param positiveShare share of held-out negatives with a positive true log ratio after steering
   * @param barrierAccuracy held-out accuracy of the method's barrier, or NaN without one
   */
  public record Row(
      Layout layout,
      String method,
      double strength,
      double movement,
      double gain,
      double positiveShare,
      double barrierAccuracy) {}

  /**
   * The outcome.
   *
   * @param rows every layout and method
   * @param positiveShareBefore per layout, the share of held-out negatives already positive
   * @param markdown the report as a Markdown section
   */
  public record Report(List<Row> rows, List<Double> positiveShareBefore, String markdown) {
    /** The row of a method on a layout. */
    public Row row(Layout layout, String method) {
      return rows.stream()
          .filter(r -> r.layout() == layout && r.method().equals(method))
          .findFirst()
          .orElseThrow(
              () -> new IllegalArgumentException("method is " + method + "; not in the report"));
    }
  }

  /** ODESteer with the configured barrier and Euler steps. */
  public static final String ODESTEER = "ODESteer";

  /** ODESteer with random Fourier features. */
  public static final String ODESTEER_RFF = "ODESteer, random Fourier";

  /** ODESteer's barrier with a single Euler step of length T. */
  public static final String ONE_STEP = "ODESteer barrier, 1 step";

  /** Mean difference. */
  public static final String CAA = "CAA";

  /** Linear probe. */
  public static final String ITI = "ITI";

  /** Principal component of paired differences. */
  public static final String REPE = "RepE";

  /** Per-dimension affine transport. */
  public static final String LINACT = "LinAcT";

  /** Relative tolerance of the equal-movement calibration. */
  private static final double CALIBRATION = 1e-4;

  /**
   * On linear data ODESteer "matches" when its gain is at least this share of the best baseline's.
   */
  private static final double MATCH_SHARE = 0.9;

  /** Runs every layout; {@code progress} receives one line per fitted method. */
  public static Report run(Settings s, Consumer<String> progress) {
    List<Row> rows = new ArrayList<>();
    List<Double> before = new ArrayList<>();
    for (Layout layout : Layout.values()) {
      SyntheticActivations train =
          SyntheticActivations.draw(layout, s.perClass(), s.dimension(), s.seed());
      SyntheticActivations test =
          SyntheticActivations.draw(layout, s.testPerClass(), s.dimension(), s.seed() + 1000);
      double[][] neg = test.negatives();
      int positive = 0;
      for (double[] a : neg) {
        positive += test.trueLogRatio(a) > 0 ? 1 : 0;
      }
      before.add((double) positive / neg.length);

      Barrier sketch = Barrier.fit(train.positives(), train.negatives(), s.barrier());
      Barrier rff =
          Barrier.fit(
              train.positives(),
              train.negatives(),
              s.barrier()
                  .withFeatures(BarrierFeatures.RANDOM_FOURIER, s.barrier().featureDimension()));
      double sketchAccuracy = sketch.accuracy(test.positives(), test.negatives());
      double rffAccuracy = rff.accuracy(test.positives(), test.negatives());
      rows.add(
          evaluate(
              layout,
              ODESTEER,
              new OdeSteerer(sketch, Integrator.EULER, s.steps()),
              test,
              s,
              sketchAccuracy,
              progress));
      rows.add(
          evaluate(
              layout,
              ODESTEER_RFF,
              new OdeSteerer(rff, Integrator.EULER, s.steps()),
              test,
              s,
              rffAccuracy,
              progress));
      rows.add(
          evaluate(
              layout,
              ONE_STEP,
              new OdeSteerer(sketch, Integrator.EULER, 1),
              test,
              s,
              sketchAccuracy,
              progress));
      rows.add(
          evaluate(
              layout,
              CAA,
              AdditiveSteerer.meanDifference(train.positives(), train.negatives()),
              test,
              s,
              Double.NaN,
              progress));
      rows.add(
          evaluate(
              layout,
              ITI,
              AdditiveSteerer.linearProbe(
                  train.positives(), train.negatives(), s.barrier().ridge()),
              test,
              s,
              Double.NaN,
              progress));
      rows.add(
          evaluate(
              layout,
              REPE,
              AdditiveSteerer.principalComponent(train.positives(), train.negatives()),
              test,
              s,
              Double.NaN,
              progress));
      rows.add(
          evaluate(
              layout,
              LINACT,
              AffineTransportSteerer.fit(train.positives(), train.negatives()),
              test,
              s,
              Double.NaN,
              progress));
    }
    return new Report(List.copyOf(rows), List.copyOf(before), markdown(s, rows, before));
  }

  private static Row evaluate(
      Layout layout,
      String method,
      Steerer steerer,
      SyntheticActivations test,
      Settings s,
      double accuracy,
      Consumer<String> progress) {
    double[][] neg = test.negatives();
    double strength = EqualMovement.strength(steerer, neg, s.movement(), CALIBRATION);
    double moved = 0;
    double gain = 0;
    int positive = 0;
    for (double[] a : neg) {
      double[] b = steerer.steer(a, strength);
      double d2 = 0;
      for (int j = 0; j < a.length; j++) {
        d2 += (b[j] - a[j]) * (b[j] - a[j]);
      }
      moved += Math.sqrt(d2) / neg.length;
      double after = test.trueLogRatio(b);
      gain += (after - test.trueLogRatio(a)) / neg.length;
      positive += after > 0 ? 1 : 0;
    }
    Row row =
        new Row(layout, method, strength, moved, gain, (double) positive / neg.length, accuracy);
    progress.accept(
        String.format(
            Locale.ROOT,
            "%s %s: moved %.4f, true log-ratio gain %.3f, now positive %.3f",
            layout.name().toLowerCase(Locale.ROOT),
            method,
            moved,
            gain,
            row.positiveShare()));
    return row;
  }

  /** Whether a layout's acceptance holds, with the sentence that says why. */
  static String verdict(Layout layout, List<Row> rows) {
    Row ode = find(rows, layout, ODESTEER);
    Row caa = find(rows, layout, CAA);
    Row iti = find(rows, layout, ITI);
    double bestGain = Math.max(caa.gain(), iti.gain());
    double bestShare = Math.max(caa.positiveShare(), iti.positiveShare());
    if (layout == Layout.LINEAR) {
      boolean holds = ode.gain() >= MATCH_SHARE * bestGain;
      return String.format(
          Locale.ROOT,
          "matches CAA and ITI (gain at least %.0f %% of the better one's): %s (%.3f vs %.3f, %.1f %%)",
          100 * MATCH_SHARE,
          holds ? "yes" : "**no**",
          ode.gain(),
          bestGain,
          100 * ode.gain() / bestGain);
    }
    boolean holds = ode.gain() > bestGain && ode.positiveShare() > bestShare;
    return String.format(
        Locale.ROOT,
        "beats CAA and ITI on gain and on share moved to the positive region: %s (gain %.3f vs %.3f;"
            + " share %.3f vs %.3f)",
        holds ? "yes" : "**no**",
        ode.gain(),
        bestGain,
        ode.positiveShare(),
        bestShare);
  }

  private static Row find(List<Row> rows, Layout layout, String method) {
    return rows.stream()
        .filter(r -> r.layout() == layout && r.method().equals(method))
        .findFirst()
        .orElseThrow();
  }

  private static String markdown(Settings s, List<Row> rows, List<Double> before) {
    StringBuilder md = new StringBuilder();
    BarrierConfig b = s.barrier();
    md.append(
        String.format(
            Locale.ROOT,
            "Command: `%s`. %d training and %d held-out examples per class, dimension %d, every"
                + " method calibrated to a mean displacement of %.3g over the held-out negatives"
                + " (relative tolerance %.0e). Barrier: %s, %d features, γ %.3g, c₀ %.3g,"
                + " normalisation %s, λ %.3g; ODESteer integrates %d Euler steps. Seed %d.%n%n",
            s.command(),
            s.perClass(),
            s.testPerClass(),
            s.dimension(),
            s.movement(),
            CALIBRATION,
            b.features(),
            b.featureDimension(),
            b.gamma(),
            b.coef0(),
            b.normalisation(),
            b.ridge(),
            s.steps(),
            s.seed()));
    Layout[] layouts = Layout.values();
    for (int l = 0; l < layouts.length; l++) {
      Layout layout = layouts[l];
      md.append(
          String.format(
              Locale.ROOT,
              "**%s** (held-out negatives already positive before steering: %.3f)%n%n",
              layout.name().toLowerCase(Locale.ROOT),
              before.get(l)));
      md.append(
          "| method | strength | mean displacement | true log-ratio gain (nats) | share now positive"
              + " | barrier accuracy |\n");
      md.append("| --- | --- | --- | --- | --- | --- |\n");
      for (Row r : rows) {
        if (r.layout() != layout) {
          continue;
        }
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.4g | %.4f | %.3f | %.3f | %s |%n",
                r.method(),
                r.strength(),
                r.movement(),
                r.gain(),
                r.positiveShare(),
                Double.isNaN(r.barrierAccuracy())
                    ? "—"
                    : String.format(Locale.ROOT, "%.3f", r.barrierAccuracy())));
      }
      md.append("\nODESteer ").append(verdict(layout, rows)).append(".\n\n");
    }
    return md.toString();
  }
}
