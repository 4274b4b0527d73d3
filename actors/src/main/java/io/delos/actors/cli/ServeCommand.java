package io.delos.actors.cli;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.grpc.GrpcSecurity;
import io.delos.actors.grpc.GrpcServer;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delos serve}: run the runtime and its gRPC server until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the runtime with simulated robots and serve gRPC until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      description = "gRPC port (default: delos.grpc.port from the configuration, 50051).")
  Integer port;

  @Option(
      names = "--host",
      description =
          "Address to bind (default: delos.grpc.host, 127.0.0.1). Any other than a loopback"
              + " address needs TLS or bearer tokens (see delos.grpc.tls and delos.grpc.auth).")
  String host;

  @Option(
      names = "--models",
      description =
          "Folder of saved models, one sub-folder per model id: forecasters written by 'delos"
              + " train forecast' and SPAR models written by 'delos train sensing' (default:"
              + " delos.models.directory, none).")
  java.nio.file.Path models;

  @Option(
      names = "--systems",
      split = ",",
      defaultValue = "cartpole",
      description = "Catalogue robots to start, comma separated (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @Override
  public Integer call() throws InterruptedException {
    var config = ConfigFactory.load();
    if (port != null) {
      config = ConfigFactory.parseString("delos.grpc.port = " + port).withFallback(config);
    }
    if (host != null) {
      config =
          ConfigFactory.parseMap(java.util.Map.of("delos.grpc.host", host)).withFallback(config);
    }
    if (models != null) {
      if (!java.nio.file.Files.isDirectory(models)) {
        System.err.println("--models " + models + ": not a folder");
        return 2;
      }
      config =
          ConfigFactory.parseMap(
                  java.util.Map.of("delos.models.directory", models.toAbsolutePath().toString()))
              .withFallback(config);
    }
    GrpcSettings settings;
    try {
      settings = GrpcSettings.from(config);
      GrpcServer.requireSafeBinding(settings.host(), GrpcSecurity.from(config, System.getenv()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("delos serve: " + e.getMessage());
      return 2;
    }
    for (String s : systems) {
      if (!Catalogue.families().contains(s)) {
        System.err.println("--systems: unknown robot '" + s + "'; known: " + Catalogue.families());
        return 2;
      }
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch cleaned = new CountDownLatch(1);
    // The hook releases the main thread, then waits for its cleanup: a hook that only released it
    // would let the JVM halt before robots flush and the server closes.
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                cleaned.await(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "delos-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (DelosRuntime runtime = DelosRuntime.start(config, "delos");
        GrpcServer grpc = GrpcServer.start(settings, runtime)) {
      int i = 0;
      for (String family : systems) {
        RobotSystem system = Catalogue.system(family);
        runtime.spawnRobot(
            family + "-" + i++,
            family,
            () -> system.environment(system.defaultTask()),
            runtime.robotDefaults());
      }
      System.out.println(
          "Serving delos.v1 on " + settings.host() + ":" + grpc.port() + "; Ctrl-C stops.");
      stop.await();
    } finally {
      cleaned.countDown();
    }
    return 0;
  }
}
