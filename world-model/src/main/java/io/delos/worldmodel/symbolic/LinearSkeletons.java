package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Enumerates single-variable skeletons that are linear in their constants once the denominator is
 * multiplied out, and ranks them by linear least squares:
 *
 * <pre>
 *   y = (a₀·1 + Σᵢ aᵢ fᵢ(x)) / (1 + Σⱼ bⱼ gⱼ(x))   ⇔   y = a₀ + Σᵢ aᵢ fᵢ(x) − Σⱼ bⱼ y·gⱼ(x)
 * </pre>
 *
 * <p>with {@code fᵢ, gⱼ} from a fixed library of basis functions (powers, trigonometric and
 * exponential terms, logarithms). Numerators of up to three terms and denominators of up to two are
 * tried, every subset solved from one precomputed Gram matrix, so about 10⁵ small systems take a
 * few tens of milliseconds. The best subsets of each complexity become expressions whose constants
 * start at the least-squares values; the caller refines them on the true (not linearised) residual.
 * This is a skeleton enumeration in the sense of Chu et al. 2023 (arXiv 2306.04718), Section 3,
 * whose single-variable engine the paper leaves open.
 */
final class LinearSkeletons {
  private static final int MAX_NUMERATOR = 3;
  private static final int MAX_DENOMINATOR = 2;
  private static final double RIDGE = 1e-11;

  private LinearSkeletons() {}

  /** The basis functions of variable {@code v} (the constant term is separate). */
  static List<Expr> library(int v) {
    Expr x = Exprs.x(v);
    List<Expr> l = new ArrayList<>();
    l.add(x);
    l.add(Exprs.pow(x, 2));
    l.add(Exprs.pow(x, 3));
    l.add(Exprs.pow(x, 4));
    l.add(Exprs.pow(x, -1));
    l.add(Exprs.pow(x, -2));
    l.add(Exprs.pow(x, -3));
    l.add(Exprs.sqrt(x));
    l.add(Exprs.pow(Exprs.sqrt(x), -1));
    l.add(Exprs.pow(Exprs.sqrt(x), 3));
    l.add(Exprs.sin(x));
    l.add(Exprs.cos(x));
    l.add(Exprs.pow(Exprs.sin(x), 2));
    l.add(Exprs.pow(Exprs.cos(x), 2));
    l.add(Exprs.mul(Exprs.sin(x), Exprs.cos(x)));
    l.add(Exprs.mul(x, Exprs.sin(x)));
    l.add(Exprs.mul(x, Exprs.cos(x)));
    l.add(Exprs.exp(x));
    l.add(Exprs.exp(Exprs.neg(x)));
    l.add(Exprs.exp(Exprs.neg(Exprs.pow(x, 2))));
    l.add(Exprs.log(x));
    l.add(Exprs.mul(x, Exprs.log(x)));
    return l;
  }

  /** One ranked subset. */
  private record Ranked(int[] numerator, int[] denominator, double residual, double[] theta) {}

  /**
   * The best skeletons of each complexity, with constants at their least-squares values.
   *
   * @param x the variable's values {@code [points]}
   * @param y targets {@code [points]}
   * @param v the variable's index in the expressions built
   * @param keepPerComplexity subsets kept per complexity, >= 1
   */
  static List<Expr> candidates(double[] x, double[] y, int v, int keepPerComplexity) {
    int n = y.length;
    List<Expr> lib = library(v);
    // Evaluate the library; drop functions that are not finite or do not vary on the data.
    List<Expr> basis = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    double[][] cols = new double[v + 1][];
    cols[v] = x;
    for (int k = 0; k <= v; k++) {
      if (cols[k] == null) {
        cols[k] = new double[n];
      }
    }
    for (Expr f : lib) {
      double[] fv = Program.compile(f).evaluate(cols, n);
      if (usable(fv) && !duplicate(fv, values)) {
        basis.add(f);
        values.add(fv);
      }
    }
    int m = basis.size();
    // Columns: 0 = intercept, 1..m = fᵢ, m+1..2m = −y·gⱼ.
    int total = 1 + 2 * m;
    double[][] col = new double[total][n];
    java.util.Arrays.fill(col[0], 1);
    for (int k = 0; k < m; k++) {
      double[] fv = values.get(k);
      for (int i = 0; i < n; i++) {
        col[1 + k][i] = fv[i];
        col[1 + m + k][i] = -y[i] * fv[i];
      }
    }
    double[] scale = new double[total];
    for (int k = 0; k < total; k++) {
      double s = 0;
      for (double c : col[k]) {
        s += c * c;
      }
      scale[k] = s > 0 ? Math.sqrt(s / n) : 1;
      for (int i = 0; i < n; i++) {
        col[k][i] /= scale[k];
      }
    }
    double[][] gram = new double[total][total];
    double[] xty = new double[total];
    for (int a = 0; a < total; a++) {
      for (int b = 0; b <= a; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += col[a][i] * col[b][i];
        }
        gram[a][b] = s;
        gram[b][a] = s;
      }
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += col[a][i] * y[i];
      }
      xty[a] = s;
    }
    double yty = 0;
    for (double t : y) {
      yty += t * t;
    }
    int[] cost = new int[m];
    for (int k = 0; k < m; k++) {
      cost[k] = basis.get(k).complexity();
    }
    TreeMap<Integer, PriorityQueue<Ranked>> best = new TreeMap<>();
    // Numerator subsets over {intercept} ∪ basis; denominator subsets over basis.
    List<int[]> numerators = subsets(1 + m, MAX_NUMERATOR);
    List<int[]> denominators = subsets(m, MAX_DENOMINATOR);
    denominators.add(0, new int[0]);
    for (int[] den : denominators) {
      if (den.length > 1 && spansConstant(gram, den, n)) {
        // 1 − Σ βⱼgⱼ ≡ 0 is then a denominator, and y·0 = 0 a trivial "fit".
        continue;
      }
      for (int[] num : numerators) {
        if (den.length == MAX_DENOMINATOR && num.length == MAX_NUMERATOR) {
          continue;
        }
        int[] idx = new int[num.length + den.length];
        for (int i = 0; i < num.length; i++) {
          idx[i] = num[i];
        }
        for (int j = 0; j < den.length; j++) {
          idx[num.length + j] = 1 + m + den[j];
        }
        double[] theta = solve(gram, xty, idx);
        if (theta == null) {
          continue;
        }
        double fitted = 0;
        for (int i = 0; i < idx.length; i++) {
          fitted += theta[i] * xty[idx[i]];
        }
        double residual = yty - fitted;
        int complexity = complexity(num, den, cost);
        PriorityQueue<Ranked> q =
            best.computeIfAbsent(
                complexity,
                c -> new PriorityQueue<>((p, r) -> Double.compare(r.residual(), p.residual())));
        if (q.size() < keepPerComplexity || residual < q.peek().residual()) {
          double[] unscaled = new double[idx.length];
          for (int i = 0; i < idx.length; i++) {
            unscaled[i] = theta[i] / scale[idx[i]];
          }
          q.add(new Ranked(num, den, residual, unscaled));
          if (q.size() > keepPerComplexity) {
            q.poll();
          }
        }
      }
    }
    List<Expr> out = new ArrayList<>();
    for (PriorityQueue<Ranked> q : best.values()) {
      for (Ranked r : q) {
        out.add(build(r, basis));
      }
    }
    return out;
  }

  private static Expr build(Ranked r, List<Expr> basis) {
    List<Expr> num = new ArrayList<>();
    for (int i = 0; i < r.numerator().length; i++) {
      int k = r.numerator()[i];
      double a = r.theta()[i];
      num.add(k == 0 ? Exprs.c(a) : Exprs.mul(Exprs.c(a), basis.get(k - 1)));
    }
    Expr numerator = Exprs.sum(num);
    if (r.denominator().length == 0) {
      return numerator;
    }
    List<Expr> den = new ArrayList<>();
    den.add(Exprs.num(1));
    for (int j = 0; j < r.denominator().length; j++) {
      double b = r.theta()[r.numerator().length + j];
      den.add(Exprs.mul(Exprs.c(b), basis.get(r.denominator()[j])));
    }
    return Exprs.div(numerator, Exprs.sum(den));
  }

  private static int complexity(int[] num, int[] den, int[] cost) {
    int c = num.length - 1;
    for (int k : num) {
      c += k == 0 ? 1 : cost[k - 1] + 2;
    }
    if (den.length > 0) {
      c += 2 + den.length;
      for (int k : den) {
        c += cost[k] + 2;
      }
    }
    return c;
  }

  /**
   * True when the constant function lies (numerically) in the span of the denominator functions
   * {@code den}; {@code gram} holds the scaled intercept at 0 and the basis at 1..m.
   */
  private static boolean spansConstant(double[][] gram, int[] den, int n) {
    int[] idx = new int[den.length];
    for (int j = 0; j < den.length; j++) {
      idx[j] = 1 + den[j];
    }
    double[] rhs = new double[gram.length];
    for (int k = 0; k < gram.length; k++) {
      rhs[k] = gram[k][0];
    }
    double[] beta = solve(gram, rhs, idx);
    if (beta == null) {
      return true;
    }
    double explained = 0;
    for (int j = 0; j < idx.length; j++) {
      explained += beta[j] * rhs[idx[j]];
    }
    return gram[0][0] - explained < 1e-6 * n;
  }

  /** All subsets of {0..n−1} of size 1..maxSize, as increasing index arrays. */
  private static List<int[]> subsets(int n, int maxSize) {
    List<int[]> out = new ArrayList<>();
    for (int size = 1; size <= maxSize; size++) {
      int[] s = new int[size];
      for (int i = 0; i < size; i++) {
        s[i] = i;
      }
      if (size > n) {
        break;
      }
      while (true) {
        out.add(s.clone());
        int i = size - 1;
        while (i >= 0 && s[i] == n - size + i) {
          i--;
        }
        if (i < 0) {
          break;
        }
        s[i]++;
        for (int j = i + 1; j < size; j++) {
          s[j] = s[j - 1] + 1;
        }
      }
    }
    return out;
  }

  /** Solves the normal equations restricted to {@code idx}; null when singular. */
  private static double[] solve(double[][] gram, double[] xty, int[] idx) {
    int p = idx.length;
    double[][] l = new double[p][p];
    double trace = 0;
    for (int i = 0; i < p; i++) {
      trace += gram[idx[i]][idx[i]];
    }
    double ridge = RIDGE * Math.max(trace / p, 1e-300);
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = gram[idx[i]][idx[j]] + (i == j ? ridge : 0);
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > ridge * 1e-3)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] z = new double[p];
    for (int i = 0; i < p; i++) {
      double s = xty[idx[i]];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    double[] t = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k][i] * t[k];
      }
      t[i] = s / l[i][i];
    }
    for (double d : t) {
      if (!Double.isFinite(d)) {
        return null;
      }
    }
    return t;
  }

  private static boolean usable(double[] v) {
    double mean = 0;
    for (double d : v) {
      if (!Double.isFinite(d) || Math.abs(d) > 1e150) {
        return false;
      }
      mean += d;
    }
    mean /= v.length;
    double var = 0;
    for (double d : v) {
      var += (d - mean) * (d - mean);
    }
    return var > 1e-20 * (1 + mean * mean) * v.length;
  }

  /** True when {@code v} is (numerically) a multiple of an earlier column. */
  private static boolean duplicate(double[] v, List<double[]> earlier) {
    double vv = 0;
    for (double d : v) {
      vv += d * d;
    }
    for (double[] u : earlier) {
      double uu = 0;
      double uv = 0;
      for (int i = 0; i < v.length; i++) {
        uu += u[i] * u[i];
        uv += u[i] * v[i];
      }
      if (uv * uv >= (1 - 1e-12) * uu * vv) {
        return true;
      }
    }
    return false;
  }
}
