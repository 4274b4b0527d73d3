package io.delos.actors.symbolic;

import io.delos.worldmodel.symbolic.Cancellation;
import io.delos.worldmodel.symbolic.ProgressListener;
import io.delos.worldmodel.symbolic.ScaleSr;
import io.delos.worldmodel.symbolic.SymbolicRegressionRequest;
import io.delos.worldmodel.symbolic.SymbolicRegressionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Hosts symbolic regression jobs: runs each on a job executor (never on the actor's dispatcher), at
 * most {@code maxJobs} at once, and reports to the job's requester that it started, how it
 * progresses and how it ended.
 *
 * <p>A request beyond {@code maxJobs} is answered {@link Refused} at once; nothing queues. A job is
 * cancelled by id ({@link Cancel}); the engine then stops at its next check and the job ends {@link
 * Finished} with the best it had. An engine that throws ends its job {@link Failed}; the actor
 * keeps serving. When the actor stops or restarts it cancels every job it runs and tells their
 * requesters {@link Failed}.
 *
 * <p>Events of one job reach its requester in order: {@link Accepted}, any number of {@link
 * Progressed}, then one {@link Finished} or {@link Failed}.
 */
public final class SymbolicRegressionActor
    extends AbstractBehavior<SymbolicRegressionActor.Command> {
  /** Ended jobs whose final state a {@link Cancel} can still report. */
  static final int ENDED_KEPT = 1024;

  /** Runs one regression; {@link ScaleSr#run} in production, a stand-in in tests. */
  @FunctionalInterface
  public interface Engine {
    /**
     * Runs a regression on the calling thread.
     *
     * @param request the table, target and budget
     * @param listener receives progress
     * @param cancellation set when the job is cancelled; the run then returns its best so far
     * @return the result
     */
    SymbolicRegressionResult run(
        SymbolicRegressionRequest request, ProgressListener listener, Cancellation cancellation);
  }

  /** The ScaleSR engine. */
  public static final Engine SCALESR = ScaleSr::run;

  /** Messages the actor understands. */
  public sealed interface Command {}

  /**
   * Start a job.
   *
   * @param request what to regress
   * @param replyTo receives the job's events: {@link Accepted} or {@link Refused} first
   */
  public record Start(SymbolicRegressionRequest request, ActorRef<Event> replyTo)
      implements Command {
    /** Validates the message. */
    public Start {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Cancel a job.
   *
   * @param jobId the job
   * @param replyTo receives the job's state after the request
   */
  public record Cancel(String jobId, ActorRef<CancelOutcome> replyTo) implements Command {
    /** Validates the message. */
    public Cancel {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Stop the actor, cancelling every job. */
  public record Stop() implements Command {}

  private record JobProgressed(String jobId, ProgressListener.Progress progress)
      implements Command {}

  private record JobDone(String jobId, SymbolicRegressionResult result, Throwable error)
      implements Command {}

  /** What a requester hears about its job. */
  public sealed interface Event {}

  /**
   * The job started.
   *
   * @param jobId its id, for {@link Cancel}
   */
  public record Accepted(String jobId) implements Event {}

  /**
   * The job was not started.
   *
   * @param reason why, one sentence
   * @param full true when {@code maxJobs} jobs run already (try later), false when the host is
   *     shutting down
   */
  public record Refused(String reason, boolean full) implements Event {}

  /**
   * The job reports progress.
   *
   * @param jobId the job
   * @param progress stage, message and share of the budget spent
   */
  public record Progressed(String jobId, ProgressListener.Progress progress) implements Event {}

  /**
   * The job ended with a result; {@code result.cancelled()} tells whether it was cancelled.
   *
   * @param jobId the job
   * @param result the front and the chosen expression
   */
  public record Finished(String jobId, SymbolicRegressionResult result) implements Event {}

  /**
   * The job's engine failed.
   *
   * @param jobId the job
   * @param reason what went wrong, one line
   * @param rejectedInput true when the engine refused the data ({@link IllegalArgumentException})
   */
  public record Failed(String jobId, String reason, boolean rejectedInput) implements Event {}

  /** States of a job, as a {@link Cancel} reports them. */
  public enum JobState {
    /** No job with this id runs, and none that ended recently had it. */
    UNKNOWN,
    /** Running, and not asked to stop. */
    RUNNING,
    /** Asked to stop (it ends with its best so far), or ended after being asked. */
    CANCELLED,
    /** Ended with a result within its budget. */
    SUCCEEDED,
    /** Ended because its engine failed. */
    FAILED
  }

  /**
   * The answer to a {@link Cancel}.
   *
   * @param jobId the job
   * @param state its state after the request
   */
  public record CancelOutcome(String jobId, JobState state) {}

  /** One running job. */
  private static final class Job {
    final ActorRef<Event> replyTo;
    final Cancellation cancellation = new Cancellation();

    Job(ActorRef<Event> replyTo) {
      this.replyTo = replyTo;
    }
  }

  private final int maxJobs;
  private final Executor executor;
  private final Engine engine;
  private final AtomicLong ids;
  private final Map<String, Job> running = new HashMap<>();
  private final Map<String, JobState> ended =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobState> eldest) {
          return size() > ENDED_KEPT;
        }
      };

  private SymbolicRegressionActor(
      ActorContext<Command> context,
      int maxJobs,
      Executor executor,
      Engine engine,
      AtomicLong ids) {
    super(context);
    this.maxJobs = maxJobs;
    this.executor = executor;
    this.engine = engine;
    this.ids = ids;
  }

  /**
   * The job host.
   *
   * @param maxJobs jobs at once, >= 1
   * @param executor where jobs run: a pool of at least {@code maxJobs} threads, not a dispatcher of
   *     actors (a job blocks its thread for its whole budget)
   * @param engine runs one regression
   * @throws IllegalArgumentException when {@code maxJobs < 1}
   */
  public static Behavior<Command> create(int maxJobs, Executor executor, Engine engine) {
    if (maxJobs < 1) {
      throw new IllegalArgumentException("maxJobs = " + maxJobs + ": must be >= 1");
    }
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(engine, "engine");
    // Shared by every incarnation, so that ids stay unique across restarts.
    AtomicLong ids = new AtomicLong();
    return Behaviors.setup(ctx -> new SymbolicRegressionActor(ctx, maxJobs, executor, engine, ids));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(JobProgressed.class, this::onJobProgressed)
        .onMessage(JobDone.class, this::onJobDone)
        .onMessage(Stop.class, s -> Behaviors.stopped())
        .onSignal(PostStop.class, s -> cancelAll())
        .onSignal(PreRestart.class, s -> cancelAll())
        .build();
  }

  private Behavior<Command> onStart(Start m) {
    if (running.size() >= maxJobs) {
      m.replyTo()
          .tell(
              new Refused(
                  "already "
                      + running.size()
                      + " symbolic regression jobs running, the most allowed"
                      + " (delos.symbolic.max-jobs); try again when one ends, or cancel one",
                  true));
      return this;
    }
    String id = "sr-" + ids.incrementAndGet();
    Job job = new Job(m.replyTo());
    ActorRef<Command> self = getContext().getSelf();
    SymbolicRegressionRequest request = m.request();
    CompletableFuture<SymbolicRegressionResult> run;
    try {
      run =
          CompletableFuture.supplyAsync(
              () -> engine.run(request, p -> self.tell(new JobProgressed(id, p)), job.cancellation),
              executor);
    } catch (RejectedExecutionException shuttingDown) {
      m.replyTo().tell(new Refused("the server is shutting down", false));
      return this;
    }
    running.put(id, job);
    m.replyTo().tell(new Accepted(id));
    getContext()
        .getLog()
        .debug(
            "job {} started: target {}, {} rows, budget {}",
            id,
            request.target(),
            request.table().rows(),
            request.timeBudget());
    // Progress is told from the job's thread before the future completes, so it always arrives
    // before the job's end.
    getContext().pipeToSelf(run, (result, error) -> new JobDone(id, result, error));
    return this;
  }

  private Behavior<Command> onJobProgressed(JobProgressed m) {
    Job job = running.get(m.jobId());
    if (job != null) {
      job.replyTo.tell(new Progressed(m.jobId(), m.progress()));
    }
    return this;
  }

  private Behavior<Command> onJobDone(JobDone m) {
    Job job = running.remove(m.jobId());
    if (job == null) {
      return this;
    }
    if (m.error() == null) {
      boolean cancelled = job.cancellation.isCancelled() || m.result().cancelled();
      ended.put(m.jobId(), cancelled ? JobState.CANCELLED : JobState.SUCCEEDED);
      job.replyTo.tell(new Finished(m.jobId(), m.result()));
      return this;
    }
    Throwable cause = m.error();
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    ended.put(m.jobId(), JobState.FAILED);
    boolean rejected = cause instanceof IllegalArgumentException;
    if (rejected) {
      getContext().getLog().info("job {}: the engine refused the data: {}", m.jobId(), cause);
    } else {
      getContext().getLog().error("job {} failed", m.jobId(), cause);
    }
    String why = cause.getMessage() == null ? "" : ": " + cause.getMessage();
    job.replyTo.tell(
        new Failed(
            m.jobId(),
            rejected ? String.valueOf(cause.getMessage()) : cause.getClass().getSimpleName() + why,
            rejected));
    return this;
  }

  private Behavior<Command> onCancel(Cancel m) {
    Job job = running.get(m.jobId());
    if (job != null) {
      job.cancellation.cancel();
      getContext().getLog().debug("job {} cancelled", m.jobId());
      m.replyTo().tell(new CancelOutcome(m.jobId(), JobState.CANCELLED));
      return this;
    }
    m.replyTo().tell(new CancelOutcome(m.jobId(), ended.getOrDefault(m.jobId(), JobState.UNKNOWN)));
    return this;
  }

  /** Cancels every running job and tells its requester that it failed (the host is going). */
  private Behavior<Command> cancelAll() {
    List<Map.Entry<String, Job>> jobs = new ArrayList<>(running.entrySet());
    running.clear();
    for (Map.Entry<String, Job> e : jobs) {
      e.getValue().cancellation.cancel();
      e.getValue()
          .replyTo
          .tell(new Failed(e.getKey(), "the symbolic regression job host stopped", false));
    }
    return this;
  }
}
