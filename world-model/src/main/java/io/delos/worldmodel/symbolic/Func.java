package io.delos.worldmodel.symbolic;

/**
 * The one-argument functions of {@link Expr.Call}, with their protected values and derivatives.
 *
 * <p>{@code log} and {@code sqrt} act on the magnitude of their argument so that they are defined
 * everywhere; {@code log} keeps its argument at least {@link Expr#GUARD} in magnitude.
 */
public enum Func {
  /** Sine of an angle in radians. */
  SIN("sin"),
  /** Cosine of an angle in radians. */
  COS("cos"),
  /** Natural exponential. */
  EXP("exp"),
  /** Natural logarithm of the magnitude, protected. */
  LOG("log"),
  /** Square root of the magnitude. */
  SQRT("sqrt");

  private final String symbol;

  Func(String symbol) {
    this.symbol = symbol;
  }

  /** The name used in printed expressions (SymPy's name). */
  public String symbol() {
    return symbol;
  }

  /** The function with the printed name {@code name}, or {@code null}. */
  public static Func bySymbol(String name) {
    for (Func f : values()) {
      if (f.symbol.equals(name)) {
        return f;
      }
    }
    return name.equals("ln") ? LOG : null;
  }

  /** The protected value at {@code x}. */
  public double apply(double x) {
    return switch (this) {
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case EXP -> Math.exp(x);
      case LOG -> Math.log(Math.max(Math.abs(x), Expr.GUARD));
      case SQRT -> Math.sqrt(Math.abs(x));
    };
  }

  /**
   * The derivative of the protected function at {@code x}, given its value {@code y} there.
   *
   * @param x argument
   * @param y {@link #apply(double)} at {@code x}
   */
  public double derivative(double x, double y) {
    return switch (this) {
      case SIN -> Math.cos(x);
      case COS -> -Math.sin(x);
      case EXP -> y;
      case LOG -> Math.abs(x) < Expr.GUARD ? 0 : 1 / x;
      case SQRT -> y < Expr.GUARD ? 0 : Math.signum(x) / (2 * y);
    };
  }
}
