package io.delos.actors.worldmodel;

import io.delos.worldmodel.sequence.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;

/** A one-line terminal progress bar for a training run, fed by the trainer's listener. */
public final class TrainingProgress implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String label;
  private int first;
  private double lossAverage = Double.NaN;
  private double validation = Double.NaN;
  private long lastPrint;

  /** A bar on {@code out} prefixed with {@code label}. */
  public TrainingProgress(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void started(String kind, int firstStep, int steps, long parameters) {
    this.first = firstStep;
    out.printf(
        "%s: training %s (%,d parameters) from step %d to %d%n",
        label, kind, parameters, firstStep, steps);
  }

  @Override
  public void stepped(
      int step, int steps, double loss, double learningRate, double gradientNorm, double seconds) {
    lossAverage = Double.isNaN(lossAverage) ? loss : 0.95 * lossAverage + 0.05 * loss;
    long now = System.nanoTime();
    if (step < steps && now - lastPrint < 500_000_000L) {
      return;
    }
    lastPrint = now;
    int filled = (int) ((long) WIDTH * step / Math.max(1, steps));
    double perStep = seconds / Math.max(1, step - first);
    double eta = perStep * (steps - step);
    out.printf(
        "\r%s [%s%s] %3d%% %d/%d loss %.4f%s lr %.1e %.2f s/step ETA %s ",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100L * step / Math.max(1, steps),
        step,
        steps,
        lossAverage,
        Double.isNaN(validation) ? "" : String.format(" val %.4f", validation),
        learningRate,
        perStep,
        duration(eta));
    if (step == steps) {
      out.println();
    }
    out.flush();
  }

  @Override
  public void validated(int step, double loss) {
    validation = loss;
  }

  @Override
  public void skipped(int step) {
    out.printf("%n%s: step %d skipped (gradient not finite)%n", label, step);
  }

  @Override
  public void checkpointed(int step, Path file) {
    // The bar shows progress; checkpoints are frequent and silent.
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format("%dm%02ds", s / 60, s % 60);
  }
}
