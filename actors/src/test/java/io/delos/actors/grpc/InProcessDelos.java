package io.delos.actors.grpc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.delos.actors.robot.Pacing;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A runtime with one cart-pole robot ({@value #ROBOT}, real-time pacing) and every {@code delos.v1}
 * service on an in-process gRPC server, for tests.
 */
final class InProcessDelos implements AutoCloseable {
  static final String ROBOT = "cartpole-0";

  final Config config;
  final DelosRuntime runtime;
  final DelosServices services;
  final Server server;
  final ManagedChannel channel;

  /**
   * Starts everything.
   *
   * @param overrides HOCON overriding the reference configuration, for example smaller limits
   */
  InProcessDelos(String overrides) {
    this.config =
        ConfigFactory.parseString(overrides)
            .withFallback(ConfigFactory.parseString("delos.robots.pacing = real-time"))
            .withFallback(ConfigFactory.load())
            .resolve();
    this.runtime = DelosRuntime.start(config, "grpc-test-" + System.nanoTime());
    RobotSystem cartpole = Catalogue.system("cartpole");
    runtime.spawnRobot(
        ROBOT,
        "cartpole",
        () -> cartpole.environment(cartpole.defaultTask()),
        runtime.robotDefaults().withPacing(Pacing.REAL_TIME));
    this.services =
        new DelosServices(
            runtime, config.getDuration("delos.grpc.call-timeout"), GrpcLimits.from(config));
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder b = InProcessServerBuilder.forName(name);
    for (ServerServiceDefinition d : services.definitions()) {
      b.addService(d);
    }
    b.addService(services.healthService());
    try {
      this.server = b.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.channel = InProcessChannelBuilder.forName(name).build();
  }

  /** Defaults of the reference configuration. */
  InProcessDelos() {
    this("");
  }

  /** A deadline long enough for any test call. */
  static long deadlineSeconds() {
    return 30;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
    runtime.stopRobots(Duration.ofSeconds(5));
    runtime.close();
  }
}
