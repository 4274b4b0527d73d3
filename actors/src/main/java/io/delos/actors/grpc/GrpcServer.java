package io.delos.actors.grpc;

import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC endpoint of a runtime: Delos's services, the standard health service and server
 * reflection.
 */
public final class GrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

  private final Server server;
  private final HealthStatusManager health;

  private GrpcServer(Server server, HealthStatusManager health) {
    this.server = server;
    this.health = health;
  }

  /**
   * Starts serving.
   *
   * @param settings address, port and limits
   * @param runtime the runtime whose actors answer the calls
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static GrpcServer start(GrpcSettings settings, DelosRuntime runtime) {
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
            .maxInboundMessageSize(settings.maxMessageBytes())
            .addService(new RobotServiceImpl(runtime, settings.callTimeout()))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(),
          e);
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus("delos.v1.RobotService", ServingStatus.SERVING);
    LOG.info("gRPC listening on {}:{}", settings.host(), server.getPort());
    return new GrpcServer(server, health);
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls and waits up to five seconds for running calls. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
