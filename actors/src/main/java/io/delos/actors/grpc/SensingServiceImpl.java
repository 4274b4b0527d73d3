package io.delos.actors.grpc;

import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.sensing.SensingHost;
import io.delos.proto.v1.EmbedRequest;
import io.delos.proto.v1.EmbedResponse;
import io.delos.proto.v1.LocalizeRequest;
import io.delos.proto.v1.LocalizeResponse;
import io.delos.proto.v1.SensingServiceGrpc;
import io.delos.worldmodel.sensing.SensorScene;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code delos.v1.SensingService}: placement-aware embeddings and source localisation with the SPAR
 * models (Chen, Wang, Lyu et al., 2025) saved in the models directory ({@code
 * delos.models.directory}) by {@code delos train sensing}, answered by a {@link SensingHost} actor.
 *
 * <p>A call first checks what holds for any model, then asks the host for the named model's
 * description (loading it when needed), checks the nodes against it (window length, sampling rate,
 * roles), and only then hands the scene to the host.
 *
 * <p>{@code Localize} answers the localisation head's estimate; its uncertainty is the head's
 * per-axis root-mean-square error on held-out layouts, measured when the model was trained, the
 * same for every answer (the head gives no per-request spread).
 *
 * <p>Threading: stateless apart from the host's reference; the host owns the models.
 */
final class SensingServiceImpl extends SensingServiceGrpc.SensingServiceImplBase {
  /** Most SPAR models loaded at once. */
  static final int MAX_MODELS = 8;

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final ActorRef<SensingHost.Command> host;

  SensingServiceImpl(DelosRuntime runtime, Duration timeout) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.host = runtime.spawnSensingHost("sensing-host-" + INSTANCES.incrementAndGet(), MAX_MODELS);
  }

  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> out) {
    answer(
        request.getModelId(),
        request.getNodesList(),
        request.getSampleRate(),
        out,
        (id, scene) -> replyTo -> new SensingHost.Embed(id, scene, replyTo),
        SensingHost.Embedded::problem,
        SensingHost.Embedded::message,
        SensingMapper::embedded);
  }

  @Override
  public void localize(LocalizeRequest request, StreamObserver<LocalizeResponse> out) {
    answer(
        request.getModelId(),
        request.getNodesList(),
        request.getSampleRate(),
        out,
        (id, scene) -> replyTo -> new SensingHost.Localize(id, scene, replyTo),
        SensingHost.Localized::problem,
        SensingHost.Localized::message,
        SensingMapper::localized);
  }

  /**
   * Checks a request, asks the host for the named model's description, checks the nodes against it,
   * then asks the host the question {@code ask} makes and maps its answer with {@code response}, or
   * its problem to a status.
   */
  private <A, R> void answer(
      String modelId,
      List<io.delos.proto.v1.SensorNode> nodes,
      double sampleRate,
      StreamObserver<R> out,
      BiFunction<String, SensorScene, Function<ActorRef<A>, SensingHost.Command>> ask,
      Function<A, SensingHost.Problem> problemOf,
      Function<A, String> messageOf,
      Function<A, R> response) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the sensing host",
        t,
        () -> {
          String id = Problems.requireFolderId("model_id", modelId);
          SensingMapper.checkShape(nodes, sampleRate);
          return describe(id, t)
              .thenCompose(
                  info -> {
                    SensorScene scene = SensingMapper.scene(nodes, sampleRate, info);
                    return AskPattern.<SensingHost.Command, A>ask(
                        host, ask.apply(id, scene)::apply, t, runtime.system().scheduler());
                  })
              .thenApply(
                  a -> {
                    if (problemOf.apply(a) != null) {
                      throw problem(id, problemOf.apply(a), messageOf.apply(a));
                    }
                    return response.apply(a);
                  });
        });
  }

  /** The model's description, or a failed stage with the status its absence maps to. */
  private CompletionStage<SensingHost.Info> describe(String id, Duration t) {
    return AskPattern.<SensingHost.Command, SensingHost.Described>ask(
            host, replyTo -> new SensingHost.Describe(id, replyTo), t, runtime.system().scheduler())
        .thenApply(
            d -> {
              if (d.info() == null) {
                throw problem(id, d.problem(), d.message());
              }
              return d.info();
            });
  }

  private static StatusRuntimeException problem(
      String id, SensingHost.Problem problem, String message) {
    String about = "model_id = " + Problems.quote(id) + ": ";
    return switch (problem) {
      case NOT_FOUND -> Problems.notFound(about + message);
      case UNLOADABLE -> Problems.precondition(about + "cannot be served: " + message);
      case SHUTTING_DOWN -> Problems.unavailable(about + message);
      case FAILED ->
          Problems.of(
              Status.UNKNOWN,
              about
                  + "unexpected server error in the SPAR model ("
                  + message
                  + "); see the server log");
    };
  }
}
