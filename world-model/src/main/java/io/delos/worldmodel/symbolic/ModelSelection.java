package io.delos.worldmodel.symbolic;

import java.util.List;

/**
 * Picks one expression from a Pareto front.
 *
 * <p>When some candidates fit to within the noise floor, the simplest of them wins: a more complex
 * one can only be fitting noise. Otherwise, among candidates within a factor {@link
 * #ACCURACY_WINDOW} of the most accurate, the one whose error fell most steeply per unit of added
 * complexity wins, score = −Δ log(NMSE) / Δ complexity against the next simpler front member (the
 * rule PySR uses, Cranmer 2023, arXiv 2305.01582).
 */
public final class ModelSelection {
  /** Candidates this many times less accurate than the best are not considered. */
  public static final double ACCURACY_WINDOW = 1.5;

  private static final double SMALLEST_NMSE = 1e-30;

  private ModelSelection() {}

  /**
   * The chosen candidate, or null for an empty front.
   *
   * @param front the front
   * @param floorNmse errors at or below this count as exact fits (the noise floor), >= 0
   */
  public static Candidate choose(ParetoFront front, double floorNmse) {
    return choose(front.candidates(), floorNmse);
  }

  /**
   * As {@link #choose(ParetoFront, double)} for a front given as its candidates, simplest first.
   */
  public static Candidate choose(List<Candidate> front, double floorNmse) {
    return choose(front, floorNmse, ACCURACY_WINDOW);
  }

  /**
   * As {@link #choose(List, double)} with another accuracy window.
   *
   * @param front the front's candidates, simplest first
   * @param floorNmse errors at or below this count as exact fits, >= 0
   * @param window candidates less accurate than this multiple of the best are not considered, >= 1
   */
  public static Candidate choose(List<Candidate> front, double floorNmse, double window) {
    if (front.isEmpty()) {
      return null;
    }
    for (Candidate c : front) {
      if (c.nmse() <= floorNmse) {
        return c;
      }
    }
    double best = front.get(front.size() - 1).nmse();
    Candidate chosen = front.get(front.size() - 1);
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < front.size(); i++) {
      Candidate c = front.get(i);
      if (c.nmse() > window * best) {
        continue;
      }
      double score;
      if (i == 0) {
        score = Double.POSITIVE_INFINITY;
      } else {
        Candidate p = front.get(i - 1);
        score =
            -Math.log(Math.max(c.nmse(), SMALLEST_NMSE) / Math.max(p.nmse(), SMALLEST_NMSE))
                / Math.max(1, c.complexity() - p.complexity());
      }
      if (score > bestScore) {
        bestScore = score;
        chosen = c;
      }
    }
    return chosen;
  }
}
