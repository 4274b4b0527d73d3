package io.delos.actors.grpc;

import io.delos.actors.symbolic.SymbolicRegressionActor;
import io.delos.proto.v1.DiscoverUpdate;
import io.delos.proto.v1.JobState;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One {@code SymbolicRegressionService.Discover} call: starts the job with the job host, writes its
 * progress to the call, and ends the call with the result or the status its failure maps to. When
 * the client cancels the call (or its deadline passes), the job is cancelled.
 *
 * <p>The actor owns the call's response observer: every write, completion and error happens on it,
 * one at a time. A job sends a few dozen progress messages, so they are written without waiting for
 * the transport to be ready.
 */
final class DiscoverStream extends AbstractBehavior<DiscoverStream.Command> {
  /** Messages the stream understands. */
  sealed interface Command {}

  /** The client cancelled the call, or its deadline passed. */
  record ClientCancelled() implements Command {}

  private record JobEvent(SymbolicRegressionActor.Event event) implements Command {}

  private record HostGone() implements Command {}

  private final ServerCallStreamObserver<DiscoverUpdate> out;
  private final ActorRef<SymbolicRegressionActor.Command> jobs;
  private final SymbolicMapper.Job job;
  private String jobId;
  private boolean clientGone;

  private DiscoverStream(
      ActorContext<Command> context,
      ServerCallStreamObserver<DiscoverUpdate> out,
      ActorRef<SymbolicRegressionActor.Command> jobs,
      SymbolicMapper.Job job) {
    super(context);
    this.out = out;
    this.jobs = jobs;
    this.job = job;
    context.watchWith(jobs, new HostGone());
    ActorRef<SymbolicRegressionActor.Event> events =
        context.messageAdapter(SymbolicRegressionActor.Event.class, JobEvent::new);
    jobs.tell(new SymbolicRegressionActor.Start(job.request(), events));
  }

  /**
   * The stream's behaviour.
   *
   * @param out the call's response observer; its cancel handler must tell this actor {@link
   *     ClientCancelled}
   * @param jobs the job host
   * @param job the checked request
   */
  static Behavior<Command> create(
      ServerCallStreamObserver<DiscoverUpdate> out,
      ActorRef<SymbolicRegressionActor.Command> jobs,
      SymbolicMapper.Job job) {
    return Behaviors.setup(ctx -> new DiscoverStream(ctx, out, jobs, job));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(JobEvent.class, e -> onEvent(e.event()))
        .onMessage(ClientCancelled.class, c -> onClientCancelled())
        .onMessage(
            HostGone.class,
            g -> fail(Problems.unavailable("the symbolic regression job host stopped")))
        .build();
  }

  private Behavior<Command> onEvent(SymbolicRegressionActor.Event event) {
    if (event instanceof SymbolicRegressionActor.Accepted a) {
      return onAccepted(a.jobId());
    }
    if (event instanceof SymbolicRegressionActor.Refused r) {
      return fail(r.full() ? Problems.exhausted(r.reason()) : Problems.unavailable(r.reason()));
    }
    if (event instanceof SymbolicRegressionActor.Progressed p) {
      if (!clientGone) {
        out.onNext(
            SymbolicMapper.progress(
                p.jobId(),
                JobState.JOB_STATE_RUNNING,
                p.progress().fraction(),
                p.progress().stage().name().toLowerCase(Locale.ROOT)
                    + ": "
                    + p.progress().message()));
      }
      return this;
    }
    if (event instanceof SymbolicRegressionActor.Finished f) {
      if (!clientGone) {
        out.onNext(SymbolicMapper.done(f.jobId(), job, f.result()));
        out.onCompleted();
      }
      return Behaviors.stopped();
    }
    SymbolicRegressionActor.Failed f = (SymbolicRegressionActor.Failed) event;
    return fail(
        f.rejectedInput()
            ? Problems.invalid("the engine cannot use this table: " + f.reason())
            : Problems.unavailable(
                "symbolic regression job " + f.jobId() + " failed: " + f.reason()));
  }

  private Behavior<Command> onAccepted(String id) {
    jobId = id;
    if (clientGone) {
      cancelJob();
      return Behaviors.stopped();
    }
    out.onNext(
        SymbolicMapper.progress(
            id,
            JobState.JOB_STATE_RUNNING,
            0,
            String.format(
                Locale.ROOT,
                "started: %s, target %s, inputs %s, budget %.3g s",
                job.rowsText(),
                job.request().target(),
                job.request().inputNames(),
                job.request().timeBudget().toNanos() / 1e9)));
    return this;
  }

  private Behavior<Command> onClientCancelled() {
    clientGone = true;
    if (jobId == null) {
      // The job has not been accepted yet: cancel it when it is.
      return this;
    }
    cancelJob();
    return Behaviors.stopped();
  }

  private void cancelJob() {
    getContext().getLog().debug("client left: cancelling job {}", jobId);
    jobs.tell(new SymbolicRegressionActor.Cancel(jobId, getContext().getSystem().ignoreRef()));
  }

  private Behavior<Command> fail(StatusRuntimeException status) {
    if (clientGone) {
      getContext().getLog().debug("job ended after its client left: {}", status.getStatus());
    } else {
      out.onError(status);
    }
    return Behaviors.stopped();
  }
}
