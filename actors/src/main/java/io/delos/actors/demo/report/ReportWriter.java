package io.delos.actors.demo.report;

import io.delos.sim.json.Json;
import io.delos.sim.render.ImageFiles;
import io.delos.sim.render.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's report folder: {@code index.html} (facts, the results table, plots and
 * animations), the plots as PNG files, and {@code run.json} with the records the page was printed
 * from. The page is static HTML with no scripts, so it opens anywhere.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes the report.
   *
   * @param dir the report folder (created if needed); animations must already be in it
   * @param run the records
   * @return the path of index.html
   */
  public static Path write(Path dir, RunRecord run) throws IOException {
    Files.createDirectories(dir);
    for (RunRecord.Curve c : run.curves()) {
      LineChart chart = new LineChart(c.title(), c.xLabel(), c.yLabel());
      for (RunRecord.Series s : c.series()) {
        chart.add(
            new LineChart.Series(
                s.name(),
                s.x().stream().mapToDouble(Double::doubleValue).toArray(),
                s.y().stream().mapToDouble(Double::doubleValue).toArray(),
                s.dashed()));
      }
      ImageFiles.writePng(chart.render(720, 360), dir.resolve(c.file()));
    }
    writeAtomically(dir.resolve("run.json"), Json.write(toJson(run)));
    Path index = dir.resolve("index.html");
    writeAtomically(index, html(run));
    return index;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".report.", ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The text of a results-table cell, exactly as the page prints it. */
  public static List<String> cells(RunRecord.TaskResult r) {
    return List.of(
        r.robot(),
        r.task(),
        r.planner(),
        r.model(),
        Long.toString(r.seed()),
        r.success() ? "yes" : "no",
        String.format(Locale.ROOT, "%.1f", r.episodeReturn()),
        String.format(Locale.ROOT, "%.1f", r.plansPerSecond()),
        Double.isNaN(r.modelError()) ? "exact" : String.format(Locale.ROOT, "%.4f", r.modelError()),
        Integer.toString(r.steps()));
  }

  /** The results table's column headings. */
  public static final List<String> HEADINGS =
      List.of(
          "robot",
          "task",
          "planner",
          "model",
          "seed",
          "success",
          "return",
          "plans/s",
          "model error (MAE)",
          "steps");

  private static String html(RunRecord run) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<title>").append(escape(run.title())).append("</title>\n");
    h.append("<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}\n")
        .append("table{border-collapse:collapse;margin:12px 0}\n")
        .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
        .append("th{background:#f2f2ee}td:nth-child(-n+4){text-align:left}\n")
        .append(".yes{color:#1a7f37;font-weight:bold}.no{color:#b42318}\n")
        .append("figure{display:inline-block;margin:8px;vertical-align:top}\n")
        .append("figcaption{font-size:13px;color:#555;max-width:480px}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(escape(run.title())).append("</h1>\n");
    h.append("<ul id=\"facts\">\n");
    run.facts()
        .forEach(
            (k, v) ->
                h.append("<li><b>")
                    .append(escape(k))
                    .append(":</b> ")
                    .append(escape(v))
                    .append("</li>\n"));
    h.append("</ul>\n<h2>Results</h2>\n<table id=\"results\">\n<tr>");
    for (String head : HEADINGS) {
      h.append("<th>").append(escape(head)).append("</th>");
    }
    h.append("</tr>\n");
    for (RunRecord.TaskResult r : run.results()) {
      h.append("<tr>");
      List<String> cells = cells(r);
      for (int i = 0; i < cells.size(); i++) {
        String cls = i == 5 ? " class=\"" + cells.get(i) + "\"" : "";
        h.append("<td").append(cls).append(">").append(escape(cells.get(i))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    if (!run.animations().isEmpty()) {
      h.append("<h2>Robots and their plans</h2>\n");
      for (RunRecord.Animation a : run.animations()) {
        h.append("<figure><img src=\"")
            .append(escape(a.file()))
            .append("\" alt=\"")
            .append(escape(a.caption()))
            .append("\"><figcaption>")
            .append(escape(a.caption()))
            .append("</figcaption></figure>\n");
      }
    }
    if (!run.curves().isEmpty()) {
      h.append("<h2>Plots</h2>\n");
      for (RunRecord.Curve c : run.curves()) {
        h.append("<figure><img src=\"")
            .append(escape(c.file()))
            .append("\" alt=\"")
            .append(escape(c.title()))
            .append("\" width=\"720\" height=\"360\"></figure>\n");
      }
    }
    h.append(
        "<p>The numbers on this page are printed from <a href=\"run.json\">run.json</a>.</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static Map<String, Object> toJson(RunRecord run) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("format", "delos-demo-run");
    o.put("version", 1.0);
    o.put("title", run.title());
    o.put("facts", new LinkedHashMap<>(run.facts()));
    List<Object> results = new ArrayList<>();
    for (RunRecord.TaskResult r : run.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("robot", r.robot());
      m.put("task", r.task());
      m.put("planner", r.planner());
      m.put("model", r.model());
      m.put("seed", (double) r.seed());
      m.put("success", r.success());
      m.put("return", finite(r.episodeReturn()));
      m.put("plansPerSecond", finite(r.plansPerSecond()));
      m.put("modelError", finite(r.modelError()));
      m.put("steps", (double) r.steps());
      results.add(m);
    }
    o.put("results", results);
    List<Object> animations = new ArrayList<>();
    for (RunRecord.Animation a : run.animations()) {
      animations.add(Map.of("file", a.file(), "caption", a.caption()));
    }
    o.put("animations", animations);
    return o;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? (Object) v : null;
  }
}
