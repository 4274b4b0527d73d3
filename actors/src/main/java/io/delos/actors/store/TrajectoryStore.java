package io.delos.actors.store;

import io.delos.sim.Trajectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Keeps the trajectory chunks robots stream in, per system, and acknowledges each one once it is
 * kept.
 *
 * <p>With a directory, every chunk is appended to a {@link ChunkLog} before it is acknowledged, so
 * no acknowledged step is lost when the process dies; the log is forced to the disk periodically
 * and on close. Memory holds at most {@link Settings#rowsInMemory()} rows per system (the newest);
 * older rows remain in the log. A robot counts its unacknowledged chunks and pauses when too many
 * are in flight, so a fast robot slows down instead of filling memory.
 *
 * <p>The store runs on a dedicated dispatcher: appending is file I/O.
 */
public final class TrajectoryStore extends AbstractBehavior<TrajectoryStore.Command> {
  /** Messages the store understands. */
  public sealed interface Command {}

  /**
   * Append a chunk.
   *
   * @param systemId the robot system
   * @param incarnation the sender's incarnation; sequence numbers restart with a new one
   * @param sequence the chunk's number within the incarnation, from 0
   * @param chunk the rows
   * @param replyTo receives {@link Stored} once the chunk is kept
   */
  public record Append(
      String systemId, long incarnation, long sequence, Trajectory chunk, ActorRef<Stored> replyTo)
      implements Command {}

  /**
   * The acknowledgement of an {@link Append}.
   *
   * @param systemId the robot system
   * @param sequence the chunk's number
   */
  public record Stored(String systemId, long sequence) {}

  /**
   * Ask for the rows held in memory for one system, as one trajectory.
   *
   * @param systemId the robot system
   * @param replyTo receives the trajectory, empty when nothing is held
   */
  public record Get(String systemId, ActorRef<Trajectory> replyTo) implements Command {}

  /**
   * Ask for counts.
   *
   * @param replyTo receives the statistics
   */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /**
   * Force the log to the disk now.
   *
   * @param replyTo receives the number of chunks logged so far
   */
  public record Sync(ActorRef<Long> replyTo) implements Command {}

  /**
   * Counts of what is stored.
   *
   * @param rowsBySystem rows acknowledged per system id
   * @param chunks chunks accepted in total
   * @param duplicates chunks received again after already being stored (acknowledged, not kept)
   * @param logFile the log being written, or null without a directory
   */
  public record Stats(
      Map<String, Long> rowsBySystem, long chunks, long duplicates, String logFile) {
    /** Copies the map. */
    public Stats {
      rowsBySystem = Map.copyOf(rowsBySystem);
    }

    /** Rows across every system. */
    public long totalRows() {
      return rowsBySystem.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Store settings.
   *
   * @param directory where chunk logs go, or null to keep chunks in memory only
   * @param rowsInMemory newest rows kept in memory per system for queries, >= 0
   * @param syncInterval how often the log is forced to the disk
   */
  public record Settings(Path directory, long rowsInMemory, Duration syncInterval) {
    /** Validates the settings. */
    public Settings {
      if (rowsInMemory < 0) {
        throw new IllegalArgumentException("rowsInMemory = " + rowsInMemory + ": must be >= 0");
      }
      if (syncInterval == null || syncInterval.isNegative() || syncInterval.isZero()) {
        throw new IllegalArgumentException("syncInterval = " + syncInterval + ": must be > 0");
      }
    }

    /** In memory only, unbounded. */
    public static Settings inMemory() {
      return new Settings(null, Long.MAX_VALUE, Duration.ofSeconds(1));
    }
  }

  private record SyncTick() implements Command {}

  private static final class SystemLog {
    final Deque<Trajectory> chunks = new ArrayDeque<>();
    final Map<Long, Long> nextSequence = new HashMap<>();
    long rows;
    long rowsInMemory;
  }

  private final Settings settings;
  private final ChunkLog log;
  private final Map<String, SystemLog> systems = new LinkedHashMap<>();
  private long chunks;
  private long duplicates;

  private TrajectoryStore(
      ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings) {
    super(context);
    this.settings = settings;
    if (settings.directory() != null) {
      String name = "chunks-" + Instant.now().toString().replace(':', '-') + ".log";
      try {
        this.log = ChunkLog.open(settings.directory().resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot open the chunk log in " + settings.directory() + ": " + e.getMessage(), e);
      }
      timers.startTimerWithFixedDelay("sync", new SyncTick(), settings.syncInterval());
    } else {
      this.log = null;
    }
  }

  /** The store's behaviour. */
  public static Behavior<Command> create(Settings settings) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(timers -> new TrajectoryStore(ctx, timers, settings)));
  }

  /** An in-memory store. */
  public static Behavior<Command> create() {
    return create(Settings.inMemory());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessage(Get.class, this::onGet)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Sync.class, this::onSync)
        .onMessage(SyncTick.class, t -> sync())
        .onSignal(PostStop.class, s -> close())
        .build();
  }

  private Behavior<Command> onAppend(Append m) {
    SystemLog sys = systems.computeIfAbsent(m.systemId(), id -> new SystemLog());
    long expected = sys.nextSequence.getOrDefault(m.incarnation(), 0L);
    if (m.sequence() < expected) {
      // A resend after a lost acknowledgement: already kept, acknowledge again.
      duplicates++;
      m.replyTo().tell(new Stored(m.systemId(), m.sequence()));
      return this;
    }
    if (m.sequence() > expected) {
      getContext()
          .getLog()
          .warn(
              "system {} skipped chunks {} to {}; keeping the rest",
              m.systemId(),
              expected,
              m.sequence() - 1);
    }
    if (log != null) {
      try {
        log.append(new ChunkLog.Entry(m.systemId(), m.incarnation(), m.sequence(), m.chunk()));
      } catch (IOException e) {
        // Not acknowledged: the robot keeps it in flight and stays paused rather than lose it.
        getContext()
            .getLog()
            .error("could not log chunk {} of {}; not acknowledged", m.sequence(), m.systemId(), e);
        return this;
      }
    }
    sys.chunks.addLast(m.chunk());
    sys.rows += m.chunk().length();
    sys.rowsInMemory += m.chunk().length();
    while (sys.rowsInMemory > settings.rowsInMemory() && !sys.chunks.isEmpty()) {
      sys.rowsInMemory -= sys.chunks.removeFirst().length();
    }
    sys.nextSequence.put(m.incarnation(), m.sequence() + 1);
    chunks++;
    m.replyTo().tell(new Stored(m.systemId(), m.sequence()));
    return this;
  }

  private Behavior<Command> onGet(Get m) {
    SystemLog sys = systems.get(m.systemId());
    if (sys == null || sys.chunks.isEmpty()) {
      m.replyTo().tell(Trajectory.builder(m.systemId(), 0, 0).build());
      return this;
    }
    List<Trajectory> parts = new ArrayList<>(sys.chunks);
    m.replyTo().tell(join(parts));
    return this;
  }

  /** Joins chunks of one system into one trajectory in a single copy. */
  static Trajectory join(List<Trajectory> parts) {
    Trajectory first = parts.get(0);
    int n = first.observationSize();
    int a = first.actionSize();
    int rows = 0;
    for (Trajectory t : parts) {
      rows += t.length();
    }
    double[] times = new double[rows];
    double[] obs = new double[rows * n];
    double[] act = new double[rows * a];
    double[] rew = new double[rows];
    int[] flags = new int[rows];
    int at = 0;
    for (Trajectory t : parts) {
      int len = t.length();
      System.arraycopy(t.times(), 0, times, at, len);
      System.arraycopy(t.observations(), 0, obs, at * n, len * n);
      System.arraycopy(t.actions(), 0, act, at * a, len * a);
      System.arraycopy(t.rewards(), 0, rew, at, len);
      System.arraycopy(t.flags(), 0, flags, at, len);
      at += len;
    }
    return Trajectory.of(first.systemId(), n, a, times, obs, act, rew, flags);
  }

  private Behavior<Command> onGetStats(GetStats m) {
    Map<String, Long> rows = new LinkedHashMap<>();
    systems.forEach((id, sys) -> rows.put(id, sys.rows));
    m.replyTo()
        .tell(new Stats(rows, chunks, duplicates, log == null ? null : log.file().toString()));
    return this;
  }

  private Behavior<Command> onSync(Sync m) {
    sync();
    m.replyTo().tell(chunks);
    return this;
  }

  private Behavior<Command> sync() {
    if (log != null) {
      try {
        log.sync();
      } catch (IOException e) {
        getContext().getLog().error("could not force the chunk log to disk", e);
      }
    }
    return this;
  }

  private Behavior<Command> close() {
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        getContext().getLog().error("could not close the chunk log", e);
      }
    }
    return this;
  }
}
