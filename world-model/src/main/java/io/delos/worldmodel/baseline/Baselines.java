package io.delos.worldmodel.baseline;

import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;

/** Checks shared by the baselines. */
final class Baselines {
  private Baselines() {}

  static void check(WestWorldConfig c, WindowBatch b) {
    if (b.time() > c.window()) {
      throw new IllegalArgumentException(
          "window of "
              + b.time()
              + " steps: the model takes at most "
              + c.window()
              + " (config field window)");
    }
    if (b.obsChannels() > c.maxObservations() || b.actChannels() > c.maxActions()) {
      throw new IllegalArgumentException(
          "system with "
              + b.obsChannels()
              + " observation and "
              + b.actChannels()
              + " action channels: the model allows "
              + c.maxObservations()
              + " and "
              + c.maxActions()
              + " (config fields maxObservations, maxActions)");
    }
  }
}
