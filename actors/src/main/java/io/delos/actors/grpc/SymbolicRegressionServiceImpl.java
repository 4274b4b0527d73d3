package io.delos.actors.grpc;

import io.delos.actors.symbolic.SymbolicRegressionActor;
import io.delos.actors.symbolic.SymbolicSettings;
import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.CancelJobResponse;
import io.delos.proto.v1.DiscoverRequest;
import io.delos.proto.v1.DiscoverUpdate;
import io.delos.proto.v1.SymbolicRegressionServiceGrpc;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code delos.v1.SymbolicRegressionService}: ScaleSR jobs on a table, with streamed progress, the
 * Pareto front at the end, and cancellation by job id.
 *
 * <p>Each Discover call is one job of the {@link SymbolicRegressionActor} (its thread, its budget);
 * a {@link DiscoverStream} actor writes the job's events to the call. A job asked for while {@code
 * delos.symbolic.max-jobs} run is answered {@code RESOURCE_EXHAUSTED}.
 */
final class SymbolicRegressionServiceImpl
    extends SymbolicRegressionServiceGrpc.SymbolicRegressionServiceImplBase {
  private final ActorSystem<?> system;
  private final ActorRef<SymbolicRegressionActor.Command> jobs;
  private final SymbolicSettings settings;
  private final Duration timeout;
  private final AtomicLong streams = new AtomicLong();

  /**
   * Creates the service.
   *
   * @param system where the per-call stream actors run
   * @param jobs the job host
   * @param settings the budget bound and clock of jobs
   * @param timeout how long a Cancel waits for the job host
   */
  SymbolicRegressionServiceImpl(
      ActorSystem<?> system,
      ActorRef<SymbolicRegressionActor.Command> jobs,
      SymbolicSettings settings,
      Duration timeout) {
    this.system = system;
    this.jobs = jobs;
    this.settings = settings;
    this.timeout = timeout;
  }

  @Override
  public void discover(DiscoverRequest request, StreamObserver<DiscoverUpdate> out) {
    ServerCallStreamObserver<DiscoverUpdate> call = (ServerCallStreamObserver<DiscoverUpdate>) out;
    SymbolicMapper.Job job;
    try {
      job = SymbolicMapper.job(request, settings);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    AtomicReference<ActorRef<DiscoverStream.Command>> stream = new AtomicReference<>();
    call.setOnCancelHandler(
        () -> {
          ActorRef<DiscoverStream.Command> s = stream.get();
          if (s != null) {
            s.tell(new DiscoverStream.ClientCancelled());
          }
        });
    stream.set(
        system.systemActorOf(
            DiscoverStream.create(call, jobs, job),
            "discover-" + streams.incrementAndGet(),
            Props.empty()));
    if (call.isCancelled()) {
      // Cancelled before the stream existed: the handler above found no one to tell.
      stream.get().tell(new DiscoverStream.ClientCancelled());
    }
  }

  @Override
  public void cancel(CancelJobRequest request, StreamObserver<CancelJobResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the symbolic regression job host",
        t,
        () -> {
          String id = Problems.requireId("job_id", request.getJobId());
          return AskPattern
              .<SymbolicRegressionActor.Command, SymbolicRegressionActor.CancelOutcome>ask(
                  jobs,
                  replyTo -> new SymbolicRegressionActor.Cancel(id, replyTo),
                  t,
                  system.scheduler())
              .thenApply(
                  o -> {
                    if (o.state() == SymbolicRegressionActor.JobState.UNKNOWN) {
                      throw Problems.notFound(
                          "job_id = "
                              + Problems.quote(id)
                              + ": no symbolic regression job with this id runs or ended"
                              + " recently");
                    }
                    return CancelJobResponse.newBuilder()
                        .setState(SymbolicMapper.state(o.state()))
                        .build();
                  });
        });
  }

  /** Stops the job host, cancelling its jobs (their calls end {@code UNAVAILABLE}). */
  void close() {
    jobs.tell(new SymbolicRegressionActor.Stop());
  }
}
