package io.delos.worldmodel.symbolic.eval;

import io.delos.worldmodel.symbolic.ScaleSrConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a benchmark run covers and how much each regression may spend.
 *
 * @param sets benchmark sets to run ({@code nguyen}, {@code jin}, {@code feynman})
 * @param names equation names to keep, or empty for all in the sets
 * @param noiseLevels SRBench noise levels: Gaussian noise of standard deviation level·RMS(y) is
 *     added to the training targets; each >= 0
 * @param seeds seeds; each (equation, noise, seed) gets its own data and runs
 * @param feynmanBudget wall-clock time per regression on Feynman equations, > 0
 * @param smallBudget wall-clock time per regression on Nguyen and Jin equations, > 0
 * @param points points sampled per equation, >= 40
 * @param trainFraction share of the points used for training (SRBench: 0.75), in (0, 1)
 * @param workers regressions run at once, >= 1
 * @param arms the methods compared
 * @param config ScaleSR settings (plain GP uses its {@code gp} settings)
 */
public record BenchmarkSettings(
    List<String> sets,
    List<String> names,
    List<Double> noiseLevels,
    List<Long> seeds,
    Duration feynmanBudget,
    Duration smallBudget,
    int points,
    double trainFraction,
    int workers,
    List<Arm> arms,
    ScaleSrConfig config) {

  /** The methods a benchmark compares. */
  public enum Arm {
    /** ScaleSR with the neural data generator. */
    SCALESR,
    /** Genetic programming on all inputs at once. */
    PLAIN_GP
  }

  /** Validates the settings. */
  public BenchmarkSettings {
    sets = List.copyOf(sets);
    names = List.copyOf(names);
    noiseLevels = List.copyOf(noiseLevels);
    seeds = List.copyOf(seeds);
    arms = List.copyOf(arms);
    Objects.requireNonNull(feynmanBudget, "feynmanBudget");
    Objects.requireNonNull(smallBudget, "smallBudget");
    Objects.requireNonNull(config, "config");
    if (noiseLevels.stream().anyMatch(l -> !(l >= 0))) {
      throw new IllegalArgumentException("noiseLevels = " + noiseLevels + ": each must be >= 0");
    }
    if (seeds.isEmpty() || arms.isEmpty() || sets.isEmpty() || noiseLevels.isEmpty()) {
      throw new IllegalArgumentException("sets, noise levels, seeds and arms must not be empty");
    }
    if (feynmanBudget.isZero()
        || feynmanBudget.isNegative()
        || smallBudget.isZero()
        || smallBudget.isNegative()) {
      throw new IllegalArgumentException(
          "budgets " + feynmanBudget + ", " + smallBudget + ": must be > 0");
    }
    if (points < 40) {
      throw new IllegalArgumentException("points = " + points + ": must be >= 40");
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction = " + trainFraction + ": allowed (0, 1)");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers = " + workers + ": must be >= 1");
    }
  }

  /** The budget of one regression on {@code problem}. */
  public Duration budgetFor(BenchmarkProblem problem) {
    return problem.set().equals("feynman") ? feynmanBudget : smallBudget;
  }
}
