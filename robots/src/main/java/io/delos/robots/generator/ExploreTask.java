package io.delos.robots.generator;

import io.delos.sim.json.JsonValue;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The passive task generated systems carry for data collection: no reward, no termination, a spread
 * of initial joint angles and root positions. Its numbers come from the family's {@code "explore"}
 * object in the generator file.
 */
final class ExploreTask {
  private ExploreTask() {}

  /**
   * Builds the task for {@code m}.
   *
   * @param family the family name, the task's robot field
   * @param explore the family's explore settings: {@code maxSteps}, {@code jointSpread} (rad or m,
   *     clamped into each joint's limits), {@code rootSpread} (m, sideways) and optional {@code
   *     startHeight} ({@code [low, high]} m for every root)
   */
  static TaskSpec of(String family, Morphology m, JsonValue explore) {
    explore.allowOnly("maxSteps", "jointSpread", "rootSpread", "startHeight");
    double spread = explore.get("jointSpread").asDouble();
    double rootSpread = explore.get("rootSpread").asDouble();
    List<TaskSpec.JointStart> joints = new ArrayList<>();
    for (JointSpec j : m.joints()) {
      double lo = Math.max(j.lower(), -spread);
      double hi = Math.min(j.upper(), spread);
      if (lo > hi) {
        double mid = (j.lower() + j.upper()) / 2;
        lo = mid;
        hi = mid;
      }
      joints.add(
          new TaskSpec.JointStart(j.name(), new TaskSpec.Range(lo, hi), TaskSpec.Range.ZERO));
    }
    List<TaskSpec.RootStart> roots = new ArrayList<>();
    JsonValue height = explore.opt("startHeight");
    for (BodySpec b : m.bodies()) {
      if (m.parentJoint(b.name()) != null) {
        continue;
      }
      TaskSpec.Range y;
      if (height != null) {
        double[] lh = height.asDoubles(2);
        y = new TaskSpec.Range(lh[0], lh[1]);
      } else {
        y = new TaskSpec.Range(b.pose().y(), b.pose().y());
      }
      roots.add(
          new TaskSpec.RootStart(
              b.name(),
              new TaskSpec.Range(b.pose().x() - rootSpread, b.pose().x() + rootSpread),
              y,
              new TaskSpec.Range(b.pose().angle(), b.pose().angle()),
              TaskSpec.Range.ZERO,
              TaskSpec.Range.ZERO,
              TaskSpec.Range.ZERO));
    }
    return new TaskSpec(
        "explore",
        family,
        explore.get("maxSteps").asInt(),
        joints,
        roots,
        List.of(),
        List.of(),
        new TaskSpec.Success(1, List.of()),
        List.of(),
        List.of(),
        Map.of());
  }
}
