package io.delos.actors.worldmodel;

import io.delos.worldmodel.sequence.WestWorldConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code report.md} and its PNG plots from the stored evaluation results. */
final class EvaluationReport {
  private static final List<String> BASELINES = List.of("trajworld", "tdm", "mlp-ensemble");
  private static final List<String> ABLATIONS = List.of("westworld-dense", "westworld-nostructure");
  private final WorldModelEvaluation.Settings s;
  private final WestWorldConfig config;
  private final Results results;
  private final StringBuilder md = new StringBuilder();
  private final Path plots;

  EvaluationReport(WorldModelEvaluation.Settings s, WestWorldConfig config, Results results) {
    this.s = s;
    this.config = config;
    this.results = results;
    this.plots = s.out().resolve("plots");
  }

  void write() {
    try {
      Files.createDirectories(plots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> run = results.get("run");
    line("# WestWorld evaluation");
    line("");
    line("Produced by `" + (run == null ? s.command() : run.get("command")) + "`.");
    line("");
    line(
        "- Machine: "
            + (run == null ? Machine.describe() : run.get("machine"))
            + " (report written with load average "
            + Machine.load()
            + ").");
    line("- Device: " + (run == null ? "?" : run.get("device")) + ".");
    line(
        String.format(
            Locale.ROOT,
            "- Configuration `%s`: d %d, %d blocks, %d heads, K %d, %d experts (%s router), window %d = %d observed + %d predicted.",
            config.name(),
            config.d(),
            config.blocks(),
            config.heads(),
            config.bins(),
            config.experts(),
            config.router(),
            config.window(),
            config.observed(),
            config.predicted()));
    line(
        String.format(
            Locale.ROOT,
            "- Budgets: pretraining %d steps of %d windows for every model; few-shot %d steps of %d windows at lr %.0e on %d episodes per system, %d seeds; scaling %d steps per run; control data %d episodes of noisy MPPI through the simulator, %d training steps.",
            s.pretrainSteps(),
            s.batch(),
            s.fineTuneSteps(),
            s.fineTuneBatch(),
            s.fineTuneLr(),
            s.fewShotEpisodes(),
            s.seeds(),
            s.scalingSteps(),
            s.plannerEpisodes(),
            s.controlSteps()));
    line(
        "- Metric: MAE and MSE of the predicted observations normalised per system and channel to [0, 1], over the "
            + config.predicted()
            + " predicted steps of windows given their first "
            + config.observed()
            + " steps and every action; averaged per system, then over systems.");
    line("");
    pretraining();
    zeroShot();
    fewShot();
    scaling();
    control();
    verdicts();
    try {
      Files.writeString(s.out().resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void line(String text) {
    md.append(text).append('\n');
  }

  private static String f(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "n/a";
  }

  private List<String> kindsWith(String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : s.kinds()) {
      if (results.has(prefix + k)) {
        out.add(k);
      }
    }
    return out;
  }

  private void pretraining() {
    List<String> kinds = kindsWith("pretrain-");
    if (kinds.isEmpty()) {
      return;
    }
    line("## Pretraining");
    line("");
    line("| model | parameters | steps | windows per step | wall time |");
    line("| --- | ---: | ---: | ---: | ---: |");
    List<Charts.Series> curves = new ArrayList<>();
    for (String k : kinds) {
      Map<String, Object> r = results.get("pretrain-" + k);
      line(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d | %d | %s |",
              k,
              (long) Results.number(r, "parameters"),
              (long) Results.number(r, "steps"),
              (long) Results.number(r, "batch"),
              TrainingProgress.duration(Results.number(r, "seconds"))));
      if (!k.equals("mlp-ensemble")) {
        curves.add(new Charts.Series(k, doubles(r.get("curveSteps")), doubles(r.get("curveLoss"))));
      }
    }
    line("");
    if (!curves.isEmpty()) {
      Charts.lines(
          plots.resolve("pretraining-loss.png"),
          "Pretraining loss (cross-entropy over value bins, 10-step means)",
          "step",
          "loss, nats",
          false,
          curves);
      line("![pretraining loss](plots/pretraining-loss.png)");
      line("");
      line(
          "WestWorld's loss is over the "
              + config.predicted()
              + " masked steps of each window; the"
              + " TrajWorld-like and TDM-like losses are next-step, so the curves compare within a"
              + " model, not across. The MLP ensemble's loss is a squared error and is not drawn.");
      line("");
    }
  }

  private void zeroShot() {
    List<String> kinds = kindsWith("zero-shot-");
    if (kinds.isEmpty()) {
      return;
    }
    line("## Zero-shot: held-out systems of the split");
    line("");
    Map<String, Object> first = results.get("zero-shot-" + kinds.get(0));
    line(
        String.format(
            "%d zero-shot systems, %d windows; in-distribution: held-out episodes of the training systems.",
            (long) Results.number(first, "systems"), (long) Results.number(first, "windows")));
    line("");
    line("| model | zero-shot MAE ×10⁻² | zero-shot MSE ×10⁻² | in-distribution MAE ×10⁻² |");
    line("| --- | ---: | ---: | ---: |");
    double[][] bars = new double[1][kinds.size()];
    for (int i = 0; i < kinds.size(); i++) {
      Map<String, Object> r = results.get("zero-shot-" + kinds.get(i));
      line(
          String.format(
              "| %s | %s | %s | %s |",
              kinds.get(i),
              f(100 * Results.number(r, "mae"), 2),
              f(100 * Results.number(r, "mse"), 3),
              f(100 * Results.number(r, "inDistributionMae"), 2)));
      bars[0][i] = 100 * Results.number(r, "mae");
    }
    line("");
    Charts.bars(
        plots.resolve("zero-shot-mae.png"),
        "Zero-shot MAE on held-out systems",
        "MAE x 1e-2",
        kinds,
        List.of("MAE"),
        bars,
        null);
    line("![zero-shot MAE](plots/zero-shot-mae.png)");
    line("");
  }

  private double[] fewShotStats(String k, String field) {
    List<Double> v = new ArrayList<>();
    for (int seed = 1; seed <= s.seeds(); seed++) {
      Map<String, Object> r = results.get("few-shot-" + k + "-seed" + seed);
      if (r != null) {
        v.add(Results.number(r, field));
      }
    }
    if (v.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, 0};
    }
    double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double var =
        v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.size() - 1);
    return new double[] {mean, Math.sqrt(var), v.size()};
  }

  private void fewShot() {
    List<String> kinds = new ArrayList<>();
    for (String k : s.kinds()) {
      if (results.has("few-shot-" + k + "-seed1")) {
        kinds.add(k);
      }
    }
    if (kinds.isEmpty()) {
      return;
    }
    line("## Few-shot: fine-tuned on " + s.fewShotEpisodes() + " episodes of each few-shot system");
    line("");
    line(
        "| model | MAE ×10⁻² (mean ± sd over seeds) | MSE ×10⁻² | MAE before fine-tuning ×10⁻² | seeds |");
    line("| --- | ---: | ---: | ---: | ---: |");
    double[][] values = new double[1][kinds.size()];
    double[][] errors = new double[1][kinds.size()];
    for (int i = 0; i < kinds.size(); i++) {
      double[] mae = fewShotStats(kinds.get(i), "mae");
      double[] mse = fewShotStats(kinds.get(i), "mse");
      double[] before = fewShotStats(kinds.get(i), "maeBeforeFineTuning");
      line(
          String.format(
              "| %s | %s ± %s | %s | %s | %d |",
              kinds.get(i),
              f(100 * mae[0], 2),
              f(100 * mae[1], 2),
              f(100 * mse[0], 3),
              f(100 * before[0], 2),
              (int) mae[2]));
      values[0][i] = 100 * mae[0];
      errors[0][i] = 100 * mae[1];
    }
    line("");
    Charts.bars(
        plots.resolve("few-shot-mae.png"),
        "Few-shot MAE after fine-tuning (mean and sd over seeds)",
        "MAE x 1e-2",
        kinds,
        List.of("MAE"),
        values,
        errors);
    line("![few-shot MAE](plots/few-shot-mae.png)");
    line("");
  }

  private double[] scalingCurve(String kind) {
    double[] y = new double[s.scalingSizes().size()];
    for (int i = 0; i < y.length; i++) {
      Map<String, Object> r = results.get("scaling-" + kind + "-" + s.scalingSizes().get(i));
      y[i] = r == null ? Double.NaN : 100 * Results.number(r, "mae");
    }
    return y;
  }

  private void scaling() {
    double[] ww = scalingCurve("westworld");
    double[] tw = scalingCurve("trajworld");
    if (allNaN(ww) && allNaN(tw)) {
      return;
    }
    line("## Scaling: pretraining on more systems");
    line("");
    line(
        "Each run trains from scratch for "
            + s.scalingSteps()
            + " steps (a reduced budget) on the"
            + " first N training systems of a fixed shuffled order and is evaluated on held-out"
            + " episodes of those N systems.");
    line("");
    line("| systems | WestWorld MAE ×10⁻² | TrajWorld-like MAE ×10⁻² |");
    line("| ---: | ---: | ---: |");
    double[] x = new double[ww.length];
    for (int i = 0; i < ww.length; i++) {
      x[i] = s.scalingSizes().get(i);
      line(String.format("| %d | %s | %s |", s.scalingSizes().get(i), f(ww[i], 2), f(tw[i], 2)));
    }
    line("");
    line(
        String.format(
            "Rise from the smallest to the largest set: WestWorld %s, TrajWorld-like %s (MAE ×10⁻²).",
            f(rise(ww), 2), f(rise(tw), 2)));
    line("");
    Charts.lines(
        plots.resolve("scaling.png"),
        "MAE against the number of pretraining systems",
        "systems",
        "MAE x 1e-2",
        true,
        List.of(new Charts.Series("westworld", x, ww), new Charts.Series("trajworld", x, tw)));
    line("![scaling](plots/scaling.png)");
    line("");
  }

  private static double rise(double[] y) {
    double first = Double.NaN;
    double last = Double.NaN;
    for (double v : y) {
      if (Double.isFinite(v)) {
        if (Double.isNaN(first)) {
          first = v;
        }
        last = v;
      }
    }
    return last - first;
  }

  private static boolean allNaN(double[] y) {
    for (double v : y) {
      if (Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private double[] returns(String robot, String variant) {
    Map<String, Object> r = results.get("control-" + robot + "-" + variant);
    if (r == null) {
      return new double[0];
    }
    return doubles(r.get("returns"));
  }

  private void control() {
    List<String> robots = new ArrayList<>();
    for (String robot : List.of("cartpole", "cheetah")) {
      if (results.has("control-" + robot + "-pretrained")) {
        robots.add(robot);
      }
    }
    if (robots.isEmpty()) {
      return;
    }
    line("## Control: MPPI through WestWorld");
    line("");
    line(
        "`pretrained`: the pretrained WestWorld fine-tuned on the robot's own exploration data;"
            + " `scratch`: WestWorld trained on that data alone for the same steps; `oracle`: MPPI"
            + " through the simulator itself, for reference.");
    line("");
    line(
        "| robot, task | model | return (mean ± sd) | successes | episodes | steps | samples × horizon |");
    line("| --- | --- | ---: | ---: | ---: | ---: | --- |");
    List<String> variants = List.of("pretrained", "scratch", "oracle");
    double[][] values = new double[variants.size()][robots.size()];
    double[][] errors = new double[variants.size()][robots.size()];
    for (int ri = 0; ri < robots.size(); ri++) {
      String robot = robots.get(ri);
      for (int vi = 0; vi < variants.size(); vi++) {
        Map<String, Object> r = results.get("control-" + robot + "-" + variants.get(vi));
        if (r == null) {
          values[vi][ri] = Double.NaN;
          continue;
        }
        double[] ret = doubles(r.get("returns"));
        double[] ok = doubles(r.get("successes"));
        double mean = mean(ret);
        double sd = sd(ret);
        values[vi][ri] = mean;
        errors[vi][ri] = sd;
        line(
            String.format(
                "| %s %s | %s | %s ± %s | %d | %d | %d | %d × %d |",
                robot,
                r.get("task"),
                variants.get(vi),
                f(mean, 1),
                f(sd, 1),
                (int) java.util.Arrays.stream(ok).sum(),
                ret.length,
                (long) Results.number(r, "steps"),
                (long) Results.number(r, "samples"),
                (long) Results.number(r, "horizon")));
      }
    }
    line("");
    Charts.bars(
        plots.resolve("control-returns.png"),
        "Episode return of MPPI through each model",
        "return",
        robots,
        variants,
        values,
        errors);
    line("![control returns](plots/control-returns.png)");
    line("");
  }

  private void verdicts() {
    line("## Against the acceptance targets");
    line("");
    double ww = zero("westworld");
    if (Double.isFinite(ww)) {
      for (String k : concat(BASELINES, ABLATIONS)) {
        double v = zero(k);
        if (Double.isFinite(v)) {
          line(
              String.format(
                  "- Zero-shot: WestWorld %s vs %s %s → %s by %s ×10⁻².",
                  f(100 * ww, 2),
                  k,
                  f(100 * v, 2),
                  ww < v ? "lower" : "NOT lower",
                  f(100 * Math.abs(v - ww), 2)));
        }
      }
    }
    double fw = fewShotStats("westworld", "mae")[0];
    if (Double.isFinite(fw)) {
      for (String k : concat(BASELINES, ABLATIONS)) {
        double v = fewShotStats(k, "mae")[0];
        if (Double.isFinite(v)) {
          line(
              String.format(
                  "- Few-shot: WestWorld %s vs %s %s → %s by %s ×10⁻².",
                  f(100 * fw, 2),
                  k,
                  f(100 * v, 2),
                  fw < v ? "lower" : "NOT lower",
                  f(100 * Math.abs(v - fw), 2)));
        }
      }
    }
    double rw = rise(scalingCurve("westworld"));
    double rt = rise(scalingCurve("trajworld"));
    if (Double.isFinite(rw) && Double.isFinite(rt)) {
      line(
          String.format(
              "- Scaling: WestWorld's MAE rises %s ×10⁻², the TrajWorld-like baseline's %s → %s.",
              f(rw, 2),
              f(rt, 2),
              rw < rt ? "WestWorld rises less" : "WestWorld does NOT rise less"));
    }
    for (String robot : List.of("cartpole", "cheetah")) {
      double[] p = returns(robot, "pretrained");
      double[] q = returns(robot, "scratch");
      if (p.length > 0 && q.length > 0) {
        line(
            String.format(
                "- Control %s: return with pretraining %s, without %s → %s.",
                robot,
                f(mean(p), 1),
                f(mean(q), 1),
                mean(p) > mean(q) ? "pretraining raises it" : "pretraining does NOT raise it"));
      }
    }
    line("");
  }

  private double zero(String kind) {
    Map<String, Object> r = results.get("zero-shot-" + kind);
    return r == null ? Double.NaN : Results.number(r, "mae");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static double[] doubles(Object list) {
    if (!(list instanceof List<?> l)) {
      return new double[0];
    }
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
    return out;
  }

  static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElse(Double.NaN);
  }

  static double sd(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
