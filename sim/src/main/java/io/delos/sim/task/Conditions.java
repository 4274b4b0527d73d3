package io.delos.sim.task;

import io.delos.sim.Space;
import java.util.List;

/** Helpers over lists of conditions. */
public final class Conditions {
  private Conditions() {}

  /** Binds every condition. */
  public static List<Condition.Bound> bind(List<Condition> conditions, Space observations) {
    return conditions.stream().map(c -> c.bind(observations)).toList();
  }

  /** True when every condition holds. */
  public static boolean all(List<Condition.Bound> conditions, double[] observation) {
    for (Condition.Bound c : conditions) {
      if (!c.holds(observation)) {
        return false;
      }
    }
    return true;
  }

  /** {@code angle} wrapped into [−π, π). */
  public static double wrap(double angle) {
    double a = Math.IEEEremainder(angle, 2 * Math.PI);
    return a >= Math.PI ? a - 2 * Math.PI : a;
  }
}
