package io.delos.actors.runtime;

import com.typesafe.config.Config;
import io.delos.actors.store.TrajectoryStore;
import java.nio.file.Path;

/** Reads {@link TrajectoryStore.Settings} from {@code delos.store}. */
final class StoreSettingsFromConfig {
  private StoreSettingsFromConfig() {}

  static TrajectoryStore.Settings read(Config config) {
    Config c = config.getConfig("delos.store");
    String dir = c.getString("directory");
    long rows = c.getLong("rows-in-memory");
    if (rows < 0) {
      throw new IllegalArgumentException("delos.store.rows-in-memory = " + rows + ": must be >= 0");
    }
    return new TrajectoryStore.Settings(
        dir.isBlank() ? null : Path.of(dir), rows, c.getDuration("sync-interval"));
  }
}
