package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites expressions into a canonical, smaller form: constants folded, sums and products
 * flattened and sorted, like terms collected ({@code 2x + 3x → 5x}), equal bases merged ({@code x·x
 * → x²}, {@code x/x → 1}), constant factors distributed over sums, and redundant free constants
 * merged so that fitting sees as few parameters as the form allows ({@code c₁(c₂x + c₃) → c₄x +
 * c₅}, {@code exp(x + c₁) → c₂·exp(x)}, {@code log(c₁x) → c₂ + log(x)}).
 *
 * <p>Rewrites are exact for the protected semantics of {@link Expr} except those involving {@code
 * sqrt} of a square and the exponent rules, which are exact where arguments of {@code sqrt} are
 * non-negative; expressions are therefore meant for data on which those arguments are positive.
 *
 * <p>Free constants combine with anything into free constants; fixed ones combine only with fixed
 * ones into fixed ones, so literal numbers stay literal.
 */
public final class Simplifier {
  private static final int MAX_PASSES = 8;
  private static final int MAX_EXPANDED_TERMS = 64;
  private static final double SMALLEST_FACTORED_COEFFICIENT = 1e-8;

  private Simplifier() {}

  /** The canonical simplified form of {@code e}. */
  public static Expr simplify(Expr e) {
    Expr current = e;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      Expr next = once(current);
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
    return current;
  }

  /**
   * Multiplies out products of sums and small positive powers of sums ({@code (x + 1)² → x² + 2x +
   * 1}), then simplifies. Expansion stops where it would create more than 64 terms.
   */
  public static Expr expand(Expr e) {
    return simplify(simplify(e).transform(Simplifier::expandNode));
  }

  /**
   * True when {@code a − b} simplifies, after expansion, to the literal 0: a proof that the two are
   * equal (as functions, for the protected semantics on positive arguments). False means no proof
   * was found, not that they differ.
   */
  public static boolean provablyEqual(Expr a, Expr b) {
    Expr d = expand(Exprs.sub(a, b));
    return d instanceof Expr.Const k && k.value() == 0;
  }

  /**
   * {@code e} with the argument of every {@code sqrt} and {@code log} that is negative on all the
   * given points negated, so that the plain printed form (where {@code sqrt} and {@code log} are
   * not protected) agrees with the protected value on those points.
   *
   * @param e the expression
   * @param columns points {@code [variables][points]}, at least as many variables as {@code e}
   *     reads
   */
  public static Expr orientRoots(Expr e, double[][] columns) {
    int n = columns.length == 0 ? 1 : columns[0].length;
    return e.transform(
        x -> {
          if (x instanceof Expr.Call c && (c.func() == Func.SQRT || c.func() == Func.LOG)) {
            double[] a = Program.compile(c.arg()).evaluate(columns, n);
            boolean allNegative = true;
            for (double v : a) {
              allNegative &= v < 0;
            }
            if (allNegative) {
              return new Expr.Call(c.func(), simplify(Exprs.neg(c.arg())));
            }
          }
          return x;
        });
  }

  // ---- One bottom-up pass -------------------------------------------------------------------

  private static Expr once(Expr e) {
    if (e instanceof Expr.Call call) {
      return simplifyCall(call.func(), once(call.arg()));
    }
    if (e instanceof Expr.Pow p) {
      return simplifyPow(once(p.base()), p.exponent());
    }
    if (e instanceof Expr.Product p) {
      return simplifyProduct(mapOnce(p.factors()));
    }
    if (e instanceof Expr.Sum s) {
      return simplifySum(mapOnce(s.terms()));
    }
    return e;
  }

  private static List<Expr> mapOnce(List<Expr> xs) {
    List<Expr> out = new ArrayList<>(xs.size());
    for (Expr x : xs) {
      out.add(once(x));
    }
    return out;
  }

  private static Expr simplifyCall(Func f, Expr a) {
    if (a instanceof Expr.Const k) {
      double v = f.apply(k.value());
      if (Double.isFinite(v)) {
        return new Expr.Const(v, k.fixed());
      }
    }
    if (f == Func.LOG && a instanceof Expr.Call inner && inner.func() == Func.EXP) {
      return inner.arg();
    }
    if (f == Func.LOG && a instanceof Expr.Pow p) {
      // log|uⁿ| = n·log|u|
      return Exprs.mul(Exprs.num(p.exponent()), Exprs.log(p.base()));
    }
    if (f == Func.EXP && a instanceof Expr.Sum s) {
      Expr.Const k = constantTerm(s);
      if (k != null && !k.fixed() && Double.isFinite(Math.exp(k.value()))) {
        // exp(c + u) = eᶜ·exp(u): the constant moves out where it can merge with a coefficient.
        return Exprs.mul(Expr.Const.free(Math.exp(k.value())), Exprs.exp(withoutTerm(s, k)));
      }
    }
    if ((f == Func.LOG || f == Func.SQRT) && a instanceof Expr.Product p) {
      Expr.Const k = leadingConstant(p);
      if (k != null && !k.fixed() && Math.abs(k.value()) > SMALLEST_FACTORED_COEFFICIENT) {
        Expr rest = withoutFactor(p, k);
        return f == Func.LOG
            ? Exprs.add(Expr.Const.free(Math.log(Math.abs(k.value()))), Exprs.log(rest))
            : Exprs.mul(Expr.Const.free(Math.sqrt(Math.abs(k.value()))), Exprs.sqrt(rest));
      }
    }
    if ((f == Func.LOG || f == Func.SQRT) && a instanceof Expr.Sum s) {
      Expr factored = factorLeadingCoefficient(s);
      if (factored != null) {
        return simplifyCall(f, factored);
      }
    }
    if ((f == Func.SIN || f == Func.COS) && a instanceof Expr.Product p) {
      Expr.Const k = leadingConstant(p);
      if (k != null && k.fixed() && k.value() < 0) {
        Expr flipped = simplifyProduct(withNegatedLeading(p));
        return f == Func.SIN ? Exprs.neg(Exprs.sin(flipped)) : Exprs.cos(flipped);
      }
    }
    return new Expr.Call(f, a);
  }

  private static Expr simplifyPow(Expr b, int n) {
    if (b instanceof Expr.Const k) {
      double v = Program.protectedPow(k.value(), n);
      if (Double.isFinite(v)) {
        return new Expr.Const(v, k.fixed());
      }
    }
    if (b instanceof Expr.Pow inner) {
      int m = inner.exponent() * n;
      if (m == 1) {
        return inner.base();
      }
      if (Math.abs(m) <= Expr.Pow.MAX_EXPONENT) {
        return new Expr.Pow(inner.base(), m);
      }
    }
    if (b instanceof Expr.Product p) {
      List<Expr> out = new ArrayList<>(p.factors().size());
      for (Expr f : p.factors()) {
        out.add(Exprs.pow(f, n));
      }
      return Exprs.product(out);
    }
    if (b instanceof Expr.Call c && c.func() == Func.SQRT && n % 2 == 0) {
      return Exprs.pow(c.arg(), n / 2);
    }
    if (b instanceof Expr.Call c && c.func() == Func.EXP) {
      return Exprs.exp(Exprs.mul(Exprs.num(n), c.arg()));
    }
    if (b instanceof Expr.Sum s && n < 0) {
      Expr factored = factorLeadingCoefficient(s);
      if (factored != null
          && Double.isFinite(
              Program.protectedPow(
                  ((Expr.Const) ((Expr.Product) factored).factors().get(0)).value(), n))) {
        // (a·u)ⁿ = aⁿ·uⁿ, built directly: simplifying a·u would distribute a back into u.
        Expr.Product p = (Expr.Product) factored;
        Expr.Const a = (Expr.Const) p.factors().get(0);
        return Exprs.mul(
            Expr.Const.free(Program.protectedPow(a.value(), n)),
            new Expr.Pow(p.factors().get(1), n));
      }
    }
    return new Expr.Pow(b, n);
  }

  private static Expr simplifyProduct(List<Expr> raw) {
    List<Expr> factors = new ArrayList<>();
    for (Expr f : raw) {
      if (f instanceof Expr.Product p) {
        factors.addAll(p.factors());
      } else {
        factors.add(f);
      }
    }
    double coefficient = 1;
    boolean coefficientFixed = true;
    // Base -> summed exponent, in first-seen order; exponentials merged into one.
    Map<Expr, Integer> exponents = new LinkedHashMap<>();
    List<Expr> expArgs = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Const k) {
        coefficient *= k.value();
        coefficientFixed &= k.fixed();
      } else if (f instanceof Expr.Call c && c.func() == Func.EXP) {
        expArgs.add(c.arg());
      } else if (f instanceof Expr.Pow p) {
        exponents.merge(p.base(), p.exponent(), Integer::sum);
      } else {
        exponents.merge(f, 1, Integer::sum);
      }
    }
    if (!Double.isFinite(coefficient)) {
      return Exprs.product(raw.size() == factors.size() ? raw : factors);
    }
    if (coefficientFixed && coefficient == 0) {
      return Expr.Const.fixed(0);
    }
    List<Expr> rest = new ArrayList<>();
    for (Map.Entry<Expr, Integer> en : exponents.entrySet()) {
      int n = en.getValue();
      if (n == 0) {
        continue;
      }
      if (Math.abs(n) <= Expr.Pow.MAX_EXPONENT) {
        rest.add(Exprs.pow(en.getKey(), n));
      } else {
        // Too large a power to write as one node: keep the factors as they came.
        for (Expr f : factors) {
          if (f.equals(en.getKey()) || (f instanceof Expr.Pow p && p.base().equals(en.getKey()))) {
            rest.add(f);
          }
        }
      }
    }
    if (expArgs.size() == 1) {
      rest.add(Exprs.exp(expArgs.get(0)));
    } else if (expArgs.size() > 1) {
      rest.add(Exprs.exp(simplifySum(expArgs)));
    }
    Expr.Const k = new Expr.Const(coefficient, coefficientFixed);
    if (rest.isEmpty()) {
      return k;
    }
    boolean unit = coefficientFixed && coefficient == 1;
    if (!unit
        && rest.size() == 1
        && rest.get(0) instanceof Expr.Sum s
        && (coefficientFixed || s.terms().size() <= 1 + freeCoefficients(s))) {
      // Distribute the constant: c·(a + b) = c·a + c·b, so constants inside can merge with it.
      // A free constant is distributed only where that adds no parameter.
      List<Expr> terms = new ArrayList<>(s.terms().size());
      for (Expr t : s.terms()) {
        terms.add(simplifyProduct(List.of(k, t)));
      }
      return simplifySum(terms);
    }
    sortCanonically(rest);
    if (unit) {
      return Exprs.product(rest);
    }
    List<Expr> out = new ArrayList<>(rest.size() + 1);
    out.add(k);
    out.addAll(rest);
    return new Expr.Product(out);
  }

  private static Expr simplifySum(List<Expr> raw) {
    List<Expr> terms = new ArrayList<>();
    for (Expr t : raw) {
      if (t instanceof Expr.Sum s) {
        terms.addAll(s.terms());
      } else {
        terms.add(t);
      }
    }
    double constant = 0;
    boolean constantFixed = true;
    boolean anyConstant = false;
    Map<Expr, double[]> coefficients = new LinkedHashMap<>();
    Map<Expr, Boolean> fixedness = new HashMap<>();
    for (Expr t : terms) {
      if (t instanceof Expr.Const k) {
        constant += k.value();
        constantFixed &= k.fixed();
        anyConstant = true;
        continue;
      }
      Expr.Const k = Expr.Const.fixed(1);
      Expr rest = t;
      if (t instanceof Expr.Product p && leadingConstant(p) != null) {
        k = leadingConstant(p);
        rest = withoutFactor(p, k);
      }
      coefficients.computeIfAbsent(rest, r -> new double[1])[0] += k.value();
      fixedness.merge(rest, k.fixed(), Boolean::logicalAnd);
    }
    List<Expr> out = new ArrayList<>();
    for (Map.Entry<Expr, double[]> en : coefficients.entrySet()) {
      double v = en.getValue()[0];
      boolean fixed = fixedness.get(en.getKey());
      if (fixed && v == 0) {
        continue;
      }
      if (!Double.isFinite(v)) {
        return Exprs.sum(terms);
      }
      if (fixed && v == 1) {
        out.add(en.getKey());
      } else {
        List<Expr> fs = new ArrayList<>();
        fs.add(new Expr.Const(v, fixed));
        if (en.getKey() instanceof Expr.Product p) {
          fs.addAll(p.factors());
        } else {
          fs.add(en.getKey());
        }
        out.add(new Expr.Product(fs));
      }
    }
    sortCanonically(out);
    if (anyConstant && !(constantFixed && constant == 0)) {
      out.add(new Expr.Const(constant, constantFixed));
    }
    return Exprs.sum(out);
  }

  // ---- Expansion ------------------------------------------------------------------------------

  private static Expr expandNode(Expr e) {
    if (e instanceof Expr.Pow p && p.exponent() > 1 && p.base() instanceof Expr.Sum s) {
      Expr acc = s;
      for (int i = 1; i < p.exponent(); i++) {
        acc = distribute(List.of(acc, s));
        if (acc == null) {
          return e;
        }
      }
      return acc;
    }
    if (e instanceof Expr.Product p) {
      Expr d = distribute(p.factors());
      return d == null ? e : d;
    }
    return e;
  }

  /** The product of {@code factors} multiplied out, or null when it would be too large. */
  private static Expr distribute(List<Expr> factors) {
    List<List<Expr>> partial = new ArrayList<>();
    partial.add(List.of());
    boolean anySum = false;
    for (Expr f : factors) {
      List<Expr> options = f instanceof Expr.Sum s ? s.terms() : List.of(f);
      anySum |= f instanceof Expr.Sum;
      if ((long) partial.size() * options.size() > MAX_EXPANDED_TERMS) {
        return null;
      }
      List<List<Expr>> next = new ArrayList<>();
      for (List<Expr> prefix : partial) {
        for (Expr o : options) {
          List<Expr> l = new ArrayList<>(prefix);
          l.add(o);
          next.add(l);
        }
      }
      partial = next;
    }
    if (!anySum) {
      return null;
    }
    List<Expr> terms = new ArrayList<>(partial.size());
    for (List<Expr> l : partial) {
      terms.add(simplifyProduct(l));
    }
    return simplifySum(terms);
  }

  // ---- Helpers --------------------------------------------------------------------------------

  /**
   * {@code a·t₁ + b·t₂ + …} with a free a ≠ 0 on the most complex term t₁ → {@code a·(t₁ + (b/a)·t₂
   * + …)}, else null.
   */
  private static Expr factorLeadingCoefficient(Expr.Sum s) {
    // The leading term is the most complex one (the last of equals): x² in c₁x² + c₂x + c₃.
    Expr first = null;
    int most = -1;
    for (Expr t : s.terms()) {
      if (t instanceof Expr.Const) {
        continue;
      }
      Expr body =
          t instanceof Expr.Product p && leadingConstant(p) != null
              ? withoutFactor(p, leadingConstant(p))
              : t;
      if (body.complexity() >= most) {
        most = body.complexity();
        first = t;
      }
    }
    if (!(first instanceof Expr.Product p)) {
      return null;
    }
    Expr.Const k = leadingConstant(p);
    if (k == null || k.fixed() || Math.abs(k.value()) <= SMALLEST_FACTORED_COEFFICIENT) {
      return null;
    }
    List<Expr> scaled = new ArrayList<>(s.terms().size());
    for (Expr t : s.terms()) {
      if (t instanceof Expr.Const c && !Double.isFinite(c.value() / k.value())) {
        return null;
      }
      if (t == first) {
        scaled.add(withoutFactor(p, k));
      } else if (t instanceof Expr.Const c) {
        scaled.add(Expr.Const.free(c.value() / k.value()));
      } else {
        scaled.add(Exprs.mul(Expr.Const.free(1 / k.value()), t));
      }
    }
    return Exprs.mul(k, new Expr.Sum(scaled));
  }

  /** Terms of {@code s} that are free constants or carry a free leading coefficient. */
  private static int freeCoefficients(Expr.Sum s) {
    int n = 0;
    for (Expr t : s.terms()) {
      if (t instanceof Expr.Const k && !k.fixed()
          || t instanceof Expr.Product p
              && leadingConstant(p) != null
              && !leadingConstant(p).fixed()) {
        n++;
      }
    }
    return n;
  }

  private static Expr.Const leadingConstant(Expr.Product p) {
    return p.factors().get(0) instanceof Expr.Const k ? k : null;
  }

  private static Expr withoutFactor(Expr.Product p, Expr factor) {
    List<Expr> rest = new ArrayList<>(p.factors());
    rest.remove(factor);
    return Exprs.product(rest);
  }

  private static List<Expr> withNegatedLeading(Expr.Product p) {
    List<Expr> fs = new ArrayList<>(p.factors());
    Expr.Const k = (Expr.Const) fs.get(0);
    fs.set(0, new Expr.Const(-k.value(), k.fixed()));
    return fs;
  }

  private static Expr.Const constantTerm(Expr.Sum s) {
    for (Expr t : s.terms()) {
      if (t instanceof Expr.Const k) {
        return k;
      }
    }
    return null;
  }

  private static Expr withoutTerm(Expr.Sum s, Expr term) {
    List<Expr> rest = new ArrayList<>(s.terms());
    rest.remove(term);
    return Exprs.sum(rest);
  }

  private static void sortCanonically(List<Expr> xs) {
    if (xs.size() < 2) {
      return;
    }
    Map<Expr, String> keys = new HashMap<>();
    for (Expr x : xs) {
      keys.computeIfAbsent(x, Simplifier::orderKey);
    }
    xs.sort(Comparator.comparingInt(Simplifier::rank).thenComparing(keys::get));
  }

  private static int rank(Expr e) {
    return e instanceof Expr.Const ? 0 : 1;
  }

  /** Sorts a term by what it multiplies, then by its coefficient. */
  private static String orderKey(Expr e) {
    if (e instanceof Expr.Product p && leadingConstant(p) != null) {
      return key(withoutFactor(p, leadingConstant(p))) + "\u0000" + key(leadingConstant(p));
    }
    return key(e);
  }

  /**
   * A deterministic ordering key: the infix form with variables written {@code #000, #001, …},
   * which sort before numbers and function names, and by index.
   */
  static String key(Expr e) {
    return ExprPrinter.infix(e, KEY_NAMES, 0);
  }

  private static final List<String> KEY_NAMES = keyNames();

  private static List<String> keyNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add(String.format("#%03d", i));
    }
    return List.copyOf(names);
  }
}
