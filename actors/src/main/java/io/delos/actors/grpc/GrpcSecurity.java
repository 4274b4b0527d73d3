package io.delos.actors.grpc;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Transport security and authentication of the gRPC server, read from {@code delos.grpc.tls} and
 * {@code delos.grpc.auth}.
 *
 * <p>The server binds the loopback address by default. Binding any other address requires TLS, or
 * bearer tokens, or both; see {@link GrpcServer#start}.
 *
 * @param certificateFile PEM certificate chain of the server, or null for plaintext
 * @param keyFile PEM private key (PKCS#8) of the certificate, or null for plaintext
 * @param tokens accepted bearer tokens (at least 16 characters each); empty for no authentication
 */
public record GrpcSecurity(Path certificateFile, Path keyFile, List<String> tokens) {
  /** Shortest accepted token, characters. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** Validates the settings. */
  public GrpcSecurity {
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
    if ((certificateFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(
          "delos.grpc.tls: certificate-file = '"
              + (certificateFile == null ? "" : certificateFile)
              + "', key-file = '"
              + (keyFile == null ? "" : keyFile)
              + "': give both PEM files, or neither for plaintext");
    }
    for (Path f : new Path[] {certificateFile, keyFile}) {
      if (f != null && !Files.isReadable(f)) {
        throw new IllegalArgumentException(
            "delos.grpc.tls: cannot read '" + f + "': give a readable PEM file");
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t.length() < MIN_TOKEN_LENGTH || t.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new IllegalArgumentException(
            "delos.grpc.auth token "
                + (i + 1)
                + " has "
                + t.length()
                + " characters: tokens need at least "
                + MIN_TOKEN_LENGTH
                + " printable ASCII characters without spaces");
      }
    }
  }

  /** Plaintext, no authentication: for the loopback address only. */
  public static GrpcSecurity none() {
    return new GrpcSecurity(null, null, List.of());
  }

  /** True when the server speaks TLS. */
  public boolean tls() {
    return certificateFile != null;
  }

  /** True when calls must carry a bearer token. */
  public boolean authenticated() {
    return !tokens.isEmpty();
  }

  /**
   * Reads the settings: TLS files from {@code delos.grpc.tls}, tokens from {@code
   * delos.grpc.auth.tokens} plus the comma-separated list in the environment variable named by
   * {@code delos.grpc.auth.tokens-env}.
   *
   * @param config resolved configuration
   * @param environment the process environment ({@code System.getenv()})
   */
  public static GrpcSecurity from(Config config, Map<String, String> environment) {
    Config tls = config.getConfig("delos.grpc.tls");
    Config auth = config.getConfig("delos.grpc.auth");
    String cert = tls.getString("certificate-file");
    String key = tls.getString("key-file");
    List<String> tokens = new ArrayList<>(auth.getStringList("tokens"));
    String variable = auth.getString("tokens-env");
    if (!variable.isBlank()) {
      String fromEnv = environment.get(variable);
      if (fromEnv != null) {
        for (String t : fromEnv.split(",")) {
          if (!t.isBlank()) {
            tokens.add(t.strip());
          }
        }
      }
    }
    return new GrpcSecurity(
        cert.isBlank() ? null : Path.of(cert), key.isBlank() ? null : Path.of(key), tokens);
  }
}
