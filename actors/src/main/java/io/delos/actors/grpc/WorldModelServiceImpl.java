package io.delos.actors.grpc;

import io.delos.actors.model.ModelHost;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.store.TrajectoryStore;
import io.delos.proto.v1.FineTuneProgress;
import io.delos.proto.v1.FineTuneRequest;
import io.delos.proto.v1.ListModelsRequest;
import io.delos.proto.v1.ListModelsResponse;
import io.delos.proto.v1.ModelInfo;
import io.delos.proto.v1.ModelInfoRequest;
import io.delos.proto.v1.ModelKind;
import io.delos.proto.v1.PredictRequest;
import io.delos.proto.v1.PredictResponse;
import io.delos.proto.v1.RolloutRequest;
import io.delos.proto.v1.RolloutResponse;
import io.delos.proto.v1.WorldModelServiceGrpc;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.worldmodel.mlp.MlpConfig;
import io.delos.worldmodel.mlp.MlpDynamics;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delos.v1.WorldModelService}: predictions and rollouts through model hosts, and fine-tuning
 * of MLP models with streamed progress.
 */
final class WorldModelServiceImpl extends WorldModelServiceGrpc.WorldModelServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorldModelServiceImpl.class);

  /**
   * Largest magnitude of an observation value the simulator accepts (m, rad, m/s, rad/s); beyond it
   * JBox2D's single-precision world loses all accuracy.
   */
  static final double SIMULATOR_MAX_ABS = 1e4;

  private static final int DEFAULT_EPOCHS = 20;
  private static final double DEFAULT_LEARNING_RATE = 1e-3;

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final GrpcLimits limits;
  private final HostedModels models;

  WorldModelServiceImpl(
      DelosRuntime runtime, Duration timeout, GrpcLimits limits, HostedModels models) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.limits = limits;
    this.models = models;
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the model hosts",
        t,
        () -> {
          List<CompletableFuture<ModelInfo>> infos = new ArrayList<>();
          for (HostedModels.Entry e : models.all()) {
            infos.add(info(e, t).toCompletableFuture());
          }
          return CompletableFuture.allOf(infos.toArray(new CompletableFuture<?>[0]))
              .thenApply(
                  v ->
                      ListModelsResponse.newBuilder()
                          .addAllModels(infos.stream().map(CompletableFuture::join).toList())
                          .build());
        });
  }

  @Override
  public void getModelInfo(ModelInfoRequest request, StreamObserver<ModelInfo> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "model " + Problems.quote(request.getModelId()),
        t,
        () -> info(models.get("model_id", request.getModelId()), t));
  }

  private CompletionStage<ModelInfo> info(HostedModels.Entry e, Duration t) {
    ActorRef<ModelHost.Command> host = e.host;
    if (host == null) {
      return CompletableFuture.completedFuture(WorldModelMapper.info(e, null));
    }
    return AskPattern.<ModelHost.Command, ModelHost.Info>ask(
            host, ModelHost.GetInfo::new, t, runtime.system().scheduler())
        .thenApply(i -> WorldModelMapper.info(e, i));
  }

  @Override
  public void predict(PredictRequest request, StreamObserver<PredictResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "model " + Problems.quote(request.getModelId()),
        t,
        () -> {
          HostedModels.Entry e = models.ready("model_id", request.getModelId());
          int n = e.observationSize();
          int m = e.actionSize();
          Tensors.Input obs = observations(request.getObservations(), e);
          int batch = (int) obs.extent(0);
          Tensors.Input act = Tensors.require(request.getActions(), "actions", "batch", "channel");
          act.requireExtent(0, batch, "[" + batch + " (the observations' batch), " + m + "]");
          act.requireExtent(1, m, "[" + batch + ", " + m + "]");
          return predict(e, WorldModelMapper.starts(obs, n), 1, act.values(), t)
              .thenApply(
                  p ->
                      PredictResponse.newBuilder()
                          .setObservations(WorldModelMapper.next(p.predicted(), batch, n))
                          .setModelVersion(p.version())
                          .build());
        });
  }

  @Override
  public void rollout(RolloutRequest request, StreamObserver<RolloutResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "model " + Problems.quote(request.getModelId()),
        t,
        () -> {
          HostedModels.Entry e = models.ready("model_id", request.getModelId());
          int n = e.observationSize();
          int m = e.actionSize();
          Tensors.Input obs = observations(request.getObservations(), e);
          int batch = (int) obs.extent(0);
          Tensors.Input act =
              Tensors.require(request.getActions(), "actions", "batch", "horizon", "channel");
          String pattern = "[" + batch + ", horizon, " + m + "]";
          act.requireExtent(0, batch, pattern);
          act.requireExtent(2, m, pattern);
          long horizon = act.extent(1);
          if (horizon < 1 || horizon > limits.maxHorizon()) {
            throw Problems.invalid(
                "actions.shape = "
                    + act.shapeText()
                    + ": horizon (axis 1) = "
                    + horizon
                    + ", allowed 1 to "
                    + limits.maxHorizon()
                    + " (delos.grpc.limits.max-horizon)");
          }
          if (batch * horizon > limits.maxRolloutSteps()) {
            throw Problems.exhausted(
                "batch "
                    + batch
                    + " x horizon "
                    + horizon
                    + " = "
                    + batch * horizon
                    + " steps: at most "
                    + limits.maxRolloutSteps()
                    + " per Rollout (delos.grpc.limits.max-rollout-steps)");
          }
          int h = (int) horizon;
          return predict(e, WorldModelMapper.starts(obs, n), h, act.values(), t)
              .thenApply(
                  p ->
                      RolloutResponse.newBuilder()
                          .setObservations(WorldModelMapper.rollout(p.predicted(), batch, h, n))
                          .setModelVersion(p.version())
                          .build());
        });
  }

  /** Checks start observations {@code [batch, n]} for model {@code e}. */
  private Tensors.Input observations(io.delos.proto.v1.Tensor tensor, HostedModels.Entry e) {
    int n = e.observationSize();
    Tensors.Input obs = Tensors.require(tensor, "observations", "batch", "channel");
    long batch = obs.extent(0);
    if (batch < 1) {
      throw Problems.invalid("observations.shape = " + obs.shapeText() + ": batch must be >= 1");
    }
    if (batch > limits.maxBatch()) {
      throw Problems.exhausted(
          "observations.shape = "
              + obs.shapeText()
              + ": batch "
              + batch
              + " is above the limit of "
              + limits.maxBatch()
              + " (delos.grpc.limits.max-batch)");
    }
    obs.requireExtent(1, n, "[batch, " + n + "] for model " + Problems.quote(e.id));
    if (e.kind == ModelKind.MODEL_KIND_SIMULATOR) {
      double[] v = obs.values();
      for (int i = 0; i < v.length; i++) {
        if (Math.abs(v[i]) > SIMULATOR_MAX_ABS) {
          throw Problems.invalid(
              "observations.data["
                  + i
                  + "] = "
                  + v[i]
                  + ": the simulator accepts values within +-"
                  + SIMULATOR_MAX_ABS
                  + " (SI units)");
        }
      }
    }
    return obs;
  }

  private CompletionStage<ModelHost.Prediction> predict(
      HostedModels.Entry e, List<State> starts, int horizon, double[] actions, Duration t) {
    return AskPattern.<ModelHost.Command, ModelHost.Prediction>ask(
            e.host,
            replyTo -> new ModelHost.Predict(starts, horizon, actions, replyTo),
            t,
            runtime.system().scheduler())
        .thenApply(
            p -> {
              if (!p.ok()) {
                throw Problems.unavailable(
                    "model " + Problems.quote(e.id) + " could not answer: " + p.error());
              }
              return p;
            });
  }

  @Override
  public void fineTune(FineTuneRequest request, StreamObserver<FineTuneProgress> out) {
    ServerCallStreamObserver<FineTuneProgress> call =
        (ServerCallStreamObserver<FineTuneProgress>) out;
    HostedModels.Entry e;
    MlpConfig config;
    List<Trajectory> inline;
    Duration t;
    try {
      t = Calls.timeout(timeout);
      e = models.get("model_id", request.getModelId());
      if (e.kind != ModelKind.MODEL_KIND_MLP) {
        throw Problems.precondition(
            "model "
                + Problems.quote(e.id)
                + " is the simulator, which cannot be trained; fine-tune "
                + Problems.quote(e.system.family() + "-mlp"));
      }
      config = config(request);
      inline = new ArrayList<>();
      for (int i = 0; i < request.getTrajectoriesCount(); i++) {
        inline.add(
            TrajectoryMapper.fromProto(
                request.getTrajectories(i),
                "trajectories[" + i + "]",
                e.observationSize(),
                e.actionSize()));
      }
      List<String> ids = request.getSystemIdsList();
      for (int i = 0; i < ids.size(); i++) {
        Problems.requireId("system_ids[" + i + "]", ids.get(i));
      }
      if (ids.isEmpty() && inline.isEmpty()) {
        throw Problems.invalid(
            "give training data: system_ids (stored rows) or trajectories, or both");
      }
      if (!e.training.compareAndSet(false, true)) {
        throw Problems.precondition("model " + Problems.quote(e.id) + " is already training");
      }
      if (!models.tryStartTraining()) {
        e.training.set(false);
        throw Problems.exhausted(
            "already "
                + limits.maxConcurrentFineTunes()
                + " fine-tuning runs (delos.grpc.limits.max-concurrent-fine-tunes); try later");
      }
    } catch (StatusRuntimeException ex) {
      out.onError(ex);
      return;
    }
    call.setOnCancelHandler(() -> {});
    stored(request.getSystemIdsList(), e, t)
        .thenApplyAsync(
            fromStore -> {
              List<Trajectory> all = new ArrayList<>(fromStore);
              all.addAll(inline);
              return train(e, all, config, call, t);
            },
            models.trainingExecutor())
        .whenComplete(
            (version, error) -> {
              e.training.set(false);
              models.trainingDone();
              if (error == null) {
                return;
              }
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              if (cause instanceof CancellationException) {
                LOG.info("fine-tuning of {} stopped: the client cancelled", e.id);
                return;
              }
              if (cause instanceof RejectedExecutionException) {
                call.onError(Problems.unavailable("the server is shutting down"));
                return;
              }
              synchronized (call) {
                call.onError(Calls.toStatus(error, "fine-tuning of " + Problems.quote(e.id), t));
              }
            });
  }

  private MlpConfig config(FineTuneRequest r) {
    int byDefault = Math.min(DEFAULT_EPOCHS, limits.maxFineTuneEpochs());
    int epochs = r.getEpochs() == 0 ? byDefault : r.getEpochs();
    if (epochs < 1 || epochs > limits.maxFineTuneEpochs()) {
      throw Problems.invalid(
          "epochs = "
              + r.getEpochs()
              + ": allowed 1 to "
              + limits.maxFineTuneEpochs()
              + " (delos.grpc.limits.max-fine-tune-epochs), or 0 for "
              + byDefault);
    }
    double lr = r.getLearningRate() == 0 ? DEFAULT_LEARNING_RATE : r.getLearningRate();
    if (!(lr > 0 && lr <= 1)) {
      throw Problems.invalid(
          "learning_rate = " + r.getLearningRate() + ": allowed (0, 1], or 0 for 0.001");
    }
    MlpConfig small = MlpConfig.small(r.getSeed());
    return new MlpConfig(
        small.hidden(),
        epochs,
        small.batchSize(),
        lr,
        small.validationFraction(),
        small.patience(),
        r.getSeed());
  }

  /** The store's rows of each system, checked against the model's sizes. */
  private CompletionStage<List<Trajectory>> stored(
      List<String> ids, HostedModels.Entry e, Duration t) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(new ArrayList<>());
    }
    CompletionStage<TrajectoryStore.Stats> stats =
        AskPattern.ask(
            runtime.store(), TrajectoryStore.GetStats::new, t, runtime.system().scheduler());
    return stats.thenCompose(
        s -> {
          CompletionStage<List<Trajectory>> acc =
              CompletableFuture.completedFuture(new ArrayList<>());
          for (String id : ids) {
            if (!s.rowsBySystem().containsKey(id)) {
              throw Problems.notFound(
                  "system_ids: "
                      + Problems.quote(id)
                      + " has no stored rows; stored: "
                      + Problems.list(s.rowsBySystem().keySet().stream().sorted().toList()));
            }
            acc =
                acc.thenCombine(
                    AskPattern.<TrajectoryStore.Command, Trajectory>ask(
                        runtime.store(),
                        replyTo -> new TrajectoryStore.Get(id, replyTo),
                        t,
                        runtime.system().scheduler()),
                    (list, traj) -> {
                      if (traj.length() > 0
                          && (traj.observationSize() != e.observationSize()
                              || traj.actionSize() != e.actionSize())) {
                        throw Problems.invalid(
                            "system_ids: "
                                + Problems.quote(id)
                                + " is "
                                + traj.observationSize()
                                + "x"
                                + traj.actionSize()
                                + " (observations x actions): model "
                                + Problems.quote(e.id)
                                + " is "
                                + e.observationSize()
                                + "x"
                                + e.actionSize());
                      }
                      if (traj.length() > 0) {
                        list.add(traj);
                      }
                      return list;
                    });
          }
          return acc;
        });
  }

  /** Trains on the training thread, streaming one message per epoch; returns the version. */
  private String train(
      HostedModels.Entry e,
      List<Trajectory> data,
      MlpConfig config,
      ServerCallStreamObserver<FineTuneProgress> call,
      Duration t) {
    long transitions = transitions(data);
    if (transitions < 2) {
      throw Problems.precondition(
          "the training data hold "
              + transitions
              + " transitions (consecutive rows within an episode): need at least 2");
    }
    MlpDynamics.TrainingListener listener =
        new MlpDynamics.TrainingListener() {
          @Override
          public void onEpoch(int epoch, int maxEpochs, double validationLoss) {
            synchronized (call) {
              call.onNext(WorldModelMapper.progress(epoch, maxEpochs, validationLoss, transitions));
            }
          }

          @Override
          public boolean stopRequested() {
            return call.isCancelled();
          }
        };
    synchronized (call) {
      call.onNext(WorldModelMapper.progress(0, config.epochs(), 0, transitions));
    }
    MlpDynamics current = e.mlp;
    MlpDynamics trained;
    try {
      trained =
          current == null
              ? MlpDynamics.train(data, config, listener)
              : current.fineTune(data, config, listener);
    } catch (IllegalArgumentException bad) {
      throw Problems.invalid("cannot train on these data: " + bad.getMessage());
    } catch (IllegalStateException failed) {
      // DJL refuses to step when every gradient is zero: the data hold no signal to learn.
      String why = String.valueOf(failed.getMessage());
      if (why.contains("Gradient values are all zeros")) {
        throw Problems.invalid(
            "cannot train on these data: every gradient is zero (are the observations constant?)");
      }
      throw Problems.unavailable("training " + Problems.quote(e.id) + " failed: " + why);
    }
    String version = models.serve(e, trained, trained.validationLoss(), t);
    synchronized (call) {
      call.onNext(
          WorldModelMapper.progress(
                  trained.epochsRun(), config.epochs(), trained.validationLoss(), transitions)
              .toBuilder()
              .setDone(true)
              .setModelVersion(version)
              .build());
      call.onCompleted();
    }
    return version;
  }

  private static long transitions(List<Trajectory> data) {
    long count = 0;
    for (Trajectory t : data) {
      for (int k = 0; k + 1 < t.length(); k++) {
        if (!StepFlags.endsEpisode(t.flags(k)) && !StepFlags.has(t.flags(k + 1), StepFlags.RESET)) {
          count++;
        }
      }
    }
    return count;
  }
}
