package io.delos.worldmodel.interpretable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A polynomial in named concepts, one coefficient per monomial, printable as readable infix.
 *
 * <p>Immutable.
 */
public final class Polynomial {
  /**
   * One printed term.
   *
   * @param concepts the names of the monomial's factors, repeated for powers; empty for the
   *     constant
   * @param coefficient its coefficient, in the target's unit
   */
  public record Term(List<String> concepts, double coefficient) {
    /** Copies the names. */
    public Term {
      concepts = List.copyOf(concepts);
    }
  }

  private final List<String> names;
  private final TreeMap<Monomial, Double> coefficients;

  /**
   * Creates a polynomial.
   *
   * @param names concept names; monomial indices refer to them
   * @param coefficients coefficient per monomial; absent monomials are zero
   */
  public Polynomial(List<String> names, Map<Monomial, Double> coefficients) {
    this.names = List.copyOf(names);
    this.coefficients = new TreeMap<>(coefficients);
    for (Monomial m : this.coefficients.keySet()) {
      for (int i : m.concepts()) {
        if (i >= this.names.size()) {
          throw new IllegalArgumentException(
              "monomial " + m.concepts() + " refers to concept " + i + " of " + this.names.size());
        }
      }
    }
  }

  /** The concept names. */
  public List<String> names() {
    return names;
  }

  /** The coefficient of {@code m}, 0 when absent. */
  public double coefficient(Monomial m) {
    return coefficients.getOrDefault(m, 0.0);
  }

  /** Every monomial with its coefficient, by degree then index. */
  public Map<Monomial, Double> coefficients() {
    return java.util.Collections.unmodifiableMap(coefficients);
  }

  /** The highest degree with a monomial. */
  public int degree() {
    return coefficients.isEmpty() ? 0 : coefficients.lastKey().degree();
  }

  /** The value at the concept values {@code c}, one per name. */
  public double evaluate(double[] c) {
    if (c.length != names.size()) {
      throw new IllegalArgumentException(
          "c has " + c.length + " values: expected one per concept (" + names.size() + ")");
    }
    double sum = 0;
    for (Map.Entry<Monomial, Double> e : coefficients.entrySet()) {
      sum += e.getValue() * e.getKey().evaluate(c);
    }
    return sum;
  }

  /**
   * The same function written in standardised concepts ĉᵢ = (cᵢ − μᵢ) / σᵢ: every monomial Πⱼ cᵢⱼ =
   * Πⱼ (μᵢⱼ + σᵢⱼ ĉᵢⱼ) is expanded over the subsets of its factors. A coefficient then reads as the
   * effect of one standard deviation of each concept, whatever scale the encoders chose.
   *
   * @param mean μ per concept
   * @param std σ per concept, > 0
   */
  public Polynomial standardised(double[] mean, double[] std) {
    Map<Monomial, Double> out = new TreeMap<>();
    for (Map.Entry<Monomial, Double> e : coefficients.entrySet()) {
      List<Integer> f = e.getKey().concepts();
      int k = f.size();
      for (int subset = 0; subset < (1 << k); subset++) {
        double a = e.getValue();
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < k; j++) {
          if ((subset & (1 << j)) != 0) {
            a *= std[f.get(j)];
            kept.add(f.get(j));
          } else {
            a *= mean[f.get(j)];
          }
        }
        out.merge(new Monomial(kept), a, Double::sum);
      }
    }
    return new Polynomial(names, out);
  }

  /** The terms with |coefficient| >= {@code threshold}, by degree then index. */
  public List<Term> terms(double threshold) {
    requireThreshold(threshold);
    List<Term> out = new ArrayList<>();
    for (Map.Entry<Monomial, Double> e : coefficients.entrySet()) {
      if (Math.abs(e.getValue()) >= threshold) {
        List<String> n = new ArrayList<>();
        for (int i : e.getKey().concepts()) {
          n.add(names.get(i));
        }
        out.add(new Term(n, e.getValue()));
      }
    }
    return out;
  }

  /**
   * The polynomial as one line, for example {@code y = 0.5 + 1.5·body − 2·actuation +
   * 0.8·body·environment + 0.1·body²}, dropping terms with |coefficient| below {@code threshold};
   * the threshold is printed after the polynomial.
   */
  public String format(double threshold) {
    StringBuilder b = new StringBuilder("y =");
    boolean first = true;
    for (Term t : terms(threshold)) {
      double c = t.coefficient();
      if (first) {
        b.append(c < 0 ? " −" : " ");
      } else {
        b.append(c < 0 ? " − " : " + ");
      }
      b.append(number(Math.abs(c)));
      for (String factor : powers(t.concepts())) {
        b.append('·').append(factor);
      }
      first = false;
    }
    if (first) {
      b.append(" 0");
    }
    return b.append("   (terms with |coefficient| < ")
        .append(number(threshold))
        .append(" dropped)")
        .toString();
  }

  private static List<String> powers(List<String> factors) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < factors.size()) {
      int j = i;
      while (j < factors.size() && factors.get(j).equals(factors.get(i))) {
        j++;
      }
      int p = j - i;
      out.add(factors.get(i) + (p == 1 ? "" : p == 2 ? "²" : "³"));
      i = j;
    }
    return out;
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v)
        .replaceFirst("(\\.\\d*?)0+$", "$1")
        .replaceFirst("\\.$", "");
  }

  private static void requireThreshold(double threshold) {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold = " + threshold + ": allowed finite and >= 0");
    }
  }

  @Override
  public String toString() {
    return format(0);
  }
}
