package io.delos.actors.grpc;

import io.delos.actors.interpretable.CatHost;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.proto.v1.CancelJobRequest;
import io.delos.proto.v1.CancelJobResponse;
import io.delos.proto.v1.ExplainRequest;
import io.delos.proto.v1.ExplainResponse;
import io.delos.proto.v1.FitInterpretableRequest;
import io.delos.proto.v1.FitInterpretableUpdate;
import io.delos.proto.v1.InterpretableModelServiceGrpc;
import io.delos.proto.v1.JobState;
import io.delos.worldmodel.interpretable.CatModel;
import io.delos.worldmodel.interpretable.FitListener;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delos.v1.InterpretableModelService}: fits CAT models (concept encoders and a Tucker
 * TaylorNet; Duong, Wu et al., KDD 2024) on tables clients send, streaming progress, hands the
 * fitted models to a {@link CatHost} actor, and prints their polynomials.
 *
 * <p>Fits run on the model hosts' training executor and share their concurrency limit ({@code
 * delos.grpc.limits.max-concurrent-fine-tunes}). Threading: the job table is guarded by its own
 * lock; everything else is immutable or owned by the host actor.
 */
final class InterpretableModelServiceImpl
    extends InterpretableModelServiceGrpc.InterpretableModelServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(InterpretableModelServiceImpl.class);

  /** Most fitted models hosted at once. */
  static final int MAX_MODELS = 64;

  /** Finished jobs remembered for {@code Cancel} to report their final state. */
  static final int MAX_FINISHED_JOBS = 256;

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final HostedModels training;
  private final ActorRef<CatHost.Command> host;
  private final AtomicLong nextJob = new AtomicLong();
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  /** One fit: whether a client asked it to stop, and its state. */
  private static final class Job {
    final AtomicBoolean cancel = new AtomicBoolean();
    volatile JobState state = JobState.JOB_STATE_QUEUED;
  }

  InterpretableModelServiceImpl(DelosRuntime runtime, Duration timeout, HostedModels training) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.training = training;
    this.host = runtime.spawnCatHost("cat-host-" + INSTANCES.incrementAndGet(), MAX_MODELS);
  }

  @Override
  public void fit(FitInterpretableRequest request, StreamObserver<FitInterpretableUpdate> out) {
    ServerCallStreamObserver<FitInterpretableUpdate> call =
        (ServerCallStreamObserver<FitInterpretableUpdate>) out;
    InterpretableMapper.Fit fit;
    Duration t;
    try {
      t = Calls.timeout(timeout);
      fit = InterpretableMapper.fit(request);
      if (!training.tryStartTraining()) {
        throw Problems.exhausted(
            "already the most fits and fine-tuning runs at once"
                + " (delos.grpc.limits.max-concurrent-fine-tunes); try later");
      }
    } catch (StatusRuntimeException ex) {
      out.onError(ex);
      return;
    }
    String jobId = "cat-job-" + nextJob.incrementAndGet();
    Job job = new Job();
    remember(jobId, job);
    call.setOnCancelHandler(() -> job.cancel.set(true));
    synchronized (call) {
      call.onNext(InterpretableMapper.progress(jobId, JobState.JOB_STATE_QUEUED, 0, "queued"));
    }
    CompletableFuture.runAsync(() -> run(jobId, job, fit, call, t), training.trainingExecutor())
        .whenComplete(
            (v, error) -> {
              training.trainingDone();
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

  /** Fits on the training thread, streaming one message per epoch, and hands the model over. */
  private void run(
      String jobId,
      Job job,
      InterpretableMapper.Fit fit,
      ServerCallStreamObserver<FitInterpretableUpdate> call,
      Duration t) {
    job.state = JobState.JOB_STATE_RUNNING;
    FitListener listener =
        new FitListener() {
          @Override
          public void onEpoch(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
            synchronized (call) {
              call.onNext(
                  InterpretableMapper.progress(
                      jobId,
                      JobState.JOB_STATE_RUNNING,
                      (double) epoch / maxEpochs,
                      String.format(
                          Locale.ROOT,
                          "epoch %d of at most %d, validation MSE %.4g (standardised)",
                          epoch,
                          maxEpochs,
                          validationLoss)));
            }
          }

          @Override
          public boolean stopRequested() {
            return job.cancel.get() || call.isCancelled();
          }
        };
    CatModel model;
    try {
      model = CatModel.fit(fit.table(), fit.concepts(), fit.config(), listener);
    } catch (IllegalArgumentException bad) {
      throw Problems.invalid("cannot fit these data: " + bad.getMessage());
    }
    if (job.cancel.get() || call.isCancelled()) {
      model.close();
      job.state = JobState.JOB_STATE_CANCELLED;
      LOG.info("CAT fit {} stopped: cancelled", jobId);
      if (!call.isCancelled()) {
        synchronized (call) {
          call.onNext(
              InterpretableMapper.progress(jobId, JobState.JOB_STATE_CANCELLED, 1, "cancelled"));
          call.onCompleted();
        }
      }
      return;
    }
    double score = fit.binaryTarget() ? model.validationAccuracy() : model.validationScore();
    String modelId = "cat-model-" + jobId.substring("cat-job-".length());
    CatHost.Registered registered =
        AskPattern.<CatHost.Command, CatHost.Registered>ask(
                host,
                replyTo -> new CatHost.Register(modelId, model, replyTo),
                t,
                runtime.system().scheduler())
            .toCompletableFuture()
            .join();
    if (!registered.ok()) {
      throw Problems.exhausted("cannot keep model " + modelId + ": " + registered.error());
    }
    job.state = JobState.JOB_STATE_SUCCEEDED;
    LOG.info(
        "CAT model {} fitted: {} parameters, {} epochs, validation score {}",
        modelId,
        model.parameterCount(),
        model.epochs(),
        score);
    synchronized (call) {
      call.onNext(
          InterpretableMapper.progress(
                  jobId, JobState.JOB_STATE_SUCCEEDED, 1, "fitted in " + model.epochs() + " epochs")
              .toBuilder()
              .setModelId(modelId)
              .setValidationScore(score)
              .build());
      call.onCompleted();
    }
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
  public void explain(ExplainRequest request, StreamObserver<ExplainResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the CAT host",
        t,
        () -> {
          String id = Problems.requireId("model_id", request.getModelId());
          double threshold = request.getThreshold();
          if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw Problems.invalid(
                "threshold = "
                    + threshold
                    + ": allowed finite and >= 0, or 0 for "
                    + InterpretableMapper.DEFAULT_THRESHOLD);
          }
          double used = threshold == 0 ? InterpretableMapper.DEFAULT_THRESHOLD : threshold;
          return AskPattern.<CatHost.Command, CatHost.Explanation>ask(
                  host,
                  replyTo -> new CatHost.Explain(id, used, replyTo),
                  t,
                  runtime.system().scheduler())
              .thenApply(
                  e -> {
                    if (!e.found()) {
                      throw Problems.notFound(
                          "model_id = "
                              + Problems.quote(id)
                              + ": no fitted CAT model has this id; hosted: "
                              + Problems.list(e.hosted()));
                    }
                    return InterpretableMapper.explanation(e.polynomial(), e.terms(), used);
                  });
        });
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
            "job_id = " + Problems.quote(id) + ": no CAT fit has this id (or it ended long ago)");
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
}
