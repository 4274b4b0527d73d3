package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.PredictRequest;
import io.delos.proto.v1.RobotServiceGrpc;
import io.delos.proto.v1.WorldModelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server on loopback: message limits, real parsing, health, reflection, binding rules. */
class GrpcServerIT {
  private static DelosRuntime runtime;
  private static GrpcServer server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() {
    runtime = DelosRuntime.start(ConfigFactory.load(), "grpc-server-it");
    server =
        GrpcServer.start(
            new GrpcSettings("127.0.0.1", 0, 4096, Duration.ofSeconds(5)),
            GrpcSecurity.none(),
            GrpcLimits.from(ConfigFactory.load()),
            runtime);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    server.close();
    runtime.close();
  }

  @Test
  void aMessageAboveTheConfiguredMaximumIsResourceExhausted() {
    double[] big = new double[2000];
    fails(
        Status.Code.RESOURCE_EXHAUSTED,
        () ->
            WorldModelServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .predict(
                    PredictRequest.newBuilder()
                        .setModelId("cartpole-simulator")
                        .setObservations(tensor(big, 400, 5))
                        .build()));
    // The server is still up.
    assertThat(
            RobotServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSystems(ListSystemsRequest.getDefaultInstance())
                .getSystemsList())
        .isEmpty();
  }

  @Test
  void bytesThatAreNoProtobufMessageAreInvalidArgumentNotInternal() {
    Status s =
        RawCalls.call(
            channel,
            WorldModelServiceGrpc.getPredictMethod(),
            List.of(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}),
            1,
            10_000);
    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).contains("not a valid protobuf message");
  }

  @Test
  void healthAndReflectionAnswer() throws Exception {
    assertThat(
            HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> req =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse r) {
                    names.complete(
                        r.getListServicesResponse().getServiceList().stream()
                            .map(ServiceResponse::getName)
                            .toList());
                  }

                  @Override
                  public void onError(Throwable t) {
                    names.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    req.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    req.onCompleted();
    assertThat(names.get(10, TimeUnit.SECONDS))
        .containsAll(DelosServices.SERVING)
        .contains("grpc.health.v1.Health");
  }

  @Test
  void anyOtherAddressThanLoopbackNeedsTlsOrTokens() {
    GrpcSettings open = new GrpcSettings("0.0.0.0", 0, 4096, Duration.ofSeconds(5));
    assertThatThrownBy(
            () ->
                GrpcServer.start(
                    open, GrpcSecurity.none(), GrpcLimits.from(ConfigFactory.load()), runtime))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'0.0.0.0' is not a loopback address")
        .hasMessageContaining("delos.grpc.tls.certificate-file")
        .hasMessageContaining("delos.grpc.auth.tokens");
    GrpcSecurity tokens = new GrpcSecurity(null, null, List.of("a-long-enough-token-1"));
    try (GrpcServer s =
        GrpcServer.start(open, tokens, GrpcLimits.from(ConfigFactory.load()), runtime)) {
      assertThat(s.port()).isPositive();
    }
  }
}
