package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An expression compiled for fast evaluation over columns of data, with the Jacobian of its values
 * with respect to its free constants.
 *
 * <p>Data are columns: {@code columns[v]} holds variable {@code x_v} at every point, {@code
 * [variables][points]}. Evaluation runs node by node over whole columns (a vectorised interpreter);
 * the Jacobian comes from one reverse sweep over the same nodes, which gives every column {@code
 * ∂f(x_i)/∂θ_j} at once, whatever the number of constants.
 *
 * <p>Free constants are numbered in pre-order, as {@link Expr#freeConstants()} lists them.
 *
 * <p>Threading: a program keeps its work buffers, so one instance is confined to one thread at a
 * time; compile one per thread to share an expression.
 */
public final class Program {
  private static final byte CONST = 0;
  private static final byte VAR = 1;
  private static final byte SUM = 2;
  private static final byte PRODUCT = 3;
  private static final byte POW = 4;
  private static final byte CALL = 5;
  private static final Func[] FUNCS = Func.values();

  private final Expr expr;
  private final byte[] op;
  private final int[] arg;
  private final double[] constant;
  private final int[] parameter;
  private final int[][] children;
  private final boolean[] dependsOnParameter;
  private final int parameterCount;
  private final double[] initial;
  private final int variableCount;

  private double[][] values = new double[0][];
  private double[][] adjoint = new double[0][];
  private int capacity;

  private Program(Expr expr) {
    this.expr = expr;
    List<Expr> nodes = new ArrayList<>();
    List<int[]> kids = new ArrayList<>();
    layout(expr, nodes, kids);
    int n = nodes.size();
    op = new byte[n];
    arg = new int[n];
    constant = new double[n];
    parameter = new int[n];
    children = new int[n][];
    dependsOnParameter = new boolean[n];
    Arrays.fill(parameter, -1);
    // Post-order visits leaves left to right, as pre-order does: the k-th free constant laid
    // out is parameter k.
    int p = 0;
    for (int i = 0; i < n; i++) {
      Expr e = nodes.get(i);
      children[i] = kids.get(i);
      if (e instanceof Expr.Const k) {
        op[i] = CONST;
        constant[i] = k.value();
        if (!k.fixed()) {
          parameter[i] = p++;
          dependsOnParameter[i] = true;
        }
      } else if (e instanceof Expr.Var v) {
        op[i] = VAR;
        arg[i] = v.index();
      } else if (e instanceof Expr.Sum) {
        op[i] = SUM;
      } else if (e instanceof Expr.Product) {
        op[i] = PRODUCT;
      } else if (e instanceof Expr.Pow pw) {
        op[i] = POW;
        arg[i] = pw.exponent();
      } else if (e instanceof Expr.Call c) {
        op[i] = CALL;
        arg[i] = c.func().ordinal();
      }
      for (int c : children[i]) {
        dependsOnParameter[i] |= dependsOnParameter[c];
      }
    }
    parameterCount = p;
    initial = expr.freeConstants();
    variableCount = expr.variableCount();
  }

  /** Compiles {@code e}. */
  public static Program compile(Expr e) {
    return new Program(e);
  }

  /** The expression this program evaluates. */
  public Expr expr() {
    return expr;
  }

  /** Number of free constants. */
  public int parameterCount() {
    return parameterCount;
  }

  /** The free constants' values in the expression, a fresh copy. */
  public double[] initialParameters() {
    return initial.clone();
  }

  /** Number of input columns the expression reads (its largest variable index plus one). */
  public int variableCount() {
    return variableCount;
  }

  private static int layout(Expr e, List<Expr> nodes, List<int[]> kids) {
    List<Expr> cs = e.children();
    int[] idx = new int[cs.size()];
    for (int i = 0; i < cs.size(); i++) {
      idx[i] = layout(cs.get(i), nodes, kids);
    }
    nodes.add(e);
    kids.add(idx);
    return nodes.size() - 1;
  }

  private void ensure(int points) {
    if (capacity >= points && values.length == op.length) {
      return;
    }
    capacity = Math.max(points, capacity);
    values = new double[op.length][];
    adjoint = new double[op.length][];
    for (int i = 0; i < op.length; i++) {
      if (op[i] != VAR) {
        values[i] = new double[capacity];
      }
      adjoint[i] = new double[capacity];
    }
  }

  private void checkColumns(double[][] columns, int points) {
    if (columns.length < variableCount) {
      throw new IllegalArgumentException(
          "columns has " + columns.length + " variables: the expression reads " + variableCount);
    }
    for (int v = 0; v < variableCount; v++) {
      if (columns[v].length < points) {
        throw new IllegalArgumentException(
            "column " + v + " has " + columns[v].length + " points: need " + points);
      }
    }
  }

  /**
   * Evaluates at every point.
   *
   * @param columns inputs {@code [variables][points]}
   * @param points number of points, the length of each column used
   * @param params free constants, or {@code null} for the expression's own values
   * @param out receives {@code [points]} values
   */
  public void evaluate(double[][] columns, int points, double[] params, double[] out) {
    forward(columns, points, params);
    System.arraycopy(valueOf(op.length - 1, columns), 0, out, 0, points);
  }

  /** Evaluates at every point into a fresh array, using the expression's own constants. */
  public double[] evaluate(double[][] columns, int points) {
    double[] out = new double[points];
    evaluate(columns, points, null, out);
    return out;
  }

  /**
   * Evaluates, and fills the Jacobian with respect to the free constants.
   *
   * @param columns inputs {@code [variables][points]}
   * @param points number of points
   * @param params free constants, {@code [parameterCount]}
   * @param out receives {@code [points]} values
   * @param jacobian receives {@code [parameterCount][points]}, ∂f(x_i)/∂θ_j
   */
  public void evaluateWithJacobian(
      double[][] columns, int points, double[] params, double[] out, double[][] jacobian) {
    forward(columns, points, params);
    int root = op.length - 1;
    System.arraycopy(valueOf(root, columns), 0, out, 0, points);
    for (double[] row : jacobian) {
      Arrays.fill(row, 0, points, 0);
    }
    if (parameterCount == 0) {
      return;
    }
    for (int i = 0; i < op.length; i++) {
      if (dependsOnParameter[i]) {
        Arrays.fill(adjoint[i], 0, points, 0);
      }
    }
    Arrays.fill(adjoint[root], 0, points, 1);
    for (int i = root; i >= 0; i--) {
      if (!dependsOnParameter[i]) {
        continue;
      }
      double[] a = adjoint[i];
      int[] ch = children[i];
      switch (op[i]) {
        case CONST -> {
          double[] row = jacobian[parameter[i]];
          for (int k = 0; k < points; k++) {
            row[k] += a[k];
          }
        }
        case SUM -> {
          for (int c : ch) {
            if (dependsOnParameter[c]) {
              double[] ac = adjoint[c];
              for (int k = 0; k < points; k++) {
                ac[k] += a[k];
              }
            }
          }
        }
        case PRODUCT -> {
          double[][] cv = new double[ch.length][];
          for (int l = 0; l < ch.length; l++) {
            cv[l] = valueOf(ch[l], columns);
          }
          for (int j = 0; j < ch.length; j++) {
            if (!dependsOnParameter[ch[j]]) {
              continue;
            }
            double[] ac = adjoint[ch[j]];
            if (ch.length == 2) {
              double[] other = cv[1 - j];
              for (int k = 0; k < points; k++) {
                ac[k] += a[k] * other[k];
              }
              continue;
            }
            for (int k = 0; k < points; k++) {
              double prod = a[k];
              for (int l = 0; l < ch.length; l++) {
                if (l != j) {
                  prod *= cv[l][k];
                }
              }
              ac[k] += prod;
            }
          }
        }
        case POW -> {
          int n = arg[i];
          double[] b = valueOf(ch[0], columns);
          double[] ac = adjoint[ch[0]];
          for (int k = 0; k < points; k++) {
            ac[k] += a[k] * protectedPowDerivative(b[k], n);
          }
        }
        case CALL -> {
          Func f = FUNCS[arg[i]];
          double[] x = valueOf(ch[0], columns);
          double[] y = values[i];
          double[] ac = adjoint[ch[0]];
          for (int k = 0; k < points; k++) {
            ac[k] += a[k] * f.derivative(x[k], y[k]);
          }
        }
        default -> throw new IllegalStateException("node " + i + " has no operands to propagate");
      }
    }
  }

  private double[] valueOf(int node, double[][] columns) {
    return op[node] == VAR ? columns[arg[node]] : values[node];
  }

  private void forward(double[][] columns, int points, double[] params) {
    checkColumns(columns, points);
    if (params != null && params.length != parameterCount) {
      throw new IllegalArgumentException(
          "params has " + params.length + " values: the expression has " + parameterCount);
    }
    ensure(points);
    for (int i = 0; i < op.length; i++) {
      int[] ch = children[i];
      double[] v = values[i];
      switch (op[i]) {
        case CONST -> {
          double c = parameter[i] >= 0 && params != null ? params[parameter[i]] : constant[i];
          Arrays.fill(v, 0, points, c);
        }
        case VAR -> {
          // Read directly from the column.
        }
        case SUM -> {
          System.arraycopy(valueOf(ch[0], columns), 0, v, 0, points);
          for (int j = 1; j < ch.length; j++) {
            double[] c = valueOf(ch[j], columns);
            for (int k = 0; k < points; k++) {
              v[k] += c[k];
            }
          }
        }
        case PRODUCT -> {
          System.arraycopy(valueOf(ch[0], columns), 0, v, 0, points);
          for (int j = 1; j < ch.length; j++) {
            double[] c = valueOf(ch[j], columns);
            for (int k = 0; k < points; k++) {
              v[k] *= c[k];
            }
          }
        }
        case POW -> {
          int n = arg[i];
          double[] b = valueOf(ch[0], columns);
          if (n == 2) {
            for (int k = 0; k < points; k++) {
              v[k] = b[k] * b[k];
            }
          } else {
            for (int k = 0; k < points; k++) {
              v[k] = protectedPow(b[k], n);
            }
          }
        }
        case CALL -> {
          double[] x = valueOf(ch[0], columns);
          switch (FUNCS[arg[i]]) {
            case SIN -> {
              for (int k = 0; k < points; k++) {
                v[k] = Math.sin(x[k]);
              }
            }
            case COS -> {
              for (int k = 0; k < points; k++) {
                v[k] = Math.cos(x[k]);
              }
            }
            case EXP -> {
              for (int k = 0; k < points; k++) {
                v[k] = Math.exp(x[k]);
              }
            }
            case SQRT -> {
              for (int k = 0; k < points; k++) {
                v[k] = Math.sqrt(Math.abs(x[k]));
              }
            }
            case LOG -> {
              for (int k = 0; k < points; k++) {
                v[k] = Func.LOG.apply(x[k]);
              }
            }
          }
        }
        default -> throw new IllegalStateException("unknown operation " + op[i]);
      }
    }
  }

  /** {@code xⁿ} for an integer n, with {@code |xⁿ|} kept at least {@link Expr#GUARD} when n < 0. */
  public static double protectedPow(double x, int n) {
    if (n >= 0) {
      return intPow(x, n);
    }
    double q = intPow(x, -n);
    if (Math.abs(q) < Expr.GUARD) {
      return 1 / (q < 0 ? -Expr.GUARD : Expr.GUARD);
    }
    return 1 / q;
  }

  private static double protectedPowDerivative(double x, int n) {
    if (n > 0) {
      return n * intPow(x, n - 1);
    }
    int m = -n;
    double q = intPow(x, m);
    if (Math.abs(q) < Expr.GUARD) {
      return 0;
    }
    return -m * intPow(x, m - 1) / (q * q);
  }

  private static double intPow(double x, int n) {
    double r = 1;
    for (int i = 0; i < n; i++) {
      r *= x;
    }
    return r;
  }
}
