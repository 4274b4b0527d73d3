package io.delos.robots.dataset;

/**
 * Progress of a collection, for progress bars and logs; library code prints nothing itself.
 *
 * <p>Threading: {@link #episodeFinished} and {@link #shardWritten} are called from worker threads,
 * possibly at the same time; implementations must be thread-safe and quick.
 */
public interface CollectionListener {
  /** A listener that ignores everything. */
  CollectionListener NONE = new CollectionListener() {};

  /**
   * The collection starts.
   *
   * @param episodes episodes still to collect (finished shards of a resumed collection excluded)
   * @param rows upper bound on the rows still to collect (episodes × steps)
   */
  default void started(long episodes, long rows) {}

  /**
   * One episode is finished (not yet on disk).
   *
   * @param system system id
   * @param rows rows the episode produced
   */
  default void episodeFinished(String system, int rows) {}

  /** One shard is on disk and listed in the manifest. */
  default void shardWritten(Manifest.Shard shard) {}
}
