package io.delos.actors.store;

import io.delos.sim.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Keeps the trajectory chunks robots stream in, per system, and acknowledges each one once it is
 * kept. A robot counts its unacknowledged chunks and pauses when too many are in flight, so a fast
 * robot slows down instead of filling memory.
 */
public final class TrajectoryStore extends AbstractBehavior<TrajectoryStore.Command> {
  /** Messages the store understands. */
  public sealed interface Command {}

  /**
   * Append a chunk.
   *
   * @param systemId the robot system
   * @param sequence the chunk's number within that system, starting at 0
   * @param chunk the rows
   * @param replyTo receives {@link Stored} once the chunk is kept
   */
  public record Append(String systemId, long sequence, Trajectory chunk, ActorRef<Stored> replyTo)
      implements Command {}

  /**
   * The acknowledgement of an {@link Append}.
   *
   * @param systemId the robot system
   * @param sequence the chunk's number
   */
  public record Stored(String systemId, long sequence) {}

  /**
   * Ask for everything stored for one system, as one trajectory.
   *
   * @param systemId the robot system
   * @param replyTo receives the trajectory, empty when nothing is stored
   */
  public record Get(String systemId, ActorRef<Trajectory> replyTo) implements Command {}

  /**
   * Ask for counts.
   *
   * @param replyTo receives the statistics
   */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /**
   * Counts of what is stored.
   *
   * @param rowsBySystem rows per system id
   * @param chunks chunks accepted in total
   * @param duplicates chunks received again after already being stored (acknowledged, not kept)
   */
  public record Stats(Map<String, Long> rowsBySystem, long chunks, long duplicates) {
    /** Copies the map. */
    public Stats {
      rowsBySystem = Map.copyOf(rowsBySystem);
    }

    /** Rows across every system. */
    public long totalRows() {
      return rowsBySystem.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final class SystemLog {
    final List<Trajectory> chunks = new ArrayList<>();
    long nextSequence;
    long rows;
    int observationSize;
    int actionSize;
  }

  private final Map<String, SystemLog> logs = new LinkedHashMap<>();
  private long chunks;
  private long duplicates;

  private TrajectoryStore(ActorContext<Command> context) {
    super(context);
  }

  /** The store's behaviour. */
  public static Behavior<Command> create() {
    return Behaviors.setup(TrajectoryStore::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessage(Get.class, this::onGet)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onAppend(Append m) {
    SystemLog log = logs.computeIfAbsent(m.systemId(), id -> new SystemLog());
    if (m.sequence() < log.nextSequence) {
      // A resend after a lost acknowledgement: already kept, acknowledge again.
      duplicates++;
      m.replyTo().tell(new Stored(m.systemId(), m.sequence()));
      return this;
    }
    if (m.sequence() > log.nextSequence) {
      getContext()
          .getLog()
          .warn(
              "system {} skipped chunks {} to {}; keeping the rest",
              m.systemId(),
              log.nextSequence,
              m.sequence() - 1);
    }
    log.chunks.add(m.chunk());
    log.rows += m.chunk().length();
    log.observationSize = m.chunk().observationSize();
    log.actionSize = m.chunk().actionSize();
    log.nextSequence = m.sequence() + 1;
    chunks++;
    m.replyTo().tell(new Stored(m.systemId(), m.sequence()));
    return this;
  }

  private Behavior<Command> onGet(Get m) {
    SystemLog log = logs.get(m.systemId());
    if (log == null || log.chunks.isEmpty()) {
      m.replyTo().tell(Trajectory.builder(m.systemId(), 0, 0).build());
      return this;
    }
    Trajectory all = log.chunks.get(0);
    for (int i = 1; i < log.chunks.size(); i++) {
      all = all.concat(log.chunks.get(i));
    }
    m.replyTo().tell(all);
    return this;
  }

  private Behavior<Command> onGetStats(GetStats m) {
    Map<String, Long> rows = new LinkedHashMap<>();
    logs.forEach((id, log) -> rows.put(id, log.rows));
    m.replyTo().tell(new Stats(rows, chunks, duplicates));
    return this;
  }
}
