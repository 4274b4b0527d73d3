package io.delos.actors.grpc;

import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.steering.SteeringHost;
import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.CancelJobResponse;
import io.delos.proto.v1.FitSteererRequest;
import io.delos.proto.v1.FitSteererUpdate;
import io.delos.proto.v1.JobState;
import io.delos.proto.v1.SteerRequest;
import io.delos.proto.v1.SteerResponse;
import io.delos.proto.v1.SteeringServiceGrpc;
import io.delos.worldmodel.steering.AdditiveSteerer;
import io.delos.worldmodel.steering.AffineTransportSteerer;
import io.delos.worldmodel.steering.Barrier;
import io.delos.worldmodel.steering.BarrierConfig;
import io.delos.worldmodel.steering.OdeSteerer;
import io.delos.worldmodel.steering.Steerer;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delos.v1.SteeringService}: fits ODESteer barriers (Zhao et al., ICLR 2026) and its
 * baselines on activations any client sends, hands them to a {@link SteeringHost} actor, and steers
 * batches with them, reporting the barrier h before and after.
 *
 * <p>Fits run on the model hosts' training executor and share their concurrency limit ({@code
 * delos.grpc.limits.max-concurrent-fine-tunes}); steering runs on this service's own two threads,
 * so a long fit never delays a steer. Threading: the job table is guarded by its own lock; fitted
 * steerers are immutable and the table of them is owned by the host actor.
 */
final class SteeringServiceImpl extends SteeringServiceGrpc.SteeringServiceImplBase
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SteeringServiceImpl.class);

  /** Most fitted steerers hosted at once. */
  static final int MAX_STEERERS = 64;

  /** Finished jobs remembered for {@code Cancel} to report their final state. */
  static final int MAX_FINISHED_JOBS = 256;

  /** Share of each class held out to measure the barrier's accuracy. */
  static final double HELD_OUT = 0.2;

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final GrpcLimits limits;
  private final HostedModels training;
  private final ActorRef<SteeringHost.Command> host;
  private final ExecutorService steering;
  private final AtomicLong nextJob = new AtomicLong();
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  /** One fit: whether a client asked it to stop, and its state. */
  private static final class Job {
    final AtomicBoolean cancel = new AtomicBoolean();
    final AtomicBoolean released = new AtomicBoolean();
    volatile JobState state = JobState.JOB_STATE_QUEUED;
  }

  /**
   * Frees the job's training slot once. Called before the last message is sent, so that a client
   * that starts its next fit as soon as this one's stream ends finds the slot free.
   */
  private void release(Job job) {
    if (job.released.compareAndSet(false, true)) {
      training.trainingDone();
    }
  }

  SteeringServiceImpl(
      DelosRuntime runtime, Duration timeout, GrpcLimits limits, HostedModels training) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.limits = limits;
    this.training = training;
    long instance = INSTANCES.incrementAndGet();
    this.host = runtime.spawnSteeringHost("steering-host-" + instance, MAX_STEERERS);
    AtomicLong threads = new AtomicLong();
    this.steering =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t =
                  new Thread(r, "delos-steering-" + instance + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void fitSteerer(FitSteererRequest request, StreamObserver<FitSteererUpdate> out) {
    ServerCallStreamObserver<FitSteererUpdate> call =
        (ServerCallStreamObserver<FitSteererUpdate>) out;
    SteeringMapper.Fit fit;
    Duration t;
    try {
      t = Calls.timeout(timeout);
      fit = SteeringMapper.fit(request);
      if (!training.tryStartTraining()) {
        throw Problems.exhausted(
            "already the most fits and fine-tuning runs at once"
                + " (delos.grpc.limits.max-concurrent-fine-tunes); try later");
      }
    } catch (StatusRuntimeException ex) {
      out.onError(ex);
      return;
    }
    String jobId = "steer-job-" + nextJob.incrementAndGet();
    Job job = new Job();
    remember(jobId, job);
    call.setOnCancelHandler(() -> job.cancel.set(true));
    synchronized (call) {
      call.onNext(SteeringMapper.progress(jobId, JobState.JOB_STATE_QUEUED, 0, "queued"));
    }
    CompletableFuture.runAsync(() -> run(jobId, job, fit, call, t), training.trainingExecutor())
        .whenComplete(
            (v, error) -> {
              release(job);
              if (error == null) {
                return;
              }
              job.state = JobState.JOB_STATE_FAILED;
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              if (cause instanceof RejectedExecutionException) {
                synchronized (call) {
                  call.onError(Problems.unavailable("the server is shutting down"));
                }
                return;
              }
              if (call.isCancelled()) {
                return;
              }
              synchronized (call) {
                call.onError(Calls.toStatus(error, "fit " + jobId, t));
              }
            });
  }

  /** Fits on the training thread and hands the steerer to the host. */
  private void run(
      String jobId,
      Job job,
      SteeringMapper.Fit fit,
      ServerCallStreamObserver<FitSteererUpdate> call,
      Duration t) {
    job.state = JobState.JOB_STATE_RUNNING;
    Random random = new Random(fit.barrier().seed());
    double[][][] pos = split(fit.positives(), random);
    double[][][] neg = split(fit.negatives(), random);
    String method = fit.method().name().substring("STEERING_METHOD_".length());
    synchronized (call) {
      call.onNext(
          SteeringMapper.progress(
              jobId,
              JobState.JOB_STATE_RUNNING,
              0.1,
              String.format(
                  Locale.ROOT,
                  "fitting %s on %d positive and %d negative examples, holding out %d and %d",
                  method,
                  pos[0].length,
                  neg[0].length,
                  pos[1].length,
                  neg[1].length)));
    }
    Barrier barrier;
    Optional<Steerer> baseline;
    try {
      barrier = Barrier.fit(pos[0], neg[0], fit.barrier());
      baseline = baseline(fit, pos[0], neg[0]);
    } catch (IllegalArgumentException bad) {
      throw Problems.invalid("cannot fit these examples: " + bad.getMessage());
    }
    if (job.cancel.get() || call.isCancelled()) {
      job.state = JobState.JOB_STATE_CANCELLED;
      LOG.info("steering fit {} stopped: cancelled", jobId);
      release(job);
      if (!call.isCancelled()) {
        synchronized (call) {
          call.onNext(SteeringMapper.progress(jobId, JobState.JOB_STATE_CANCELLED, 1, "cancelled"));
          call.onCompleted();
        }
      }
      return;
    }
    double accuracy = barrier.accuracy(pos[1], neg[1]);
    String steererId = "steerer-" + jobId.substring("steer-job-".length());
    SteeringHost.Registered registered =
        AskPattern.<SteeringHost.Command, SteeringHost.Registered>ask(
                host,
                replyTo ->
                    new SteeringHost.Register(
                        steererId, new SteeringHost.Fitted(method, barrier, baseline), replyTo),
                t,
                runtime.system().scheduler())
            .toCompletableFuture()
            .join();
    if (!registered.ok()) {
      throw Problems.exhausted("cannot keep steerer " + steererId + ": " + registered.error());
    }
    job.state = JobState.JOB_STATE_SUCCEEDED;
    release(job);
    LOG.info(
        "steerer {} fitted: {}, dimension {}, held-out barrier accuracy {}",
        steererId,
        method,
        barrier.dimension(),
        accuracy);
    synchronized (call) {
      call.onNext(
          SteeringMapper.progress(jobId, JobState.JOB_STATE_SUCCEEDED, 1, "fitted " + method)
              .toBuilder()
              .setSteererId(steererId)
              .setAccuracy(accuracy)
              .build());
      call.onCompleted();
    }
  }

  /** The baseline that moves activations, or empty for the ODE methods. */
  private static Optional<Steerer> baseline(
      SteeringMapper.Fit fit, double[][] pos, double[][] neg) {
    BarrierConfig c = fit.barrier();
    return switch (fit.method()) {
      case STEERING_METHOD_CAA -> Optional.of(AdditiveSteerer.meanDifference(pos, neg));
      case STEERING_METHOD_ITI -> Optional.of(AdditiveSteerer.linearProbe(pos, neg, c.ridge()));
      case STEERING_METHOD_REPE -> Optional.of(AdditiveSteerer.principalComponent(pos, neg));
      case STEERING_METHOD_LINACT -> Optional.of(AffineTransportSteerer.fit(pos, neg));
      default -> Optional.empty();
    };
  }

  /**
   * {fitting rows, held-out rows}: a seeded shuffle, with {@link #HELD_OUT} of the rows (at least
   * one) held out.
   */
  private static double[][][] split(double[][] rows, Random random) {
    int[] order = new int[rows.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int s = order[i];
      order[i] = order[j];
      order[j] = s;
    }
    int held = Math.max(1, (int) Math.round(HELD_OUT * rows.length));
    double[][] test = new double[held][];
    double[][] train = new double[rows.length - held][];
    for (int i = 0; i < rows.length; i++) {
      if (i < held) {
        test[i] = rows[order[i]];
      } else {
        train[i - held] = rows[order[i]];
      }
    }
    return new double[][][] {train, test};
  }

  private void remember(String jobId, Job job) {
    synchronized (jobs) {
      jobs.put(jobId, job);
      Iterator<Map.Entry<String, Job>> it = jobs.entrySet().iterator();
      while (jobs.size() > MAX_FINISHED_JOBS && it.hasNext()) {
        JobState s = it.next().getValue().state;
        if (s != JobState.JOB_STATE_QUEUED && s != JobState.JOB_STATE_RUNNING) {
          it.remove();
        }
      }
    }
  }

  @Override
  public void steer(SteerRequest request, StreamObserver<SteerResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the steering host",
        t,
        () -> {
          SteeringMapper.Steer s = SteeringMapper.steer(request, limits.maxBatch());
          return AskPattern.<SteeringHost.Command, SteeringHost.Found>ask(
                  host,
                  replyTo -> new SteeringHost.Find(s.steererId(), replyTo),
                  t,
                  runtime.system().scheduler())
              .thenApplyAsync(found -> steer(s, found), steering);
        });
  }

  private static SteerResponse steer(SteeringMapper.Steer s, SteeringHost.Found found) {
    SteeringHost.Fitted fitted =
        found
            .steerer()
            .orElseThrow(
                () ->
                    Problems.notFound(
                        "steerer_id = "
                            + Problems.quote(s.steererId())
                            + ": no fitted steerer has this id; hosted: "
                            + Problems.list(found.hosted())));
    Barrier barrier = fitted.barrier();
    int d = s.activations()[0].length;
    if (d != barrier.dimension()) {
      throw Problems.invalid(
          "activations.shape = ["
              + s.activations().length
              + ", "
              + d
              + "]: expected [batch, "
              + barrier.dimension()
              + "] (the steerer's dimension)");
    }
    if (fitted.baseline().isEmpty()
        && s.work(barrier.featureDimension()) > SteeringMapper.MAX_STEER_WORK) {
      throw Problems.exhausted(
          String.format(
              Locale.ROOT,
              "%d rows x %d steps (%s) x %d features: at most %d feature evaluations per call;"
                  + " send fewer rows or ask for fewer steps",
              s.activations().length,
              s.steps(),
              s.integrator(),
              barrier.featureDimension(),
              SteeringMapper.MAX_STEER_WORK));
    }
    Steerer steerer =
        fitted.baseline().orElseGet(() -> new OdeSteerer(barrier, s.integrator(), s.steps()));
    double[][] steered = steerer.steerAll(s.activations(), s.horizon());
    double[] before = new double[steered.length];
    double[] after = new double[steered.length];
    for (int i = 0; i < steered.length; i++) {
      before[i] = barrier.value(s.activations()[i]);
      after[i] = barrier.value(steered[i]);
    }
    return SteeringMapper.response(steered, before, after);
  }

  @Override
  public void cancel(CancelJobRequest request, StreamObserver<CancelJobResponse> out) {
    try {
      String id = Problems.requireId("job_id", request.getJobId());
      Job job;
      synchronized (jobs) {
        job = jobs.get(id);
      }
      if (job == null) {
        throw Problems.notFound(
            "job_id = "
                + Problems.quote(id)
                + ": no steering fit has this id (or it ended long ago)");
      }
      JobState state = job.state;
      if (state == JobState.JOB_STATE_QUEUED || state == JobState.JOB_STATE_RUNNING) {
        job.cancel.set(true);
        state = JobState.JOB_STATE_CANCELLED;
      }
      out.onNext(CancelJobResponse.newBuilder().setState(state).build());
      out.onCompleted();
    } catch (StatusRuntimeException ex) {
      out.onError(ex);
    }
  }

  /** Stops the steering threads; steers in flight finish, new ones are refused. */
  @Override
  public void close() {
    steering.shutdown();
  }
}
