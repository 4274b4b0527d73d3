package io.delos.actors.planning;

import io.delos.sim.task.TaskSpec;
import io.delos.sim.task.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Names the weighted terms of a task's planning cost, and changes their weights.
 *
 * <p>Names are stable for a task file: {@code cost.<i>} for running cost terms (or {@code
 * reward.<i>} when the task plans on its negated reward), {@code terminal.<i>} for terminal terms,
 * and {@code constraint} for the weight of the soft {@code stayWithin} constraints.
 */
public final class CostWeights {
  /** Name of the soft-constraint weight. */
  public static final String CONSTRAINT = "constraint";

  private CostWeights() {}

  /**
   * One named cost term.
   *
   * @param name stable name
   * @param weight current weight
   * @param description what the term measures
   */
  public record NamedTerm(String name, double weight, String description) {
    /** Validates the term. */
    public NamedTerm {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * The terms of {@code task} with their weights.
   *
   * @param task the task (with any weights already applied)
   * @param constraintWeight the weight of its soft constraints
   */
  public static List<NamedTerm> terms(TaskSpec task, double constraintWeight) {
    List<NamedTerm> out = new ArrayList<>();
    boolean fromReward = task.cost().isEmpty();
    List<Term> running = fromReward ? task.reward() : task.cost();
    String prefix = fromReward ? "reward." : "cost.";
    for (int i = 0; i < running.size(); i++) {
      out.add(new NamedTerm(prefix + i, weight(running.get(i)), describe(running.get(i))));
    }
    for (int i = 0; i < task.terminalCost().size(); i++) {
      Term t = task.terminalCost().get(i);
      out.add(new NamedTerm("terminal." + i, weight(t), describe(t)));
    }
    out.add(
        new NamedTerm(
            CONSTRAINT,
            constraintWeight,
            "squared distance outside the task's stayWithin ranges ("
                + task.stayWithin().size()
                + " conditions)"));
    return out;
  }

  /**
   * {@code task} with the weights of the named terms replaced.
   *
   * @param task the task
   * @param weights new weights by name; {@link #CONSTRAINT} is ignored here
   * @return the re-weighted task
   * @throws IllegalArgumentException naming an unknown name or a non-finite weight, and listing the
   *     names that exist
   */
  public static TaskSpec apply(TaskSpec task, Map<String, Double> weights) {
    Map<String, Double> left = new LinkedHashMap<>(weights);
    left.remove(CONSTRAINT);
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      if (w.getValue() == null || !Double.isFinite(w.getValue())) {
        throw new IllegalArgumentException(
            "weights[" + w.getKey() + "] = " + w.getValue() + ": must be a finite number");
      }
    }
    boolean fromReward = task.cost().isEmpty();
    List<Term> running =
        reweight(fromReward ? task.reward() : task.cost(), fromReward ? "reward." : "cost.", left);
    List<Term> terminal = reweight(task.terminalCost(), "terminal.", left);
    if (!left.isEmpty()) {
      List<String> known = terms(task, 0).stream().map(NamedTerm::name).toList();
      throw new IllegalArgumentException(
          "weights name unknown terms " + left.keySet() + ": this task's terms are " + known);
    }
    return new TaskSpec(
        task.name(),
        task.robot(),
        task.maxSteps(),
        task.jointStarts(),
        task.rootStarts(),
        fromReward ? running : task.reward(),
        task.stayWithin(),
        task.success(),
        fromReward ? task.cost() : running,
        terminal,
        task.operatingPoint());
  }

  private static List<Term> reweight(List<Term> terms, String prefix, Map<String, Double> left) {
    List<Term> out = new ArrayList<>(terms.size());
    for (int i = 0; i < terms.size(); i++) {
      Double w = left.remove(prefix + i);
      out.add(w == null ? terms.get(i) : withWeight(terms.get(i), w));
    }
    return out;
  }

  /** The weight of a term (a constant's value). */
  static double weight(Term t) {
    if (t instanceof Term.Constant c) {
      return c.value();
    } else if (t instanceof Term.Squared s) {
      return s.weight();
    } else if (t instanceof Term.AngleSquared a) {
      return a.weight();
    } else if (t instanceof Term.Linear l) {
      return l.weight();
    } else if (t instanceof Term.Distance d) {
      return d.weight();
    } else if (t instanceof Term.ActionSquared a) {
      return a.weight();
    } else if (t instanceof Term.Indicator i) {
      return i.weight();
    }
    throw new IllegalArgumentException("unknown cost term " + t.getClass().getSimpleName());
  }

  /** {@code t} with weight {@code w} (a constant's value). */
  static Term withWeight(Term t, double w) {
    if (t instanceof Term.Constant) {
      return new Term.Constant(w);
    } else if (t instanceof Term.Squared s) {
      return new Term.Squared(s.channel(), s.target(), w);
    } else if (t instanceof Term.AngleSquared a) {
      return new Term.AngleSquared(a.sin(), a.cos(), a.target(), w);
    } else if (t instanceof Term.Linear l) {
      return new Term.Linear(l.channel(), w);
    } else if (t instanceof Term.Distance d) {
      return new Term.Distance(d.channels(), d.target(), w);
    } else if (t instanceof Term.ActionSquared) {
      return new Term.ActionSquared(w);
    } else if (t instanceof Term.Indicator i) {
      return new Term.Indicator(i.condition(), w);
    }
    throw new IllegalArgumentException("unknown cost term " + t.getClass().getSimpleName());
  }

  /** A short description of what a term measures. */
  static String describe(Term t) {
    if (t instanceof Term.Constant) {
      return "constant";
    } else if (t instanceof Term.Squared s) {
      return s.target() == 0
          ? "squared(" + s.channel() + ")"
          : String.format(Locale.ROOT, "squared(%s - %s)", s.channel(), s.target());
    } else if (t instanceof Term.AngleSquared a) {
      return String.format(
          Locale.ROOT, "squared angle error(atan2(%s, %s) - %s rad)", a.sin(), a.cos(), a.target());
    } else if (t instanceof Term.Linear l) {
      return "linear(" + l.channel() + ")";
    } else if (t instanceof Term.Distance d) {
      return "distance(" + d.channels() + " to " + d.target() + ")";
    } else if (t instanceof Term.ActionSquared) {
      return "squared action norm";
    } else if (t instanceof Term.Indicator i) {
      return "indicator(" + i.condition() + ")";
    }
    return t.getClass().getSimpleName();
  }
}
