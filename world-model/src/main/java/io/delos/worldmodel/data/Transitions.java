package io.delos.worldmodel.data;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.util.List;

/**
 * One-step transitions (x, u, x⁺) gathered from trajectories, within episodes only.
 *
 * <p>Row-major arrays: states {@code [count, n]}, actions {@code [count, m]}, next states {@code
 * [count, n]}.
 *
 * @param count number of transitions
 * @param n observation size
 * @param m action size
 * @param states x
 * @param actions u
 * @param next x⁺
 */
public record Transitions(
    int count, int n, int m, double[] states, double[] actions, double[] next) {

  /**
   * Collects every transition whose two rows belong to the same episode.
   *
   * @throws IllegalArgumentException when trajectories disagree in sizes or hold no transition
   */
  public static Transitions of(List<Trajectory> trajectories) {
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("no trajectories");
    }
    int n = trajectories.get(0).observationSize();
    int m = trajectories.get(0).actionSize();
    int count = 0;
    for (Trajectory t : trajectories) {
      if (t.observationSize() != n || t.actionSize() != m) {
        throw new IllegalArgumentException(
            "trajectory of '"
                + t.systemId()
                + "' is "
                + t.observationSize()
                + "x"
                + t.actionSize()
                + "; the first is "
                + n
                + "x"
                + m);
      }
      for (int k = 0; k + 1 < t.length(); k++) {
        if (linked(t, k)) {
          count++;
        }
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("the trajectories hold no transition within an episode");
    }
    double[] x = new double[count * n];
    double[] u = new double[count * m];
    double[] y = new double[count * n];
    int i = 0;
    for (Trajectory t : trajectories) {
      for (int k = 0; k + 1 < t.length(); k++) {
        if (!linked(t, k)) {
          continue;
        }
        for (int c = 0; c < n; c++) {
          x[i * n + c] = t.observation(k, c);
          y[i * n + c] = t.observation(k + 1, c);
        }
        for (int c = 0; c < m; c++) {
          u[i * m + c] = t.action(k, c);
        }
        i++;
      }
    }
    return new Transitions(count, n, m, x, u, y);
  }

  private static boolean linked(Trajectory t, int k) {
    return !StepFlags.endsEpisode(t.flags(k)) && !StepFlags.has(t.flags(k + 1), StepFlags.RESET);
  }
}
