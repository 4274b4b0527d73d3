package io.delos.sim;

import java.util.List;

/**
 * The batched seam between planners and models: given start states and action sequences, predict
 * the observations that follow.
 *
 * <p>The simulator itself, WestWorld and Phy-SSM all implement it, so one planner drives a robot
 * through any of them. Implementations should do one large batched computation per call rather than
 * one per sample.
 *
 * <p>Shapes (row-major {@code double[]}): actions {@code [batch, horizon, actionSize]}, result
 * {@code [batch, horizon, observationSize]} where entry {@code h} is the observation after applying
 * action {@code h}.
 */
public interface Dynamics {
  /** Number of observation channels. */
  int observationSize();

  /** Number of action channels. */
  int actionSize();

  /**
   * Rolls every action sequence forward from its start state.
   *
   * @param starts one start state per sequence; {@code batch = starts.size()}
   * @param horizon number of actions per sequence, at least 1
   * @param actions {@code [batch, horizon, actionSize]}
   * @return predicted observations {@code [batch, horizon, observationSize]}
   * @throws IllegalArgumentException when sizes disagree
   */
  double[] rollout(List<State> starts, int horizon, double[] actions);

  /** Checks the arguments of {@link #rollout}; implementations call it first. */
  default void checkRollout(List<State> starts, int horizon, double[] actions) {
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("starts is empty: need at least one start state");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon = " + horizon + ": must be >= 1");
    }
    long expected = (long) starts.size() * horizon * actionSize();
    if (actions.length != expected) {
      throw new IllegalArgumentException(
          "actions has "
              + actions.length
              + " values: expected batch "
              + starts.size()
              + " x horizon "
              + horizon
              + " x actionSize "
              + actionSize()
              + " = "
              + expected);
    }
    for (int b = 0; b < starts.size(); b++) {
      if (starts.get(b).observation().size() != observationSize()) {
        throw new IllegalArgumentException(
            "starts["
                + b
                + "] has "
                + starts.get(b).observation().size()
                + " observation values: expected "
                + observationSize());
      }
    }
  }
}
