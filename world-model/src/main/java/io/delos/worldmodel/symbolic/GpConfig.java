package io.delos.worldmodel.symbolic;

import java.util.List;
import java.util.Objects;

/**
 * Settings of {@link GeneticProgramming}.
 *
 * @param populationSize individuals per generation, >= 4
 * @param tournamentSize individuals drawn per selection, in [1, populationSize]
 * @param maxComplexity largest {@link Expr#complexity()} kept, >= 3
 * @param initialDepth largest depth of random trees, in [1, 8]
 * @param crossoverRate probability of subtree crossover per offspring, in [0, 1]
 * @param mutationRate probability of a mutation per offspring, in [0, 1 − crossoverRate]; the rest
 *     are copies
 * @param elites best individuals copied unchanged into the next generation, in [0, populationSize)
 * @param functions functions random trees and mutations may use
 * @param maxFitPoints points constants are fitted on during the search (a seeded subsample when the
 *     data hold more), >= 8
 * @param fit constant fitting per new skeleton
 * @param patienceGenerations generations without a better front after which a search whose best
 *     error is below its stopping error ends, >= 1
 */
public record GpConfig(
    int populationSize,
    int tournamentSize,
    int maxComplexity,
    int initialDepth,
    double crossoverRate,
    double mutationRate,
    int elites,
    List<Func> functions,
    int maxFitPoints,
    ConstantFitter.Settings fit,
    int patienceGenerations) {

  /** Defaults for searches over several variables. */
  public static final GpConfig DEFAULT =
      new GpConfig(
          300,
          5,
          40,
          4,
          0.5,
          0.45,
          6,
          List.of(Func.values()),
          400,
          new ConstantFitter.Settings(40, 2, 1e-9),
          10);

  /** Validates the settings. */
  public GpConfig {
    if (populationSize < 4) {
      throw new IllegalArgumentException("populationSize = " + populationSize + ": must be >= 4");
    }
    if (tournamentSize < 1 || tournamentSize > populationSize) {
      throw new IllegalArgumentException(
          "tournamentSize = " + tournamentSize + ": allowed [1, " + populationSize + "]");
    }
    if (maxComplexity < 3) {
      throw new IllegalArgumentException("maxComplexity = " + maxComplexity + ": must be >= 3");
    }
    if (initialDepth < 1 || initialDepth > 8) {
      throw new IllegalArgumentException("initialDepth = " + initialDepth + ": allowed [1, 8]");
    }
    if (!(crossoverRate >= 0 && mutationRate >= 0 && crossoverRate + mutationRate <= 1)) {
      throw new IllegalArgumentException(
          "crossoverRate = "
              + crossoverRate
              + ", mutationRate = "
              + mutationRate
              + ": each >= 0 and their sum <= 1");
    }
    if (elites < 0 || elites >= populationSize) {
      throw new IllegalArgumentException(
          "elites = " + elites + ": allowed [0, " + (populationSize - 1) + "]");
    }
    functions = List.copyOf(functions);
    if (maxFitPoints < 8) {
      throw new IllegalArgumentException("maxFitPoints = " + maxFitPoints + ": must be >= 8");
    }
    Objects.requireNonNull(fit, "fit");
    if (patienceGenerations < 1) {
      throw new IllegalArgumentException(
          "patienceGenerations = " + patienceGenerations + ": must be >= 1");
    }
  }

  /** These settings with another population size (elites and tournament kept within it). */
  public GpConfig withPopulationSize(int n) {
    return new GpConfig(
        n,
        Math.min(tournamentSize, n),
        maxComplexity,
        initialDepth,
        crossoverRate,
        mutationRate,
        Math.min(elites, n - 1),
        functions,
        maxFitPoints,
        fit,
        patienceGenerations);
  }

  /** These settings with another complexity limit. */
  public GpConfig withMaxComplexity(int n) {
    return new GpConfig(
        populationSize,
        tournamentSize,
        n,
        initialDepth,
        crossoverRate,
        mutationRate,
        elites,
        functions,
        maxFitPoints,
        fit,
        patienceGenerations);
  }
}
