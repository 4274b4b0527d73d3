package io.delos.actors.grpc;

import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC endpoint of a runtime: every {@code delos.v1} service (see {@link DelosServices}), the
 * standard health service and server reflection.
 *
 * <p>Security: the server binds the loopback address by default. Binding any other address requires
 * TLS (certificate and key files), bearer tokens, or both; without either it refuses to start and
 * says why. With tokens, every call (health and reflection included) must carry {@code
 * authorization: Bearer <token>}, else it is answered {@code UNAUTHENTICATED}.
 */
public final class GrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

  private final Server server;
  private final DelosServices services;

  private GrpcServer(Server server, DelosServices services) {
    this.server = server;
    this.services = services;
  }

  /**
   * Starts serving with the security and limits of the runtime's configuration ({@code
   * delos.grpc.tls}, {@code delos.grpc.auth}, {@code delos.grpc.limits}); tokens may also come from
   * the environment variable named by {@code delos.grpc.auth.tokens-env}.
   *
   * @param settings address, port, message size and call timeout
   * @param runtime the runtime whose actors answer the calls
   * @throws IllegalStateException when the address is not loopback and neither TLS nor tokens are
   *     configured, or when TLS cannot be set up
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static GrpcServer start(GrpcSettings settings, DelosRuntime runtime) {
    return start(
        settings,
        GrpcSecurity.from(runtime.config(), System.getenv()),
        GrpcLimits.from(runtime.config()),
        runtime);
  }

  /**
   * Starts serving.
   *
   * @param settings address, port, message size and call timeout
   * @param security TLS and tokens
   * @param limits request bounds
   * @param runtime the runtime whose actors answer the calls
   * @throws IllegalStateException when the address is not loopback and neither TLS nor tokens are
   *     configured, or when TLS cannot be set up
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static GrpcServer start(
      GrpcSettings settings, GrpcSecurity security, GrpcLimits limits, DelosRuntime runtime) {
    requireSafeBinding(settings.host(), security);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
            .maxInboundMessageSize(settings.maxMessageBytes());
    if (security.tls()) {
      try {
        builder.sslContext(
            GrpcSslContexts.forServer(
                    security.certificateFile().toFile(), security.keyFile().toFile())
                .build());
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "delos.grpc.tls: cannot use certificate '"
                + security.certificateFile()
                + "' with key '"
                + security.keyFile()
                + "': "
                + e.getMessage(),
            e);
      }
    }
    if (security.authenticated()) {
      builder.intercept(new BearerTokens(security.tokens()));
    }
    DelosServices services = new DelosServices(runtime, settings.callTimeout(), limits);
    for (ServerServiceDefinition d : services.definitions()) {
      builder.addService(d);
    }
    builder.addService(services.healthService()).addService(ProtoReflectionServiceV1.newInstance());
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "could not listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(),
          e);
    }
    LOG.info(
        "gRPC listening on {}:{} ({}{})",
        settings.host(),
        server.getPort(),
        security.tls() ? "TLS" : "plaintext",
        security.authenticated() ? ", bearer tokens" : "");
    return new GrpcServer(server, services);
  }

  /**
   * Refuses a non-loopback address without TLS or tokens.
   *
   * @param host the address to bind
   * @param security the configured TLS and tokens
   * @throws IllegalStateException saying what to configure
   */
  public static void requireSafeBinding(String host, GrpcSecurity security) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "delos.grpc.host = '" + host + "' does not resolve: give an address to bind", e);
    }
    if (!loopback && !security.tls() && !security.authenticated()) {
      throw new IllegalStateException(
          "delos.grpc.host = '"
              + host
              + "' is not a loopback address, and neither TLS nor bearer tokens are configured:"
              + " set delos.grpc.tls.certificate-file and key-file, or delos.grpc.auth.tokens (or"
              + " the DELOS_GRPC_TOKENS environment variable), or bind 127.0.0.1");
    }
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls and waits up to five seconds for running calls. */
  @Override
  public void close() {
    services.stopServing();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    services.close();
  }
}
