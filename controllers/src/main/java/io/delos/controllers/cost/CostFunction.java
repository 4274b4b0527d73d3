package io.delos.controllers.cost;

import io.delos.sim.Space;
import io.delos.sim.task.Condition;
import io.delos.sim.task.TaskSpec;
import io.delos.sim.task.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost a planner minimises over a horizon, built from a task's data:
 *
 * <pre>
 *   J = Σₕ [ Σᵢ termᵢ(x_{h+1}, u_h) + w_c · penalty(x_{h+1}) ] + Σⱼ terminalⱼ(x_H, u_{H−1})
 * </pre>
 *
 * where penalty is the squared distance outside each {@code stayWithin} range (a soft state
 * constraint). When a task lists no cost terms, its reward terms are used with their sign flipped.
 *
 * <p>Threading: immutable, safe to share.
 */
public final class CostFunction {
  private final List<Term.Bound> running;
  private final List<Term.Bound> terminal;
  private final List<Penalty> penalties;
  private final double constraintWeight;
  private final int obsSize;
  private final int actSize;

  private interface Penalty {
    double value(double[] x);
  }

  /**
   * Binds a task's cost to a robot's spaces.
   *
   * @param task the task
   * @param observations observation space
   * @param actions action space
   * @param constraintWeight weight of the soft {@code stayWithin} constraints, >= 0
   */
  public CostFunction(TaskSpec task, Space observations, Space actions, double constraintWeight) {
    if (!(constraintWeight >= 0) || !Double.isFinite(constraintWeight)) {
      throw new IllegalArgumentException(
          "constraintWeight = " + constraintWeight + ": must be finite and >= 0");
    }
    this.obsSize = observations.size();
    this.actSize = actions.size();
    this.constraintWeight = constraintWeight;
    this.running = new ArrayList<>();
    if (task.cost().isEmpty()) {
      for (Term t : task.reward()) {
        Term.Bound b = t.bind(observations, actions);
        running.add((o, a) -> -b.value(o, a));
      }
    } else {
      for (Term t : task.cost()) {
        running.add(t.bind(observations, actions));
      }
    }
    this.terminal = new ArrayList<>();
    for (Term t : task.terminalCost()) {
      terminal.add(t.bind(observations, actions));
    }
    this.penalties = new ArrayList<>();
    for (Condition c : task.stayWithin()) {
      penalties.add(penalty(c, observations));
    }
  }

  private static Penalty penalty(Condition c, Space observations) {
    if (c instanceof Condition.InRange r) {
      int i = observations.indexOf(r.channel());
      return x -> {
        double d = Math.max(0, Math.max(r.min() - x[i], x[i] - r.max()));
        return d * d;
      };
    }
    if (c instanceof Condition.WithinDistance w) {
      int[] idx = w.channels().stream().mapToInt(observations::indexOf).toArray();
      double[] t = w.target().stream().mapToDouble(Double::doubleValue).toArray();
      return x -> {
        double sum = 0;
        for (int i = 0; i < idx.length; i++) {
          double d = x[idx[i]] - t[i];
          sum += d * d;
        }
        double excess = Math.max(0, Math.sqrt(sum) - w.radius());
        return excess * excess;
      };
    }
    Condition.AngleInRange a = (Condition.AngleInRange) c;
    int s = observations.indexOf(a.sin());
    int co = observations.indexOf(a.cos());
    return x -> {
      double angle = Math.atan2(x[s], x[co]);
      double d = Math.max(0, Math.max(a.min() - angle, angle - a.max()));
      return d * d;
    };
  }

  /** Observation size the cost expects. */
  public int observationSize() {
    return obsSize;
  }

  /** Action size the cost expects. */
  public int actionSize() {
    return actSize;
  }

  /** Cost of one step: running terms and constraint penalty at x after action u. */
  public double stage(double[] x, double[] u) {
    double c = 0;
    for (Term.Bound t : running) {
      c += t.value(x, u);
    }
    if (constraintWeight > 0) {
      for (Penalty p : penalties) {
        c += constraintWeight * p.value(x);
      }
    }
    return c;
  }

  /** Terminal cost at the last predicted state x with the last action u. */
  public double terminal(double[] x, double[] u) {
    double c = 0;
    for (Term.Bound t : terminal) {
      c += t.value(x, u);
    }
    return c;
  }

  /**
   * Total cost of each rollout.
   *
   * @param batch number of sequences
   * @param horizon steps per sequence
   * @param predicted {@code [batch, horizon, observationSize]}
   * @param actions {@code [batch, horizon, actionSize]}
   * @return {@code [batch]} costs; a rollout with a non-finite prediction costs +∞
   */
  public double[] evaluate(int batch, int horizon, double[] predicted, double[] actions) {
    double[] out = new double[batch];
    double[] x = new double[obsSize];
    double[] u = new double[actSize];
    for (int b = 0; b < batch; b++) {
      double total = 0;
      for (int h = 0; h < horizon; h++) {
        System.arraycopy(predicted, (b * horizon + h) * obsSize, x, 0, obsSize);
        System.arraycopy(actions, (b * horizon + h) * actSize, u, 0, actSize);
        total += stage(x, u);
        if (h == horizon - 1) {
          total += terminal(x, u);
        }
      }
      out[b] = Double.isFinite(total) ? total : Double.POSITIVE_INFINITY;
    }
    return out;
  }
}
