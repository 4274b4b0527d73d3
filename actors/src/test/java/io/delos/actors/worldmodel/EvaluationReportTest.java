package io.delos.actors.worldmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.worldmodel.sequence.WestWorldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
  private static WorldModelEvaluation.Settings settings(Path out) {
    return new WorldModelEvaluation.Settings(
        out,
        "cpu",
        List.of("westworld", "trajworld", "mlp-ensemble"),
        WorldModelEvaluation.PARTS,
        10,
        4,
        3,
        100,
        2,
        5,
        2,
        3e-4,
        10,
        2,
        List.of(1, 2, 5),
        5,
        2,
        5,
        1,
        1,
        10,
        1,
        "delos eval world-model --out test");
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void theReportHasATableAndAPlotPerFinishedPartAndTheVerdicts(@TempDir Path dir) throws Exception {
    Results r = new Results(dir.resolve("results"));
    double[] zero = {0.10, 0.12, 0.15};
    String[] kinds = {"westworld", "trajworld", "mlp-ensemble"};
    for (int i = 0; i < kinds.length; i++) {
      r.put(
          "pretrain-" + kinds[i],
          map(
              "kind",
              kinds[i],
              "steps",
              10,
              "batch",
              4,
              "parameters",
              1000,
              "seconds",
              12.0,
              "curveSteps",
              List.of(10.0),
              "curveLoss",
              List.of(3.0)));
      r.put(
          "zero-shot-" + kinds[i],
          map(
              "kind",
              kinds[i],
              "mae",
              zero[i],
              "mse",
              zero[i] * zero[i],
              "windows",
              20,
              "systems",
              5,
              "inDistributionMae",
              zero[i] / 2));
      for (int seed = 1; seed <= 2; seed++) {
        r.put(
            "few-shot-" + kinds[i] + "-seed" + seed,
            map(
                "kind",
                kinds[i],
                "seed",
                seed,
                "mae",
                zero[i] + 0.01 * seed,
                "mse",
                0.01,
                "maeBeforeFineTuning",
                zero[i] + 0.05));
      }
    }
    for (int n : new int[] {1, 2, 5}) {
      r.put("scaling-westworld-" + n, map("mae", 0.05 + 0.001 * n));
      r.put("scaling-trajworld-" + n, map("mae", 0.06 + 0.01 * n));
    }
    for (String v : List.of("pretrained", "scratch", "oracle")) {
      r.put(
          "control-cartpole-" + v,
          map(
              "task",
              "swingup",
              "returns",
              List.of(v.equals("scratch") ? -900.0 : -450.0),
              "successes",
              List.of(1.0),
              "steps",
              500,
              "samples",
              64,
              "horizon",
              40));
    }
    new EvaluationReport(settings(dir), WestWorldConfig.builtIn("cpu"), r).write();
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .contains("## Zero-shot", "## Few-shot", "## Scaling", "## Control", "## Pretraining")
        .contains("| westworld | 10.00 |")
        .contains("Zero-shot: WestWorld 10.00 vs trajworld 12.00 → lower")
        .contains("WestWorld rises less")
        .contains(
            "Control cartpole: return with pretraining -450.0, without -900.0 → pretraining raises it");
    for (String png :
        List.of(
            "zero-shot-mae.png",
            "few-shot-mae.png",
            "scaling.png",
            "control-returns.png",
            "pretraining-loss.png")) {
      Path p = dir.resolve("plots").resolve(png);
      assertThat(p).exists();
      assertThat(Files.size(p)).isGreaterThan(1000);
    }
  }
}
