package io.delos.worldmodel.westworld;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.Dataset;
import io.delos.robots.dataset.Manifest;
import io.delos.robots.generator.Systems;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.worldmodel.sequence.SystemLayout;
import io.delos.worldmodel.sequence.SystemRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small datasets for the world-model tests, made by rolling robots out or read from a folder. */
final class TestData {
  private TestData() {}

  /** Smooth random-action episodes of a system's default task. */
  static List<Trajectory> episodes(String id, int episodes, int steps, long seed) {
    RobotSystem sys = Systems.get(id);
    List<Trajectory> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(seed);
    int m = sys.actionSize();
    for (int e = 0; e < episodes; e++) {
      MorphologyEnvironment env = sys.environment(sys.defaultTask());
      Vec o = env.reset(seed * 1000 + e);
      Trajectory.Builder b = Trajectory.builder(id, sys.observationSize(), m);
      double[] u = new double[m];
      for (int k = 0; k < steps; k++) {
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
          u[j] = 0.85 * u[j] + 0.15 * r.nextDouble(-1, 1) * 3;
          a[j] = Math.max(-1, Math.min(1, u[j]));
        }
        StepResult s = env.step(a);
        b.add(k * 0.02, o.toArray(), a, 0, k == 0 ? StepFlags.RESET : 0);
        o = s.observation();
        if (s.terminated()) {
          b.markLast(StepFlags.TERMINATED);
          break;
        }
      }
      out.add(b.build());
    }
    return out;
  }

  /** Every system's episodes of a dataset folder. */
  static Map<String, List<Trajectory>> read(Path folder) {
    Dataset d = Dataset.open(folder);
    Map<String, List<Trajectory>> out = new LinkedHashMap<>();
    for (Manifest.Shard s : d.shards()) {
      out.computeIfAbsent(s.system(), k -> new ArrayList<>()).addAll(d.read(s).episodes());
    }
    return out;
  }

  /** A registry of the systems in {@code data}, ranges fitted to that data. */
  static SystemRegistry registry(Map<String, List<Trajectory>> data) {
    SystemRegistry r = new SystemRegistry();
    for (Map.Entry<String, List<Trajectory>> e : data.entrySet()) {
      r.fit(SystemLayout.of(e.getKey(), Systems.get(e.getKey()).morphology()), e.getValue());
    }
    return r;
  }
}
