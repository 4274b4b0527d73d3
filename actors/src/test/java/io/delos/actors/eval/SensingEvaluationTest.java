package io.delos.actors.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.worldmodel.sensing.SensorNode;
import io.delos.worldmodel.sensing.SparConfig;
import io.delos.worldmodel.sensing.SparProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensingEvaluationTest {
  /** Tolerance on positions, m. */
  private static final double POSITION_TOLERANCE_M = 1e-9;

  @Test
  void impactsLieInTheWorkspaceAndArriveLaterAtFartherNodes() {
    List<SensingData.Impact> impacts = SensingData.impacts(20, 3);
    assertThat(impacts).hasSize(20);
    for (SensingData.Impact i : impacts) {
      assertThat(Math.abs(i.x())).isLessThanOrEqualTo(SensingData.HALF_SIDE);
      assertThat(Math.abs(i.y())).isLessThanOrEqualTo(SensingData.HALF_SIDE);
      assertThat(i.strength()).isGreaterThan(0);
    }
    SensingData.Impact centre = new SensingData.Impact(0, 0, 1, true);
    List<SensingData.Sample> samples =
        SensingData.scenes(List.of(centre), List.of(0), 9, new double[] {0.5, 1.5}, 0, 0, 0, 5);
    List<SensorNode> nodes = samples.get(0).scene().nodes();
    assertThat(nodes).hasSize(SensingData.FLOOR_NODES + SensingData.WALL_NODES);
    List<SensingData.Placement> layout = SensingData.layout(samples.get(0).layout(), 9);
    assertThat(nodes.get(0).x()).isCloseTo(layout.get(0).x(), within(POSITION_TOLERANCE_M));
    // Without noise, the peak of a geophone's window comes later the farther the node is.
    double nearest = Double.MAX_VALUE;
    double farthest = 0;
    int nearestPeak = -1;
    int farthestPeak = -1;
    for (SensorNode n : nodes) {
      if (n.modality() != SensingData.GEOPHONE) {
        continue;
      }
      double distance = Math.hypot(n.x(), n.y());
      int peak = argMax(n.signal().toArray());
      if (distance < nearest) {
        nearest = distance;
        nearestPeak = peak;
      }
      if (distance > farthest) {
        farthest = distance;
        farthestPeak = peak;
      }
    }
    if (farthest - nearest > 1) {
      assertThat(farthestPeak).isGreaterThan(nearestPeak);
    }
    assertThat(samples.get(0).strengthClass()).isEqualTo(1);
  }

  @Test
  void aTinyRunMeasuresEveryVariantAndWritesTheTable() {
    SparConfig spar =
        new SparConfig(
            SensingData.WINDOW, 4, 2, 16, 2, 1, 8, 0.3, true, true, 0.3, 0.3, 1, 1, 2, 16, 2e-3, 1);
    SensingEvaluation.Settings tiny =
        new SensingEvaluation.Settings(
            60,
            30,
            4,
            2,
            false,
            0.05,
            spar,
            new SparProbe.Settings(16, 5, 16, 2e-3, 1),
            1,
            1,
            "test");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SensingEvaluation.Report r =
        SensingEvaluation.run(tiny, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(r.rows())
        .extracting(SensingEvaluation.Row::name)
        .containsExactly("SPAR", "without placement embeddings", "signal reconstruction only");
    for (SensingEvaluation.Row row : r.rows()) {
      assertThat(row.errorMetres()).isFinite().isPositive();
      assertThat(row.accuracy()).isBetween(0.0, 1.0);
    }
    assertThat(r.centreError()).isFinite().isPositive();
    assertThat(r.parameters()).isPositive();
    assertThat(r.markdown()).contains("| SPAR |").contains("held-out layouts");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("eval sensing: SPAR seed 0");
  }

  private static int argMax(double[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      best = x[i] > x[best] ? i : best;
    }
    return best;
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }
}
