package io.delos.actors.grpc;

import io.delos.actors.forecast.ForecasterHost;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.proto.v1.ForecastRequest;
import io.delos.proto.v1.ForecastResponse;
import io.delos.proto.v1.ForecastServiceGrpc;
import io.delos.proto.v1.ForecasterInfo;
import io.delos.proto.v1.ForecasterInfoRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code delos.v1.ForecastService}: forecasts from noisy, irregularly sampled observations with the
 * Phy-SSM forecasters (Wang, Zhao et al., ICML 2025) saved in the models directory ({@code
 * delos.models.directory}), each found by its folder's name.
 *
 * <p>{@code Forecast} answers the forecast decoded from the encoder's posterior mean and, as its
 * standard deviation, the spread of the forecasts of {@code delos.models.forecast-draws} samples of
 * that posterior (see {@link io.delos.worldmodel.physsm.Forecaster#forecast(
 * io.delos.sim.Trajectory, io.delos.worldmodel.physsm.ActionSchedule, double[], int, long)}): the
 * uncertainty of the latent state given the observations, without measurement noise or model error.
 *
 * <p>Threading: stateless apart from the host actor, which owns the forecasters.
 */
final class ForecastServiceImpl extends ForecastServiceGrpc.ForecastServiceImplBase {
  /** Most forecasters loaded at once. */
  static final int MAX_MODELS = 16;

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final ActorRef<ForecasterHost.Command> host;

  ForecastServiceImpl(DelosRuntime runtime, Duration timeout) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.host =
        runtime.spawnForecasterHost("forecaster-host-" + INSTANCES.incrementAndGet(), MAX_MODELS);
  }

  @Override
  public void forecast(ForecastRequest request, StreamObserver<ForecastResponse> out) {
    Duration t;
    try {
      t = Calls.timeout(timeout);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    Calls.unary(
        out,
        "the forecaster host",
        t,
        () -> {
          String id = Problems.requireFolderId("model_id", request.getModelId());
          ForecastMapper.checkShape(request);
          return describe(id, t)
              .thenCompose(
                  info -> {
                    ForecastMapper.Query q = ForecastMapper.query(request, info);
                    return AskPattern.<ForecasterHost.Command, ForecasterHost.Forecasted>ask(
                        host,
                        replyTo ->
                            new ForecasterHost.Forecast(
                                q.id(), q.observed(), q.future(), q.queryTimes(), replyTo),
                        t,
                        runtime.system().scheduler());
                  })
              .thenApply(
                  f -> {
                    if (f.problem() != null) {
                      throw problem(id, f.problem(), f.message());
                    }
                    return ForecastMapper.response(f.forecast(), f.version());
                  });
        });
  }

  @Override
  public void getForecasterInfo(ForecasterInfoRequest request, StreamObserver<ForecasterInfo> out) {
    Duration t;
    try {
      t = Calls.timeout(timeout);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    Calls.unary(
        out,
        "the forecaster host",
        t,
        () ->
            describe(Problems.requireFolderId("model_id", request.getModelId()), t)
                .thenApply(ForecastMapper::info));
  }

  /** The forecaster's description, or a failed stage with the status its absence maps to. */
  private CompletionStage<ForecasterHost.Info> describe(String id, Duration t) {
    return AskPattern.<ForecasterHost.Command, ForecasterHost.Described>ask(
            host,
            replyTo -> new ForecasterHost.Describe(id, replyTo),
            t,
            runtime.system().scheduler())
        .thenApply(
            d -> {
              if (d.info() == null) {
                throw problem(id, d.problem(), d.message());
              }
              return d.info();
            });
  }

  private static StatusRuntimeException problem(
      String id, ForecasterHost.Problem problem, String message) {
    String about = "model_id = " + Problems.quote(id) + ": ";
    return switch (problem) {
      case NOT_FOUND -> Problems.notFound(about + message);
      case UNLOADABLE -> Problems.precondition(about + "cannot be served: " + message);
      case SHUTTING_DOWN -> Problems.unavailable(about + message);
      case FAILED ->
          Problems.of(
              Status.UNKNOWN,
              about
                  + "unexpected server error in the forecaster ("
                  + message
                  + "); see the server log");
    };
  }
}
