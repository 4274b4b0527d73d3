package io.delos.actors.demo.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a demo run measured, from which the report is written. The report's tables are printed
 * from these records and nothing else; the records are saved beside the report as JSON.
 *
 * @param title run title
 * @param facts short facts about the run (machine, seed, duration, robots, transitions)
 * @param results one row per controlled episode
 * @param curves learning curves and other plotted series
 * @param animations animated GIFs, file names relative to the report folder
 */
public record RunRecord(
    String title,
    Map<String, String> facts,
    List<TaskResult> results,
    List<Curve> curves,
    List<Animation> animations) {
  /** Copies the collections. */
  public RunRecord {
    Objects.requireNonNull(title, "title");
    facts = Map.copyOf(facts);
    results = List.copyOf(results);
    curves = List.copyOf(curves);
    animations = List.copyOf(animations);
  }

  /**
   * One controlled episode.
   *
   * @param robot robot family
   * @param task task name
   * @param planner planner kind (mppi, cem, ilqr)
   * @param model what the planner planned through ("westworld", "oracle", ...)
   * @param seed episode seed
   * @param success the task file's success criteria held
   * @param episodeReturn summed reward
   * @param plansPerSecond planning calls per second of wall time
   * @param modelError mean absolute error of the model's predictions along the episode, on
   *     observations normalised per channel (NaN for the oracle, which is exact)
   * @param steps control steps run
   */
  public record TaskResult(
      String robot,
      String task,
      String planner,
      String model,
      long seed,
      boolean success,
      double episodeReturn,
      double plansPerSecond,
      double modelError,
      int steps) {}

  /**
   * A plotted chart: one or more series.
   *
   * @param file PNG file name in the report folder
   * @param title chart title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param series the series
   */
  public record Curve(
      String file, String title, String xLabel, String yLabel, List<Series> series) {
    /** Copies the list. */
    public Curve {
      series = List.copyOf(series);
    }
  }

  /**
   * One plotted series.
   *
   * @param name legend label
   * @param x x values
   * @param y y values
   * @param dashed drawn dashed
   */
  public record Series(String name, List<Double> x, List<Double> y, boolean dashed) {
    /** Copies the lists. */
    public Series {
      x = List.copyOf(x);
      y = List.copyOf(y);
    }
  }

  /**
   * An animation in the report.
   *
   * @param file GIF file name in the report folder
   * @param caption what it shows
   */
  public record Animation(String file, String caption) {}
}
