package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.proto.v1.ListSystemsRequest;
import io.delos.proto.v1.RobotServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and TLS on a real loopback server; the certificate is made by openssl. */
class GrpcSecurityIT {
  private static final String TOKEN = "s3cret-token-for-tests";
  private static final GrpcSettings LOOPBACK =
      new GrpcSettings("127.0.0.1", 0, 4 << 20, Duration.ofSeconds(5));

  private static DelosRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = DelosRuntime.start(ConfigFactory.load(), "grpc-security-it");
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static GrpcServer server(GrpcSecurity security) {
    return GrpcServer.start(LOOPBACK, security, GrpcLimits.from(ConfigFactory.load()), runtime);
  }

  private static RobotServiceGrpc.RobotServiceBlockingStub robots(ManagedChannel c, String header) {
    RobotServiceGrpc.RobotServiceBlockingStub stub =
        RobotServiceGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (header == null) {
      return stub;
    }
    Metadata m = new Metadata();
    m.put(BearerTokens.AUTHORIZATION, header);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
  }

  @Test
  void callsWithoutTheRightBearerTokenAreUnauthenticated() {
    try (GrpcServer s = server(new GrpcSecurity(null, null, List.of(TOKEN)))) {
      ManagedChannel c =
          NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
      try {
        ListSystemsRequest r = ListSystemsRequest.getDefaultInstance();
        assertThat(fails(Status.Code.UNAUTHENTICATED, () -> robots(c, null).listSystems(r)))
            .contains("authorization");
        fails(
            Status.Code.UNAUTHENTICATED,
            () -> robots(c, "Bearer wrong-token-wrong").listSystems(r));
        fails(Status.Code.UNAUTHENTICATED, () -> robots(c, "Basic " + TOKEN).listSystems(r));
        fails(
            Status.Code.UNAUTHENTICATED,
            () -> HealthGrpc.newBlockingStub(c).check(HealthCheckRequest.getDefaultInstance()));
        assertThat(robots(c, "Bearer " + TOKEN).listSystems(r).getSystemsList()).isEmpty();
      } finally {
        c.shutdownNow();
      }
    }
  }

  @Test
  void tokensComeFromConfigurationAndTheEnvironment() {
    var config =
        ConfigFactory.parseString("delos.grpc.auth.tokens = [\"from-config-token-123\"]")
            .withFallback(ConfigFactory.load());
    GrpcSecurity s =
        GrpcSecurity.from(
            config, Map.of("DELOS_GRPC_TOKENS", "env-token-aaaaaaaa, env-token-bbbbbbbb"));
    assertThat(s.tokens())
        .containsExactly("from-config-token-123", "env-token-aaaaaaaa", "env-token-bbbbbbbb");
    assertThatThrownBy(() -> new GrpcSecurity(null, null, List.of("short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16");
    assertThatThrownBy(() -> new GrpcSecurity(Path.of("/nonexistent.pem"), null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give both PEM files");
  }

  @Test
  void tlsServesClientsThatTrustTheCertificateAndRefusesPlaintext(@TempDir Path dir)
      throws Exception {
    Path cert = dir.resolve("server.pem");
    Path key = dir.resolve("server.key");
    Process p =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    try (GrpcServer s = server(new GrpcSecurity(cert, key, List.of()))) {
      ManagedChannel tls =
          NettyChannelBuilder.forAddress("localhost", s.port())
              .sslContext(GrpcSslContexts.forClient().trustManager(cert.toFile()).build())
              .build();
      ManagedChannel plain =
          NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
      try {
        assertThat(
                robots(tls, null)
                    .listSystems(ListSystemsRequest.getDefaultInstance())
                    .getSystemsList())
            .isEmpty();
        fails(
            Status.Code.UNAVAILABLE,
            () -> robots(plain, null).listSystems(ListSystemsRequest.getDefaultInstance()));
      } finally {
        tls.shutdownNow();
        plain.shutdownNow();
      }
    }
    // TLS also satisfies the rule for non-loopback addresses.
    GrpcServer.requireSafeBinding("0.0.0.0", new GrpcSecurity(cert, key, List.of()));
  }
}
