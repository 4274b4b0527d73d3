package io.delos.worldmodel.symbolic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints expressions as plain infix text that SymPy's {@code sympify} parses ({@code +}, {@code -},
 * {@code *}, {@code /}, {@code **}, {@code sin}, {@code cos}, {@code exp}, {@code log}, {@code
 * sqrt}), and as LaTeX.
 *
 * <p>Variables print as the given names ({@code x0, x1, …} when none are given). Constants print
 * with the requested number of significant digits, or in full (round-trip) precision for 0.
 */
public final class ExprPrinter {
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int POWER = 3;

  private ExprPrinter() {}

  /**
   * Plain infix text.
   *
   * @param e the expression
   * @param names variable names by index, or {@code null} for {@code x0, x1, …}
   * @param digits significant digits of constants, or 0 for full precision
   */
  public static String infix(Expr e, List<String> names, int digits) {
    StringBuilder sb = new StringBuilder();
    new Infix(names, digits).print(e, 0, sb);
    return sb.toString();
  }

  /** The infix form over {@code x0, x1, …} with every free constant written {@code c}. */
  static String skeleton(Expr e) {
    StringBuilder sb = new StringBuilder();
    Infix printer = new Infix(null, 0);
    printer.maskFree = true;
    // Signs of free constants are not part of the skeleton: print every one as +c.
    printer.print(
        e.transform(x -> x instanceof Expr.Const k && !k.fixed() ? Expr.Const.free(1) : x), 0, sb);
    return sb.toString();
  }

  /** Plain infix text over {@code x0, x1, …} with constants in full precision. */
  public static String infix(Expr e) {
    return infix(e, null, 0);
  }

  /**
   * LaTeX math (without surrounding dollars).
   *
   * @param e the expression
   * @param names variable names by index, or {@code null} for {@code x_{0}, x_{1}, …}
   * @param digits significant digits of constants, at least 1
   */
  public static String latex(Expr e, List<String> names, int digits) {
    StringBuilder sb = new StringBuilder();
    new Latex(names, Math.max(1, digits)).print(e, 0, sb);
    return sb.toString();
  }

  /** {@code v} as a decimal number Python and SymPy read back. */
  static String number(double v, int digits) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    if (digits <= 0) {
      return Double.toString(v);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(digits));
    double r = d.doubleValue();
    if (r == Math.rint(r) && Math.abs(r) < 1e15) {
      return Long.toString((long) r);
    }
    double a = Math.abs(r);
    if (a >= 1e-4 && a < 1e7) {
      return d.stripTrailingZeros().toPlainString();
    }
    return Double.toString(d.stripTrailingZeros().doubleValue());
  }

  /** True when {@code e} prints with a leading minus sign. */
  private static boolean negative(Expr e) {
    if (e instanceof Expr.Const k) {
      return k.value() < 0;
    }
    return e instanceof Expr.Product p
        && p.factors().get(0) instanceof Expr.Const k
        && k.value() < 0;
  }

  /** {@code −e} for an expression that prints negative, without the sign. */
  private static Expr negated(Expr e) {
    if (e instanceof Expr.Const k) {
      return new Expr.Const(-k.value(), k.fixed());
    }
    Expr.Product p = (Expr.Product) e;
    Expr.Const k = (Expr.Const) p.factors().get(0);
    List<Expr> rest = new ArrayList<>(p.factors());
    if (k.value() == -1) {
      rest.remove(0);
      return Exprs.product(rest);
    }
    rest.set(0, new Expr.Const(-k.value(), k.fixed()));
    return new Expr.Product(rest);
  }

  private abstract static class Printer {
    final List<String> names;
    final int digits;

    Printer(List<String> names, int digits) {
      this.names = names;
      this.digits = digits;
    }

    String name(int i) {
      return names != null && i < names.size() ? names.get(i) : defaultName(i);
    }

    abstract String defaultName(int i);

    abstract void print(Expr e, int context, StringBuilder sb);

    /**
     * Splits a product into numerator and denominator factors (denominator powers made positive).
     */
    static void split(List<Expr> factors, List<Expr> num, List<Expr> den) {
      for (Expr f : factors) {
        if (f instanceof Expr.Pow p && p.exponent() < 0) {
          den.add(Exprs.pow(p.base(), -p.exponent()));
        } else {
          num.add(f);
        }
      }
    }
  }

  private static final class Infix extends Printer {
    boolean maskFree;

    Infix(List<String> names, int digits) {
      super(names, digits);
    }

    @Override
    String defaultName(int i) {
      return "x" + i;
    }

    @Override
    void print(Expr e, int context, StringBuilder sb) {
      if (e instanceof Expr.Const k) {
        String s = maskFree && !k.fixed() ? "c" : number(k.value(), digits);
        boolean wrap = k.value() < 0 && context > SUM;
        sb.append(wrap ? "(" : "").append(s).append(wrap ? ")" : "");
      } else if (e instanceof Expr.Var v) {
        sb.append(name(v.index()));
      } else if (e instanceof Expr.Call c) {
        sb.append(c.func().symbol()).append('(');
        print(c.arg(), 0, sb);
        sb.append(')');
      } else if (e instanceof Expr.Pow p) {
        if (p.exponent() < 0) {
          boolean wrap = context >= PRODUCT;
          sb.append(wrap ? "(1/" : "1/");
          print(Exprs.pow(p.base(), -p.exponent()), POWER, sb);
          sb.append(wrap ? ")" : "");
        } else {
          boolean wrap = context > POWER;
          sb.append(wrap ? "(" : "");
          print(p.base(), POWER + 1, sb);
          sb.append("**").append(p.exponent());
          sb.append(wrap ? ")" : "");
        }
      } else if (e instanceof Expr.Sum s) {
        boolean wrap = context > SUM;
        sb.append(wrap ? "(" : "");
        for (int i = 0; i < s.terms().size(); i++) {
          Expr t = s.terms().get(i);
          if (i == 0) {
            print(t, SUM, sb);
          } else if (negative(t)) {
            sb.append(" - ");
            print(negated(t), PRODUCT, sb);
          } else {
            sb.append(" + ");
            print(t, SUM, sb);
          }
        }
        sb.append(wrap ? ")" : "");
      } else if (e instanceof Expr.Product p) {
        printProduct(p, context, sb);
      }
    }

    private void printProduct(Expr.Product p, int context, StringBuilder sb) {
      boolean wrap = context > PRODUCT || (context == PRODUCT && negative(p));
      sb.append(wrap ? "(" : "");
      Expr body = p;
      if (negative(p)) {
        sb.append('-');
        body = negated(p);
      }
      List<Expr> factors = body instanceof Expr.Product bp ? bp.factors() : List.of(body);
      if (factors.size() > 1
          && factors.get(0) instanceof Expr.Const k
          && !maskFree
          && number(k.value(), digits).equals("1")) {
        // A coefficient that prints as 1 at this precision is left out.
        factors = factors.subList(1, factors.size());
      }
      List<Expr> num = new ArrayList<>();
      List<Expr> den = new ArrayList<>();
      split(factors, num, den);
      if (num.isEmpty()) {
        sb.append('1');
      }
      for (int i = 0; i < num.size(); i++) {
        if (i > 0) {
          sb.append('*');
        }
        print(num.get(i), PRODUCT, sb);
      }
      if (!den.isEmpty()) {
        sb.append('/');
        if (den.size() == 1) {
          print(den.get(0), POWER, sb);
        } else {
          sb.append('(');
          for (int i = 0; i < den.size(); i++) {
            if (i > 0) {
              sb.append('*');
            }
            print(den.get(i), PRODUCT, sb);
          }
          sb.append(')');
        }
      }
      sb.append(wrap ? ")" : "");
    }
  }

  private static final class Latex extends Printer {
    Latex(List<String> names, int digits) {
      super(names, digits);
    }

    @Override
    String defaultName(int i) {
      return "x_{" + i + "}";
    }

    @Override
    String name(int i) {
      if (names == null || i >= names.size()) {
        return defaultName(i);
      }
      String n = names.get(i);
      if (n.length() == 1) {
        return n;
      }
      return "\\mathrm{" + n.replace("\\", "").replace("_", "\\_") + "}";
    }

    private void number(double v, StringBuilder sb) {
      String s = ExprPrinter.number(v, digits);
      int e = s.indexOf('E');
      if (e < 0) {
        sb.append(s);
      } else {
        sb.append(s, 0, e).append(" \\times 10^{").append(s.substring(e + 1)).append('}');
      }
    }

    @Override
    void print(Expr e, int context, StringBuilder sb) {
      if (e instanceof Expr.Const k) {
        boolean wrap = k.value() < 0 && context > SUM;
        sb.append(wrap ? "\\left(" : "");
        number(k.value(), sb);
        sb.append(wrap ? "\\right)" : "");
      } else if (e instanceof Expr.Var v) {
        sb.append(name(v.index()));
      } else if (e instanceof Expr.Call c) {
        if (c.func() == Func.SQRT) {
          sb.append("\\sqrt{");
          print(c.arg(), 0, sb);
          sb.append('}');
        } else {
          sb.append('\\').append(c.func().symbol()).append("\\left(");
          print(c.arg(), 0, sb);
          sb.append("\\right)");
        }
      } else if (e instanceof Expr.Pow p) {
        if (p.exponent() < 0) {
          sb.append("\\frac{1}{");
          print(Exprs.pow(p.base(), -p.exponent()), 0, sb);
          sb.append('}');
        } else {
          boolean atom = p.base() instanceof Expr.Var;
          sb.append(atom ? "" : "\\left(");
          print(p.base(), 0, sb);
          sb.append(atom ? "" : "\\right)");
          sb.append("^{").append(p.exponent()).append('}');
        }
      } else if (e instanceof Expr.Sum s) {
        boolean wrap = context > SUM;
        sb.append(wrap ? "\\left(" : "");
        for (int i = 0; i < s.terms().size(); i++) {
          Expr t = s.terms().get(i);
          if (i == 0) {
            print(t, SUM, sb);
          } else if (negative(t)) {
            sb.append(" - ");
            print(negated(t), PRODUCT, sb);
          } else {
            sb.append(" + ");
            print(t, SUM, sb);
          }
        }
        sb.append(wrap ? "\\right)" : "");
      } else if (e instanceof Expr.Product p) {
        boolean wrap = context > PRODUCT;
        sb.append(wrap ? "\\left(" : "");
        Expr body = p;
        if (negative(p)) {
          sb.append('-');
          body = negated(p);
        }
        List<Expr> factors = body instanceof Expr.Product bp ? bp.factors() : List.of(body);
        List<Expr> num = new ArrayList<>();
        List<Expr> den = new ArrayList<>();
        split(factors, num, den);
        if (!den.isEmpty()) {
          sb.append("\\frac{");
          factors(num, sb);
          sb.append("}{");
          factors(den, sb);
          sb.append('}');
        } else {
          factors(num, sb);
        }
        sb.append(wrap ? "\\right)" : "");
      }
    }

    private void factors(List<Expr> fs, StringBuilder sb) {
      if (fs.isEmpty()) {
        sb.append('1');
        return;
      }
      for (int i = 0; i < fs.size(); i++) {
        if (i > 0) {
          boolean numeric = fs.get(i) instanceof Expr.Const || fs.get(i - 1) instanceof Expr.Const;
          sb.append(numeric && fs.get(i) instanceof Expr.Const ? " \\cdot " : " ");
        }
        print(fs.get(i), fs.size() > 1 ? PRODUCT : SUM, sb);
      }
    }
  }
}
