package io.delos.worldmodel.westworld;

import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;

/** Checks a batch against the table sizes of a configuration before it reaches the engine. */
final class Limits {
  private Limits() {}

  static void check(WestWorldConfig c, WindowBatch b, boolean ranks) {
    if (b.time() > c.window()) {
      throw new IllegalArgumentException(
          "window of "
              + b.time()
              + " steps: the model's time embedding has "
              + c.window()
              + " (config field window)");
    }
    if (b.obsChannels() > c.maxObservations()) {
      throw new IllegalArgumentException(
          "system with "
              + b.obsChannels()
              + " observation channels: the model allows "
              + c.maxObservations()
              + " (config field maxObservations)");
    }
    if (b.actChannels() > c.maxActions()) {
      throw new IllegalArgumentException(
          "system with "
              + b.actChannels()
              + " action channels: the model allows "
              + c.maxActions()
              + " (config field maxActions)");
    }
    if (ranks && b.maxRank() >= c.maxBodies()) {
      throw new IllegalArgumentException(
          "body rank or object id "
              + b.maxRank()
              + ": the structural tables have rows 0.."
              + (c.maxBodies() - 1)
              + " (config field maxBodies)");
    }
  }
}
