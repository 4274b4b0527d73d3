package io.delos.actors.grpc;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.store.TrajectoryStore;
import io.delos.proto.v1.ExportChunk;
import io.delos.proto.v1.ExportFormat;
import io.delos.proto.v1.ExportRequest;
import io.delos.proto.v1.QueryRequest;
import io.delos.proto.v1.QueryResponse;
import io.delos.proto.v1.RecordRequest;
import io.delos.proto.v1.RecordResponse;
import io.delos.proto.v1.TrajectoryServiceGrpc;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Trajectory;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code delos.v1.TrajectoryService}: records client trajectories into the runtime's trajectory
 * store and reads back what robots and clients recorded.
 */
final class TrajectoryServiceImpl extends TrajectoryServiceGrpc.TrajectoryServiceImplBase {
  private final DelosRuntime runtime;
  private final Duration timeout;
  private final GrpcLimits limits;

  /** Observation and action sizes of each id clients recorded under. */
  private final Map<String, Sizes> recorded = new ConcurrentHashMap<>();

  private final AtomicLong incarnations = new AtomicLong(System.nanoTime());

  private record Sizes(int observations, int actions) {}

  TrajectoryServiceImpl(DelosRuntime runtime, Duration timeout, GrpcLimits limits) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.limits = limits;
  }

  @Override
  public StreamObserver<RecordRequest> record(StreamObserver<RecordResponse> out) {
    ServerCallStreamObserver<RecordResponse> call = (ServerCallStreamObserver<RecordResponse>) out;
    call.disableAutoRequest();
    call.request(1);
    return new Recording(call);
  }

  /**
   * One Record call: validates and stores chunks one at a time. The next chunk is requested only
   * after the store acknowledged the previous one; a half-close that arrives meanwhile is answered
   * once that acknowledgement is in.
   */
  private final class Recording implements StreamObserver<RecordRequest> {
    private final ServerCallStreamObserver<RecordResponse> call;
    private final long incarnation = incarnations.incrementAndGet();
    private String systemId;
    private Sizes sizes;
    private long sequence;
    private long rows;
    private boolean pending;
    private boolean halfClosed;
    private boolean finished;

    Recording(ServerCallStreamObserver<RecordResponse> call) {
      this.call = call;
      call.setOnCancelHandler(this::cancelled);
    }

    private synchronized void cancelled() {
      finished = true;
    }

    @Override
    public void onNext(RecordRequest request) {
      Duration t;
      Trajectory chunk;
      CompletionStage<Sizes> admitted;
      synchronized (this) {
        if (finished) {
          return;
        }
        try {
          t = Calls.timeout(timeout);
          chunk = TrajectoryMapper.fromProto(request.getChunk(), "chunk", -1, -1);
          if (chunk.length() == 0) {
            throw Problems.invalid("chunk has no rows: send at least one");
          }
          if (systemId != null && !systemId.equals(chunk.systemId())) {
            throw Problems.invalid(
                "chunk.system_id = "
                    + Problems.quote(chunk.systemId())
                    + ": every chunk of one Record call must name "
                    + Problems.quote(systemId));
          }
          admitted =
              sizes != null
                  ? CompletableFuture.completedFuture(sizes)
                  : admit(
                      chunk.systemId(), new Sizes(chunk.observationSize(), chunk.actionSize()), t);
        } catch (StatusRuntimeException e) {
          fail(e);
          return;
        }
        pending = true;
      }
      admitted
          .thenCompose(s -> append(chunk, s, t))
          .whenComplete(
              (stored, error) -> {
                if (error != null) {
                  fail(Calls.toStatus(error, "the trajectory store", t));
                  return;
                }
                boolean answer;
                synchronized (this) {
                  pending = false;
                  rows += chunk.length();
                  answer = halfClosed;
                }
                if (answer) {
                  answer();
                } else {
                  call.request(1);
                }
              });
    }

    private synchronized CompletionStage<TrajectoryStore.Stored> append(
        Trajectory chunk, Sizes s, Duration t) {
      if (s.observations() != chunk.observationSize() || s.actions() != chunk.actionSize()) {
        throw Problems.invalid(
            "chunk of "
                + Problems.quote(chunk.systemId())
                + " has "
                + chunk.observationSize()
                + " observation and "
                + chunk.actionSize()
                + " action channels: rows stored under this id have "
                + s.observations()
                + " and "
                + s.actions());
      }
      systemId = chunk.systemId();
      sizes = s;
      long seq = sequence++;
      String id = systemId;
      return AskPattern.<TrajectoryStore.Command, TrajectoryStore.Stored>ask(
          runtime.store(),
          replyTo -> new TrajectoryStore.Append(id, incarnation, seq, chunk, replyTo),
          t,
          runtime.system().scheduler());
    }

    private synchronized void fail(StatusRuntimeException e) {
      if (!finished) {
        finished = true;
        call.onError(e);
      }
    }

    @Override
    public synchronized void onError(Throwable t) {
      finished = true;
    }

    @Override
    public void onCompleted() {
      synchronized (this) {
        if (finished) {
          return;
        }
        halfClosed = true;
        if (pending) {
          return; // answered when the store acknowledges the last chunk
        }
      }
      answer();
    }

    private synchronized void answer() {
      if (finished) {
        return;
      }
      finished = true;
      if (systemId == null) {
        call.onError(Problems.invalid("Record received no chunks: send at least one"));
        return;
      }
      call.onNext(
          RecordResponse.newBuilder()
              .setSystemId(systemId)
              .setRowsRecorded(rows)
              .setChunksRecorded(sequence)
              .build());
      call.onCompleted();
    }
  }

  /**
   * Admits {@code systemId} for recording with {@code sizes}: refuses running robots, a full
   * registry, and sizes that differ from rows the store already holds.
   */
  private CompletionStage<Sizes> admit(String systemId, Sizes sizes, Duration t) {
    if (runtime.robots().containsKey(systemId)) {
      throw Problems.precondition(
          "chunk.system_id = "
              + Problems.quote(systemId)
              + " is a running robot, which records its own rows; record under another id");
    }
    Sizes known = recorded.get(systemId);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    if (recorded.size() >= limits.maxRecordedSystems()) {
      throw Problems.exhausted(
          "clients already recorded under "
              + recorded.size()
              + " system ids (delos.grpc.limits.max-recorded-systems); reuse one");
    }
    return stats(t)
        .thenCompose(
            stats -> {
              if (!stats.rowsBySystem().containsKey(systemId)) {
                return CompletableFuture.completedFuture(sizes);
              }
              return trajectory(systemId, t)
                  .thenApply(
                      held ->
                          held.length() == 0
                              ? sizes
                              : new Sizes(held.observationSize(), held.actionSize()));
            })
        .thenApply(
            s -> {
              Sizes winner = recorded.putIfAbsent(systemId, s);
              return winner == null ? s : winner;
            });
  }

  @Override
  public void query(QueryRequest request, StreamObserver<QueryResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the trajectory store",
        t,
        () -> {
          String id = Problems.requireId("system_id", request.getSystemId());
          if (request.getFirstRow() < 0) {
            throw Problems.invalid("first_row = " + request.getFirstRow() + ": must be >= 0");
          }
          int max = request.getMaxRows() == 0 ? limits.maxQueryRows() : request.getMaxRows();
          if (max < 1 || max > limits.maxQueryRows()) {
            throw Problems.invalid(
                "max_rows = "
                    + request.getMaxRows()
                    + ": allowed 1 to "
                    + limits.maxQueryRows()
                    + " (delos.grpc.limits.max-query-rows), or 0 for the maximum");
          }
          return held(id, t)
              .thenApply(
                  all -> {
                    long first = Math.min(request.getFirstRow(), all.length());
                    int to = (int) Math.min(all.length(), first + max);
                    Trajectory rows = all.slice((int) first, to);
                    return QueryResponse.newBuilder()
                        .setTrajectory(TrajectoryMapper.toProto(rows))
                        .setTotalRows(all.length())
                        .setFirstRow(first)
                        .build();
                  });
        });
  }

  @Override
  public void export(ExportRequest request, StreamObserver<ExportChunk> out) {
    ServerCallStreamObserver<ExportChunk> call = (ServerCallStreamObserver<ExportChunk>) out;
    Duration t;
    String id;
    try {
      t = Calls.timeout(timeout);
      id = Problems.requireId("system_id", request.getSystemId());
      if (request.getFormat() == ExportFormat.EXPORT_FORMAT_NPZ) {
        throw Problems.precondition(
            "format = EXPORT_FORMAT_NPZ needs the dataset writer, which has not landed in this"
                + " build; use EXPORT_FORMAT_CSV");
      }
      if (request.getFormat() != ExportFormat.EXPORT_FORMAT_CSV
          && request.getFormat() != ExportFormat.EXPORT_FORMAT_UNSPECIFIED) {
        throw Problems.invalid(
            "format = "
                + request.getFormatValue()
                + ": allowed EXPORT_FORMAT_CSV (1), EXPORT_FORMAT_UNSPECIFIED (0, meaning CSV)");
      }
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    CsvExport[] export = new CsvExport[1];
    call.setOnReadyHandler(
        () -> {
          CsvExport e;
          synchronized (export) {
            e = export[0];
          }
          if (e != null) {
            e.drain();
          }
        });
    call.setOnCancelHandler(() -> {});
    held(id, t)
        .thenCombine(channelNames(id, t), Named::new)
        .whenComplete(
            (named, error) -> {
              if (error != null) {
                call.onError(Calls.toStatus(error, "the trajectory store", t));
                return;
              }
              Trajectory all = named.rows();
              List<String> o = named.names().observations();
              List<String> a = named.names().actions();
              if (o.size() != all.observationSize() || a.size() != all.actionSize()) {
                o = CsvExport.numbered("", all.observationSize());
                a = CsvExport.numbered("", all.actionSize());
              }
              CsvExport e = new CsvExport(all, o, a, call);
              synchronized (export) {
                export[0] = e;
              }
              e.drain();
            });
  }

  /** Channel names of a system, empty when unknown. */
  private record Names(List<String> observations, List<String> actions) {
    static final Names UNKNOWN = new Names(List.of(), List.of());
  }

  /** Rows with their channel names. */
  private record Named(Trajectory rows, Names names) {}

  /** Channel names of a running catalogue robot; unknown otherwise. */
  private CompletionStage<Names> channelNames(String id, Duration t) {
    ActorRef<RobotSystemActor.Command> robot = runtime.robots().get(id);
    if (robot == null) {
      return CompletableFuture.completedFuture(Names.UNKNOWN);
    }
    return AskPattern.<RobotSystemActor.Command, RobotSystemActor.Status>ask(
            robot, RobotSystemActor.GetStatus::new, t, runtime.system().scheduler())
        .thenApply(
            s -> {
              if (!Catalogue.families().contains(s.family())) {
                return Names.UNKNOWN;
              }
              RobotSystem system = Catalogue.system(s.family());
              return new Names(
                  system.morphology().observationSpace().names(),
                  system.morphology().actionSpace().names());
            });
  }

  /**
   * The rows the store holds in memory for {@code id}.
   *
   * @throws StatusRuntimeException (in the stage) {@code NOT_FOUND} when the store has no rows
   */
  CompletionStage<Trajectory> held(String id, Duration t) {
    return stats(t)
        .thenCompose(
            stats -> {
              if (!stats.rowsBySystem().containsKey(id)) {
                throw Problems.notFound(
                    "system_id = "
                        + Problems.quote(id)
                        + " has no stored rows; stored: "
                        + Problems.list(stats.rowsBySystem().keySet().stream().sorted().toList()));
              }
              return trajectory(id, t);
            });
  }

  private CompletionStage<TrajectoryStore.Stats> stats(Duration t) {
    return AskPattern.ask(
        runtime.store(), TrajectoryStore.GetStats::new, t, runtime.system().scheduler());
  }

  private CompletionStage<Trajectory> trajectory(String id, Duration t) {
    return AskPattern.ask(
        runtime.store(),
        (ActorRef<Trajectory> replyTo) -> new TrajectoryStore.Get(id, replyTo),
        t,
        runtime.system().scheduler());
  }
}
