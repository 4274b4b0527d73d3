package io.delos.actors.runtime;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Where and how the gRPC server listens; read from {@code delos.grpc}.
 *
 * @param host address to bind
 * @param port TCP port, 0 for any free port
 * @param maxMessageBytes largest accepted request, bytes
 * @param callTimeout how long a call waits for the actors
 */
public record GrpcSettings(String host, int port, int maxMessageBytes, Duration callTimeout) {
  /** Validates the settings. */
  public GrpcSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("delos.grpc.host is blank: give an address to bind");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("delos.grpc.port = " + port + ": allowed 0 to 65535");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException(
          "delos.grpc.max-message-bytes = " + maxMessageBytes + ": must be >= 1024");
    }
  }

  /** Reads {@code delos.grpc} from a resolved configuration. */
  public static GrpcSettings from(Config config) {
    Config c = config.getConfig("delos.grpc");
    return new GrpcSettings(
        c.getString("host"),
        c.getInt("port"),
        (int) c.getBytes("max-message-bytes").longValue(),
        c.getDuration("call-timeout"));
  }

  /** These settings on another port. */
  public GrpcSettings withPort(int newPort) {
    return new GrpcSettings(host, newPort, maxMessageBytes, callTimeout);
  }
}
