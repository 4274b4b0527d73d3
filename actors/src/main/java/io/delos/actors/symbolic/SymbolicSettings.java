package io.delos.actors.symbolic;

import com.typesafe.config.Config;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a runtime hosts symbolic regression jobs, read from {@code delos.symbolic}.
 *
 * @param maxJobs jobs that may run at once, each on its own thread, >= 1; a job asked for beyond
 *     them is refused
 * @param maxBudget the largest time budget one job may ask for, > 0
 * @param clock how job budgets are measured: wall-clock time, or CPU time of the job's thread (a
 *     loaded machine then does not shrink a search, but the job takes longer than its budget)
 */
public record SymbolicSettings(
    int maxJobs, Duration maxBudget, SymbolicRegressionRequest.Clock clock) {
  /** Validates the settings. */
  public SymbolicSettings {
    Objects.requireNonNull(maxBudget, "max-budget");
    Objects.requireNonNull(clock, "budget-clock");
    if (maxJobs < 1) {
      throw new IllegalArgumentException("delos.symbolic.max-jobs = " + maxJobs + ": must be >= 1");
    }
    if (maxBudget.isNegative() || maxBudget.isZero()) {
      throw new IllegalArgumentException(
          "delos.symbolic.max-budget = " + maxBudget + ": must be > 0");
    }
  }

  /**
   * Reads {@code delos.symbolic}.
   *
   * @throws IllegalArgumentException naming the setting that is out of range
   */
  public static SymbolicSettings from(Config config) {
    Config c = config.getConfig("delos.symbolic");
    String clock = c.getString("budget-clock");
    SymbolicRegressionRequest.Clock parsed =
        switch (clock.toLowerCase(Locale.ROOT)) {
          case "wall" -> SymbolicRegressionRequest.Clock.WALL;
          case "thread-cpu" -> SymbolicRegressionRequest.Clock.THREAD_CPU;
          default ->
              throw new IllegalArgumentException(
                  "delos.symbolic.budget-clock = '" + clock + "': allowed wall or thread-cpu");
        };
    return new SymbolicSettings(c.getInt("max-jobs"), c.getDuration("max-budget"), parsed);
  }
}
