package io.delos.worldmodel.symbolic;

import java.util.List;

/**
 * Reads plain infix text ({@code q1*q2/(4*pi*epsilon*r**2)}) into an {@link Expr}.
 *
 * <p>Grammar: numbers, variable names from the given list, {@code pi}, the functions {@code sin,
 * cos, exp, log} (alias {@code ln}) and {@code sqrt}, operators {@code + - * /} and {@code **} (or
 * {@code ^}), parentheses. Exponents must be constant integers within ±{@link
 * Expr.Pow#MAX_EXPONENT} or halves of odd integers ({@code x**0.5 → sqrt(x)}, {@code x**1.5 →
 * sqrt(x)**3}). Numbers become fixed constants.
 */
public final class ExprParser {
  private final String text;
  private final List<String> names;
  private int pos;

  private ExprParser(String text, List<String> names) {
    this.text = text;
    this.names = names;
  }

  /**
   * Parses {@code text}.
   *
   * @param text the expression
   * @param names variable names; {@code names.get(i)} becomes {@code x_i}
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Expr parse(String text, List<String> names) {
    ExprParser p = new ExprParser(text, List.copyOf(names));
    Expr e = p.sum();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "'");
    }
    return e;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "cannot parse '" + text + "' at position " + pos + ": " + what);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(String token) {
    skipSpace();
    if (text.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private Expr sum() {
    Expr e = product();
    while (true) {
      if (accept("+")) {
        e = Exprs.add(e, product());
      } else if (accept("-")) {
        e = Exprs.sub(e, product());
      } else {
        return e;
      }
    }
  }

  private Expr product() {
    Expr e = unary();
    while (true) {
      skipSpace();
      if (text.startsWith("**", pos)) {
        return e;
      }
      if (accept("*")) {
        e = Exprs.mul(e, unary());
      } else if (accept("/")) {
        e = Exprs.div(e, unary());
      } else {
        return e;
      }
    }
  }

  private Expr unary() {
    if (accept("-")) {
      return Exprs.neg(unary());
    }
    if (accept("+")) {
      return unary();
    }
    return power();
  }

  private Expr power() {
    Expr base = atom();
    if (accept("**") || accept("^")) {
      int at = pos;
      Expr exponent = unary();
      if (exponent.variableCount() > 0) {
        pos = at;
        throw error("the exponent must be a constant");
      }
      double v = Program.compile(Simplifier.simplify(exponent)).evaluate(new double[0][], 1)[0];
      return power(base, v, at);
    }
    return base;
  }

  private Expr power(Expr base, double v, int at) {
    if (v == Math.rint(v) && Math.abs(v) <= Expr.Pow.MAX_EXPONENT) {
      return Exprs.pow(base, (int) v);
    }
    double twice = 2 * v;
    if (twice == Math.rint(twice) && Math.abs(twice) <= Expr.Pow.MAX_EXPONENT) {
      return Exprs.pow(Exprs.sqrt(base), (int) twice);
    }
    pos = at;
    throw error(
        "exponent " + v + " is not an integer or half-integer within ±" + Expr.Pow.MAX_EXPONENT);
  }

  private Expr atom() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expected a number, a name or '(' but the text ended");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expr e = sum();
      if (!accept(")")) {
        throw error("expected ')'");
      }
      return e;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      String name = text.substring(start, pos);
      int v = names.indexOf(name);
      if (v >= 0) {
        return Exprs.x(v);
      }
      if (name.equals("pi")) {
        return Exprs.num(Math.PI);
      }
      Func f = Func.bySymbol(name);
      if (f != null) {
        if (!accept("(")) {
          throw error("expected '(' after " + name);
        }
        Expr a = sum();
        if (!accept(")")) {
          throw error("expected ')' closing " + name + "(");
        }
        return Exprs.call(f, a);
      }
      pos = start;
      throw error(
          "unknown name '"
              + name
              + "'; variables: "
              + names
              + ", functions: sin, cos,"
              + " exp, log, sqrt, constant: pi");
    }
    throw error("unexpected '" + c + "'");
  }

  private Expr number() {
    int start = pos;
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    try {
      return Exprs.num(Double.parseDouble(text.substring(start, pos)));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("malformed number '" + text.substring(start, pos) + "'");
    }
  }
}
