package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An immutable expression tree over variables {@code x0, x1, …} and real constants.
 *
 * <p>Sums and products are n-ary, so that simplification can collect like terms and merge
 * constants; subtraction is a sum with a factor −1 and division a product with a negative power.
 * Powers take small integer exponents ({@link Pow#MAX_EXPONENT} at most in magnitude). Constants
 * are either <em>free</em> (parameters that constant fitting may change) or <em>fixed</em> (literal
 * numbers, and constants frozen by the control-variable schedule).
 *
 * <p>Evaluation is protected so that every tree is defined on every input: {@code x⁻ⁿ} keeps {@code
 * |xⁿ|} at least {@link #GUARD}, {@code log} and {@code sqrt} act on {@code |x|}. The printed forms
 * ({@link ExprPrinter}) use the plain operators, which agree with the protected ones wherever
 * arguments of {@code log} and {@code sqrt} are positive and denominators are not within {@link
 * #GUARD} of zero.
 */
public sealed interface Expr
    permits Expr.Const, Expr.Var, Expr.Sum, Expr.Product, Expr.Pow, Expr.Call {

  /** Smallest magnitude a denominator or a logarithm's argument is allowed to take. */
  double GUARD = 1e-12;

  /**
   * Size of the expression as a count of operators and leaves in its binary form: a sum or product
   * of k operands counts k − 1 operators; a negative coefficient −1 counts as one negation.
   */
  int complexity();

  /** Direct children, in order. */
  List<Expr> children();

  /** This node with its children replaced (same count, same order). */
  Expr withChildren(List<Expr> children);

  /** Number of nodes in the tree. */
  default int size() {
    int s = 1;
    for (Expr c : children()) {
      s += c.size();
    }
    return s;
  }

  /** Depth of the tree; a leaf has depth 1. */
  default int depth() {
    int d = 0;
    for (Expr c : children()) {
      d = Math.max(d, c.depth());
    }
    return d + 1;
  }

  /** Applies {@code f} bottom-up to every node (children first, then the rebuilt node). */
  default Expr transform(UnaryOperator<Expr> f) {
    List<Expr> cs = children();
    if (cs.isEmpty()) {
      return f.apply(this);
    }
    List<Expr> out = new ArrayList<>(cs.size());
    boolean changed = false;
    for (Expr c : cs) {
      Expr t = c.transform(f);
      changed |= t != c;
      out.add(t);
    }
    return f.apply(changed ? withChildren(out) : this);
  }

  /** True when {@code x{index}} occurs in this tree. */
  default boolean usesVariable(int index) {
    if (this instanceof Var v) {
      return v.index() == index;
    }
    for (Expr c : children()) {
      if (c.usesVariable(index)) {
        return true;
      }
    }
    return false;
  }

  /** Largest variable index used plus one; 0 when the tree has no variables. */
  default int variableCount() {
    if (this instanceof Var v) {
      return v.index() + 1;
    }
    int n = 0;
    for (Expr c : children()) {
      n = Math.max(n, c.variableCount());
    }
    return n;
  }

  /** Number of free constants in the tree. */
  default int freeConstantCount() {
    if (this instanceof Const c) {
      return c.fixed() ? 0 : 1;
    }
    int n = 0;
    for (Expr c : children()) {
      n += c.freeConstantCount();
    }
    return n;
  }

  /** The free constants' values in pre-order (the order {@link #withFreeConstants} reads them). */
  default double[] freeConstants() {
    List<Double> out = new ArrayList<>();
    collectFree(this, out);
    double[] v = new double[out.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = out.get(i);
    }
    return v;
  }

  private static void collectFree(Expr e, List<Double> out) {
    if (e instanceof Const c) {
      if (!c.fixed()) {
        out.add(c.value());
      }
      return;
    }
    for (Expr ch : e.children()) {
      collectFree(ch, out);
    }
  }

  /**
   * This tree with its free constants replaced, in pre-order, by {@code values}.
   *
   * @throws IllegalArgumentException when {@code values} does not hold one value per free constant
   */
  default Expr withFreeConstants(double[] values) {
    int n = freeConstantCount();
    if (values.length != n) {
      throw new IllegalArgumentException(
          "values has " + values.length + " entries: the expression has " + n + " free constants");
    }
    int[] next = {0};
    return replaceFree(this, values, next);
  }

  private static Expr replaceFree(Expr e, double[] values, int[] next) {
    if (e instanceof Const c) {
      return c.fixed() ? c : Const.free(values[next[0]++]);
    }
    List<Expr> cs = e.children();
    if (cs.isEmpty()) {
      return e;
    }
    List<Expr> out = new ArrayList<>(cs.size());
    for (Expr c : cs) {
      out.add(replaceFree(c, values, next));
    }
    return e.withChildren(out);
  }

  /** This tree with every free constant made fixed at its current value. */
  default Expr fixAllConstants() {
    return transform(e -> e instanceof Const c && !c.fixed() ? Const.fixed(c.value()) : e);
  }

  /** This tree with every constant that is not a small integer made free. */
  default Expr freeAllConstants() {
    return transform(
        e ->
            e instanceof Const c && c.fixed() && !isSmallInteger(c.value())
                ? Const.free(c.value())
                : e);
  }

  /** This tree with variable {@code i} replaced by variable {@code map[i]}. */
  default Expr remapVariables(int[] map) {
    return transform(e -> e instanceof Var v ? new Var(map[v.index()]) : e);
  }

  /** This tree with variable {@code index} replaced by {@code value}. */
  default Expr substitute(int index, Expr value) {
    return transform(e -> e instanceof Var v && v.index() == index ? value : e);
  }

  /** True when {@code v} is an integer of magnitude at most 10 (printed as such). */
  static boolean isSmallInteger(double v) {
    return v == Math.rint(v) && Math.abs(v) <= 10;
  }

  // ---- Nodes ---------------------------------------------------------------------------------

  /**
   * A real constant.
   *
   * @param value finite value
   * @param fixed true for a literal (or frozen) number that fitting leaves alone; false for a free
   *     parameter
   */
  record Const(double value, boolean fixed) implements Expr {
    /** Validates the constant. */
    public Const {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("constant value = " + value + ": must be finite");
      }
    }

    /** A fixed (literal) constant. */
    public static Const fixed(double value) {
      return new Const(value, true);
    }

    /** A free constant, a parameter for fitting. */
    public static Const free(double value) {
      return new Const(value, false);
    }

    @Override
    public int complexity() {
      return 1;
    }

    @Override
    public List<Expr> children() {
      return List.of();
    }

    @Override
    public Expr withChildren(List<Expr> children) {
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Const c
          && c.fixed == fixed
          && Double.doubleToLongBits(c.value + 0.0) == Double.doubleToLongBits(value + 0.0);
    }

    @Override
    public int hashCode() {
      return Double.hashCode(value + 0.0) * 31 + (fixed ? 1 : 0);
    }
  }

  /**
   * The input variable {@code x{index}}.
   *
   * @param index column of the input, >= 0
   */
  record Var(int index) implements Expr {
    /** Validates the index. */
    public Var {
      if (index < 0) {
        throw new IllegalArgumentException("variable index = " + index + ": must be >= 0");
      }
    }

    @Override
    public int complexity() {
      return 1;
    }

    @Override
    public List<Expr> children() {
      return List.of();
    }

    @Override
    public Expr withChildren(List<Expr> children) {
      return this;
    }
  }

  /**
   * The sum of two or more terms.
   *
   * @param terms at least two terms
   */
  record Sum(List<Expr> terms) implements Expr {
    /** Validates the terms. */
    public Sum {
      terms = List.copyOf(terms);
      if (terms.size() < 2) {
        throw new IllegalArgumentException("a sum needs >= 2 terms, got " + terms.size());
      }
    }

    @Override
    public int complexity() {
      int c = terms.size() - 1;
      for (Expr t : terms) {
        c += t.complexity();
      }
      return c;
    }

    @Override
    public List<Expr> children() {
      return terms;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
      return new Sum(children);
    }
  }

  /**
   * The product of two or more factors.
   *
   * @param factors at least two factors
   */
  record Product(List<Expr> factors) implements Expr {
    /** Validates the factors. */
    public Product {
      factors = List.copyOf(factors);
      if (factors.size() < 2) {
        throw new IllegalArgumentException("a product needs >= 2 factors, got " + factors.size());
      }
    }

    @Override
    public int complexity() {
      int c = factors.size() - 1;
      for (Expr f : factors) {
        // A coefficient of exactly −1 is a negation: one operator, no leaf.
        c += f instanceof Const k && k.fixed() && k.value() == -1 ? 0 : f.complexity();
      }
      return c;
    }

    @Override
    public List<Expr> children() {
      return factors;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
      return new Product(children);
    }
  }

  /**
   * {@code base^exponent} for a small nonzero integer exponent other than 1; {@code x⁻¹} is a
   * protected reciprocal.
   *
   * @param base the base
   * @param exponent in [−{@link #MAX_EXPONENT}, {@link #MAX_EXPONENT}], not 0 or 1
   */
  record Pow(Expr base, int exponent) implements Expr {
    /** Largest exponent magnitude. */
    public static final int MAX_EXPONENT = 6;

    /** Validates the exponent. */
    public Pow {
      Objects.requireNonNull(base, "base");
      if (exponent == 0 || exponent == 1 || Math.abs(exponent) > MAX_EXPONENT) {
        throw new IllegalArgumentException(
            "exponent = "
                + exponent
                + ": allowed integers in [-"
                + MAX_EXPONENT
                + ", "
                + MAX_EXPONENT
                + "] other than 0 and 1");
      }
    }

    @Override
    public int complexity() {
      return 1 + base.complexity();
    }

    @Override
    public List<Expr> children() {
      return List.of(base);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
      return new Pow(children.get(0), exponent);
    }
  }

  /**
   * A function applied to one argument.
   *
   * @param func the function
   * @param arg its argument
   */
  record Call(Func func, Expr arg) implements Expr {
    /** Validates the call. */
    public Call {
      Objects.requireNonNull(func, "func");
      Objects.requireNonNull(arg, "arg");
    }

    @Override
    public int complexity() {
      return 1 + arg.complexity();
    }

    @Override
    public List<Expr> children() {
      return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
      return new Call(func, children.get(0));
    }
  }
}
