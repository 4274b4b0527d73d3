package io.delos.controllers.ilqr;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.linalg.Mat;
import io.delos.controllers.plan.Plan;
import io.delos.controllers.plan.PlanStatus;
import io.delos.controllers.plan.Planner;
import io.delos.controllers.plan.SamplingSupport;
import io.delos.sim.DifferentiableDynamics;
import io.delos.sim.Dynamics;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.Vec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Box-constrained iterative LQR (Li and Todorov, ICINCO 2004; control limits and regularisation as
 * in Tassa, Mansard and Todorov, ICRA 2014) through any {@link Dynamics}.
 *
 * <p>Jacobians come from the model when it is a {@link DifferentiableDynamics}, otherwise from
 * central finite differences made in one batched call. The backward pass solves, per step,
 *
 * <pre>
 *   Qₓ = ℓₓ + Aᵀ Vₓ          Qᵤ = ℓᵤ + Bᵀ Vₓ
 *   Qₓₓ = ℓₓₓ + Aᵀ Vₓₓ A     Qᵤᵤ = ℓᵤᵤ + Bᵀ (Vₓₓ + μI) B     Qᵤₓ = Bᵀ (Vₓₓ + μI) A
 *   k = argmin_{lo ≤ ū + k ≤ hi} ½ kᵀ Qᵤᵤ k + Qᵤᵀ k,   K = −Qᵤᵤ,free⁻¹ Qᵤₓ,free
 * </pre>
 *
 * The forward pass propagates the feedback through the linearised model to get open-loop candidate
 * sequences for several step sizes α, and rolls all of them out in one batched call; the best
 * improving one is kept. Cost derivatives come from finite differences of the task's cost; the cost
 * terms each depend on the state or on the action, not both, which makes ℓᵤₓ zero.
 *
 * <p>Through the simulator oracle, the finite-difference states are rebuilt from observations, so
 * the morphology must observe its full state.
 */
public final class Ilqr implements Planner {
  private static final double COST_EPSILON = 1e-3;
  private static final double[] STEP_SIZES = {1, 0.5, 0.25, 0.1, 0.03, 0.01};

  private final Dynamics dynamics;
  private final CostFunction cost;
  private final Space actions;
  private final IlqrSettings settings;
  private final LongSupplier clock;
  private final double[] lo;
  private final double[] hi;
  private final double[] nominal;
  private final int n;
  private final int m;

  /**
   * Creates the planner.
   *
   * @param dynamics the model to plan through
   * @param cost the task's cost
   * @param actions the action space (bounds)
   * @param settings tunable numbers
   * @param clock nanosecond clock for budgets
   */
  public Ilqr(
      Dynamics dynamics,
      CostFunction cost,
      Space actions,
      IlqrSettings settings,
      LongSupplier clock) {
    if (dynamics.actionSize() != actions.size() || cost.actionSize() != actions.size()) {
      throw new IllegalArgumentException(
          "model has "
              + dynamics.actionSize()
              + " actions, cost "
              + cost.actionSize()
              + ", space "
              + actions.size()
              + ": they must agree");
    }
    this.dynamics = dynamics;
    this.cost = cost;
    this.actions = actions;
    this.settings = settings;
    this.clock = clock;
    this.n = dynamics.observationSize();
    this.m = actions.size();
    this.lo = actions.lows();
    this.hi = actions.highs();
    this.nominal = new double[settings.horizon() * m];
    reset();
  }

  @Override
  public void reset() {
    double[] rest = SamplingSupport.restingAction(actions);
    for (int h = 0; h < settings.horizon(); h++) {
      System.arraycopy(rest, 0, nominal, h * m, m);
    }
  }

  @Override
  public void shift() {
    SamplingSupport.shift(nominal, m);
  }

  @Override
  public Plan plan(State start, Duration budget) {
    int horizon = settings.horizon();
    long deadline = clock.getAsLong() + budget.toNanos();
    double[] x0 = start.observation().toArray();
    double[] u = nominal.clone();
    SamplingSupport.clip(u, actions);
    double[] x;
    double j;
    try {
      x = dynamics.rollout(List.of(start), horizon, u.clone());
      j = cost.evaluate(1, horizon, x, u)[0];
    } catch (RuntimeException e) {
      reset();
      return infeasible(horizon, 0);
    }
    if (!Double.isFinite(j)) {
      reset();
      return infeasible(horizon, 0);
    }
    double mu = settings.regularization();
    PlanStatus status = PlanStatus.BUDGET_HIT;
    boolean changed = true;
    double[][][] ab = null;
    CostDerivatives d = null;
    int iterations = 0;
    for (int it = 0; it < settings.iterations(); it++) {
      if (it > 0 && SamplingSupport.expired(clock, deadline)) {
        break;
      }
      iterations++;
      if (changed) {
        try {
          ab = jacobians(x0, x, u, horizon);
        } catch (RuntimeException e) {
          break;
        }
        d = costDerivatives(x, u, horizon);
        changed = false;
      }
      double[][] a = ab[0];
      double[][] b = ab[1];
      Gains gains = null;
      while (gains == null && mu < 1e8) {
        gains = backward(a, b, d, u, horizon, mu);
        if (gains == null) {
          mu *= 10;
        }
      }
      if (gains == null) {
        break;
      }
      if (gains.expectedReduction() <= settings.tolerance() * Math.max(1, Math.abs(j))) {
        status = PlanStatus.CONVERGED;
        break;
      }
      double[] candidates = new double[STEP_SIZES.length * horizon * m];
      for (int s = 0; s < STEP_SIZES.length; s++) {
        double[] cu = forwardLinear(a, b, gains, u, horizon, STEP_SIZES[s]);
        System.arraycopy(cu, 0, candidates, s * horizon * m, horizon * m);
      }
      double[] predicted;
      try {
        predicted =
            dynamics.rollout(
                SamplingSupport.repeat(start, STEP_SIZES.length), horizon, candidates.clone());
      } catch (RuntimeException e) {
        break;
      }
      double[] costs = cost.evaluate(STEP_SIZES.length, horizon, predicted, candidates);
      int best = -1;
      for (int s = 0; s < STEP_SIZES.length; s++) {
        if (costs[s] < j && (best < 0 || costs[s] < costs[best])) {
          best = s;
        }
      }
      if (best < 0) {
        // No step size improves: a local optimum up to the regularisation.
        mu *= 10;
        if (mu >= 1e6) {
          status = PlanStatus.CONVERGED;
          break;
        }
        continue;
      }
      changed = true;
      double improvement = j - costs[best];
      System.arraycopy(candidates, best * horizon * m, u, 0, horizon * m);
      x = java.util.Arrays.copyOfRange(predicted, best * horizon * n, (best + 1) * horizon * n);
      j = costs[best];
      mu = Math.max(mu / 10, 1e-8);
      if (improvement <= settings.tolerance() * Math.max(1, Math.abs(j))) {
        status = PlanStatus.CONVERGED;
        break;
      }
    }
    System.arraycopy(u, 0, nominal, 0, u.length);
    return new Plan(Vec.of(u), Vec.of(x), j, status, iterations, horizon);
  }

  private Plan infeasible(int horizon, int iterations) {
    return new Plan(
        Vec.of(nominal),
        Vec.of(new double[0]),
        Double.POSITIVE_INFINITY,
        PlanStatus.INFEASIBLE,
        iterations,
        horizon);
  }

  /** The state at step t: x₀ for t = 0, else the prediction x_t. */
  private double[] stateAt(double[] x0, double[] x, int t) {
    if (t == 0) {
      return x0.clone();
    }
    return java.util.Arrays.copyOfRange(x, (t - 1) * n, t * n);
  }

  /** Aₜ and Bₜ for t = 0..H−1, as {@code [t][row * cols + col]}. */
  private double[][][] jacobians(double[] x0, double[] x, double[] u, int horizon) {
    double[][] a = new double[horizon][];
    double[][] b = new double[horizon][];
    List<State> states = new ArrayList<>();
    if (dynamics instanceof DifferentiableDynamics diff) {
      for (int t = 0; t < horizon; t++) {
        states.add(State.of(stateAt(x0, x, t)));
      }
      DifferentiableDynamics.Jacobians jac = diff.jacobians(states, u.clone());
      for (int t = 0; t < horizon; t++) {
        a[t] = java.util.Arrays.copyOfRange(jac.a(), t * n * n, (t + 1) * n * n);
        b[t] = java.util.Arrays.copyOfRange(jac.b(), t * n * m, (t + 1) * n * m);
      }
      return new double[][][] {a, b};
    }
    double eps = settings.epsilon();
    int per = 2 * (n + m);
    double[] acts = new double[horizon * per * m];
    int row = 0;
    for (int t = 0; t < horizon; t++) {
      double[] xt = stateAt(x0, x, t);
      double[] ut = java.util.Arrays.copyOfRange(u, t * m, (t + 1) * m);
      for (int i = 0; i < n; i++) {
        for (int sign = -1; sign <= 1; sign += 2) {
          double[] xp = xt.clone();
          xp[i] += sign * eps;
          states.add(State.of(xp));
          System.arraycopy(ut, 0, acts, row++ * m, m);
        }
      }
      for (int k = 0; k < m; k++) {
        for (int sign = -1; sign <= 1; sign += 2) {
          states.add(State.of(xt));
          double[] up = ut.clone();
          up[k] += sign * eps;
          System.arraycopy(up, 0, acts, row++ * m, m);
        }
      }
    }
    double[] next = dynamics.rollout(states, 1, acts);
    for (int t = 0; t < horizon; t++) {
      int base = t * per;
      double[] at = new double[n * n];
      double[] bt = new double[n * m];
      for (int i = 0; i < n; i++) {
        int minus = (base + 2 * i) * n;
        int plus = (base + 2 * i + 1) * n;
        for (int r = 0; r < n; r++) {
          at[r * n + i] = (next[plus + r] - next[minus + r]) / (2 * eps);
        }
      }
      for (int k = 0; k < m; k++) {
        int minus = (base + 2 * n + 2 * k) * n;
        int plus = (base + 2 * n + 2 * k + 1) * n;
        for (int r = 0; r < n; r++) {
          bt[r * m + k] = (next[plus + r] - next[minus + r]) / (2 * eps);
        }
      }
      a[t] = at;
      b[t] = bt;
    }
    return new double[][][] {a, b};
  }

  /** ℓₓ, ℓₓₓ at states 1..H and ℓᵤ, ℓᵤᵤ at actions 0..H−1. */
  private record CostDerivatives(
      double[][] lx, double[][][] lxx, double[][] lu, double[][][] luu) {}

  private interface Scalar {
    double at(double[] v);
  }

  private CostDerivatives costDerivatives(double[] x, double[] u, int horizon) {
    double[][] lx = new double[horizon + 1][];
    double[][][] lxx = new double[horizon + 1][][];
    double[][] lu = new double[horizon][];
    double[][][] luu = new double[horizon][][];
    lx[0] = new double[n];
    lxx[0] = new double[n][n];
    for (int t = 1; t <= horizon; t++) {
      double[] ut = java.util.Arrays.copyOfRange(u, (t - 1) * m, t * m);
      boolean last = t == horizon;
      Scalar g = v -> cost.stage(v, ut) + (last ? cost.terminal(v, ut) : 0);
      double[] xt = java.util.Arrays.copyOfRange(x, (t - 1) * n, t * n);
      lx[t] = gradient(g, xt);
      lxx[t] = hessian(g, xt);
    }
    for (int t = 0; t < horizon; t++) {
      double[] xt = java.util.Arrays.copyOfRange(x, t * n, (t + 1) * n);
      boolean last = t == horizon - 1;
      Scalar g = v -> cost.stage(xt, v) + (last ? cost.terminal(xt, v) : 0);
      double[] ut = java.util.Arrays.copyOfRange(u, t * m, (t + 1) * m);
      lu[t] = gradient(g, ut);
      luu[t] = hessian(g, ut);
    }
    return new CostDerivatives(lx, lxx, lu, luu);
  }

  private static double[] gradient(Scalar g, double[] v) {
    double e = COST_EPSILON;
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double[] p = v.clone();
      p[i] += e;
      double[] q = v.clone();
      q[i] -= e;
      out[i] = (g.at(p) - g.at(q)) / (2 * e);
    }
    return out;
  }

  private static double[][] hessian(Scalar g, double[] v) {
    double e = COST_EPSILON;
    int d = v.length;
    double[][] h = new double[d][d];
    double g0 = g.at(v);
    for (int i = 0; i < d; i++) {
      double[] p = v.clone();
      p[i] += e;
      double[] q = v.clone();
      q[i] -= e;
      h[i][i] = (g.at(p) - 2 * g0 + g.at(q)) / (e * e);
      for (int k = i + 1; k < d; k++) {
        double[] pp = v.clone();
        pp[i] += e;
        pp[k] += e;
        double[] pm = v.clone();
        pm[i] += e;
        pm[k] -= e;
        double[] mp = v.clone();
        mp[i] -= e;
        mp[k] += e;
        double[] mm = v.clone();
        mm[i] -= e;
        mm[k] -= e;
        double value = (g.at(pp) - g.at(pm) - g.at(mp) + g.at(mm)) / (4 * e * e);
        h[i][k] = value;
        h[k][i] = value;
      }
    }
    return h;
  }

  /** Feed-forward k and feedback K per step. */
  private record Gains(double[][] k, double[][][] feedback, double expectedReduction) {}

  private Gains backward(
      double[][] a, double[][] b, CostDerivatives d, double[] u, int horizon, double mu) {
    double[] vx = d.lx()[horizon].clone();
    double[][] vxx = d.lxx()[horizon];
    double[][] k = new double[horizon][];
    double[][][] feedback = new double[horizon][][];
    double expected = 0;
    for (int t = horizon - 1; t >= 0; t--) {
      double[][] at = reshape(a[t], n, n);
      double[][] bt = reshape(b[t], n, m);
      double[][] atT = Mat.transpose(at);
      double[][] btT = Mat.transpose(bt);
      double[] qx = add(d.lx()[t], Mat.mul(atT, vx));
      double[] qu = add(d.lu()[t], Mat.mul(btT, vx));
      double[][] qxx = Mat.add(d.lxx()[t], Mat.mul(atT, Mat.mul(vxx, at)));
      double[][] vreg = Mat.add(vxx, Mat.scale(Mat.identity(n), mu));
      double[][] quu = Mat.add(d.luu()[t], Mat.mul(btT, Mat.mul(vreg, bt)));
      quu = Mat.add(Mat.symmetrize(quu), Mat.scale(Mat.identity(m), 1e-9));
      double[][] qux = Mat.mul(btT, Mat.mul(vreg, at));
      if (!positiveDefinite(quu)) {
        return null;
      }
      double[] ut = java.util.Arrays.copyOfRange(u, t * m, (t + 1) * m);
      double[] lower = new double[m];
      double[] upper = new double[m];
      for (int j = 0; j < m; j++) {
        lower[j] = lo[j] - ut[j];
        upper[j] = hi[j] - ut[j];
      }
      BoxQp.Result qp =
          BoxQp.solve(
              quu,
              qu,
              lower,
              upper,
              t + 1 < horizon && k[t + 1] != null ? k[t + 1] : new double[m]);
      double[][] kt = new double[m][n];
      double[][] kfree = Mat.scale(Mat.mul(qp.hFreeInverse(), qux), -1);
      for (int j = 0; j < m; j++) {
        if (qp.free()[j]) {
          kt[j] = kfree[j];
        }
      }
      k[t] = qp.x();
      feedback[t] = kt;
      // Predicted reduction of the full step: −(kᵀQᵤ + ½ kᵀQᵤᵤk).
      double[] quuk = Mat.mul(quu, qp.x());
      for (int j = 0; j < m; j++) {
        expected -= qp.x()[j] * qu[j] + 0.5 * qp.x()[j] * quuk[j];
      }
      double[][] ktT = Mat.transpose(kt);
      double[] kk = qp.x();
      // Vₓ = Qₓ + Kᵀ Qᵤᵤ k + Kᵀ Qᵤ + Qᵤₓᵀ k ; Vₓₓ = Qₓₓ + Kᵀ Qᵤᵤ K + Kᵀ Qᵤₓ + Qᵤₓᵀ K
      vx =
          add(
              add(qx, Mat.mul(ktT, Mat.mul(quu, kk))),
              add(Mat.mul(ktT, qu), Mat.mul(Mat.transpose(qux), kk)));
      vxx =
          Mat.symmetrize(
              Mat.add(
                  Mat.add(qxx, Mat.mul(ktT, Mat.mul(quu, kt))),
                  Mat.add(Mat.mul(ktT, qux), Mat.mul(Mat.transpose(qux), kt))));
      if (!finite(vx) || !finite(vxx)) {
        return null;
      }
    }
    return new Gains(k, feedback, expected);
  }

  private double[] forwardLinear(
      double[][] a, double[][] b, Gains g, double[] u, int horizon, double alpha) {
    double[] out = new double[horizon * m];
    double[] dx = new double[n];
    for (int t = 0; t < horizon; t++) {
      double[] kdx = Mat.mul(g.feedback()[t], dx);
      double[] du = new double[m];
      for (int j = 0; j < m; j++) {
        double ut = u[t * m + j];
        double v = Math.max(lo[j], Math.min(hi[j], ut + alpha * g.k()[t][j] + kdx[j]));
        out[t * m + j] = v;
        du[j] = v - ut;
      }
      double[] next = new double[n];
      for (int r = 0; r < n; r++) {
        double s = 0;
        for (int c = 0; c < n; c++) {
          s += a[t][r * n + c] * dx[c];
        }
        for (int j = 0; j < m; j++) {
          s += b[t][r * m + j] * du[j];
        }
        next[r] = s;
      }
      dx = next;
    }
    return out;
  }

  private static double[][] reshape(double[] flat, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static boolean positiveDefinite(double[][] h) {
    int d = h.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = h[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return false;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return true;
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static boolean finite(double[][] v) {
    for (double[] row : v) {
      if (!finite(row)) {
        return false;
      }
    }
    return true;
  }
}
