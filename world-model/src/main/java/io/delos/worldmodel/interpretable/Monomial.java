package io.delos.worldmodel.interpretable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A product of concepts, as the sorted indices of its factors with repetition for powers: {@code
 * [0, 0, 2]} is c₀²·c₂; {@code []} is the constant.
 *
 * @param concepts concept indices, each >= 0, sorted ascending
 */
public record Monomial(List<Integer> concepts) implements Comparable<Monomial> {
  /** Orders by degree, then lexicographically by index. */
  public static final Comparator<Monomial> ORDER =
      Comparator.comparingInt(Monomial::degree)
          .thenComparing(
              (a, b) -> {
                for (int i = 0; i < a.degree(); i++) {
                  int c = Integer.compare(a.concepts.get(i), b.concepts.get(i));
                  if (c != 0) {
                    return c;
                  }
                }
                return 0;
              });

  /** Validates and sorts nothing: the indices must come sorted. */
  public Monomial {
    concepts = List.copyOf(concepts);
    for (int i = 0; i < concepts.size(); i++) {
      if (concepts.get(i) < 0 || (i > 0 && concepts.get(i) < concepts.get(i - 1))) {
        throw new IllegalArgumentException(
            "monomial " + concepts + ": indices must be >= 0 and sorted ascending");
      }
    }
  }

  /** The monomial of the factors {@code indices}, in any order. */
  public static Monomial of(int... indices) {
    List<Integer> list = new ArrayList<>();
    for (int i : indices) {
      list.add(i);
    }
    Collections.sort(list);
    return new Monomial(list);
  }

  /** The total degree. */
  public int degree() {
    return concepts.size();
  }

  /** The value of the product at {@code c}. */
  public double evaluate(double[] c) {
    double v = 1;
    for (int i : concepts) {
      v *= c[i];
    }
    return v;
  }

  @Override
  public int compareTo(Monomial other) {
    return ORDER.compare(this, other);
  }
}
