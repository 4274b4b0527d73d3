package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.List;

/** Short builders for {@link Expr} trees; they build exactly what is asked and do not simplify. */
public final class Exprs {
  private Exprs() {}

  /** Variable {@code x{index}}. */
  public static Expr x(int index) {
    return new Expr.Var(index);
  }

  /** A free constant (a parameter) starting at {@code value}. */
  public static Expr c(double value) {
    return Expr.Const.free(value);
  }

  /** A fixed (literal) constant. */
  public static Expr num(double value) {
    return Expr.Const.fixed(value);
  }

  /** {@code a + b + …}. */
  public static Expr add(Expr... terms) {
    return terms.length == 1 ? terms[0] : new Expr.Sum(List.of(terms));
  }

  /** {@code a − b}. */
  public static Expr sub(Expr a, Expr b) {
    return new Expr.Sum(List.of(a, neg(b)));
  }

  /** {@code a · b · …}. */
  public static Expr mul(Expr... factors) {
    return factors.length == 1 ? factors[0] : new Expr.Product(List.of(factors));
  }

  /** {@code a / b}, a protected division. */
  public static Expr div(Expr a, Expr b) {
    return new Expr.Product(List.of(a, new Expr.Pow(b, -1)));
  }

  /** {@code −a}. */
  public static Expr neg(Expr a) {
    return new Expr.Product(List.of(num(-1), a));
  }

  /** {@code a^n} for a small integer n; {@code a^1} is {@code a} and {@code a^0} is 1. */
  public static Expr pow(Expr a, int n) {
    if (n == 1) {
      return a;
    }
    if (n == 0) {
      return num(1);
    }
    return new Expr.Pow(a, n);
  }

  /** {@code sin(a)}. */
  public static Expr sin(Expr a) {
    return new Expr.Call(Func.SIN, a);
  }

  /** {@code cos(a)}. */
  public static Expr cos(Expr a) {
    return new Expr.Call(Func.COS, a);
  }

  /** {@code exp(a)}. */
  public static Expr exp(Expr a) {
    return new Expr.Call(Func.EXP, a);
  }

  /** {@code log(a)}, protected. */
  public static Expr log(Expr a) {
    return new Expr.Call(Func.LOG, a);
  }

  /** {@code sqrt(a)}, protected. */
  public static Expr sqrt(Expr a) {
    return new Expr.Call(Func.SQRT, a);
  }

  /** {@code f(a)}. */
  public static Expr call(Func f, Expr a) {
    return new Expr.Call(f, a);
  }

  /** A sum of the given terms: 0 for none, the term itself for one. */
  public static Expr sum(List<Expr> terms) {
    if (terms.isEmpty()) {
      return num(0);
    }
    return terms.size() == 1 ? terms.get(0) : new Expr.Sum(new ArrayList<>(terms));
  }

  /** A product of the given factors: 1 for none, the factor itself for one. */
  public static Expr product(List<Expr> factors) {
    if (factors.isEmpty()) {
      return num(1);
    }
    return factors.size() == 1 ? factors.get(0) : new Expr.Product(new ArrayList<>(factors));
  }
}
