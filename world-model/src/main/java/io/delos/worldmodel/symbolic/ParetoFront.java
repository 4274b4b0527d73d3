package io.delos.worldmodel.symbolic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complexity-accuracy Pareto front: for each complexity the most accurate candidate seen, and
 * of those only the ones more accurate than every simpler one.
 *
 * <p>Threading: not thread-safe; confine to one search.
 */
public final class ParetoFront {
  private final TreeMap<Integer, Candidate> best = new TreeMap<>();

  /** An empty front. */
  public ParetoFront() {}

  /** A front of {@code candidates}. */
  public static ParetoFront of(Collection<Candidate> candidates) {
    ParetoFront f = new ParetoFront();
    candidates.forEach(f::offer);
    return f;
  }

  /**
   * Offers a candidate.
   *
   * @return true when it became the best of its complexity
   */
  public boolean offer(Candidate c) {
    if (!Double.isFinite(c.nmse())) {
      return false;
    }
    Candidate old = best.get(c.complexity());
    if (old == null || c.nmse() < old.nmse()) {
      best.put(c.complexity(), c);
      return true;
    }
    return false;
  }

  /** Adds every candidate of {@code other}. */
  public void addAll(ParetoFront other) {
    other.best.values().forEach(this::offer);
  }

  /** The non-dominated candidates, simplest first, each more accurate than all before it. */
  public List<Candidate> candidates() {
    List<Candidate> out = new ArrayList<>();
    double bound = Double.POSITIVE_INFINITY;
    for (Map.Entry<Integer, Candidate> en : best.entrySet()) {
      if (en.getValue().nmse() < bound) {
        out.add(en.getValue());
        bound = en.getValue().nmse();
      }
    }
    return out;
  }

  /** The most accurate candidate, or null when empty. */
  public Candidate mostAccurate() {
    List<Candidate> c = candidates();
    return c.isEmpty() ? null : c.get(c.size() - 1);
  }

  /** True when nothing was offered that had a finite error. */
  public boolean isEmpty() {
    return best.isEmpty();
  }
}
