package io.delos.actors.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Admits only calls whose {@code authorization} header carries {@code Bearer <token>} with one of
 * the configured tokens; every other call is answered {@code UNAUTHENTICATED} before it reaches a
 * service. Tokens are compared in constant time.
 *
 * <p>Threading: immutable, safe to share.
 */
final class BearerTokens implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String PREFIX = "Bearer ";

  private final List<byte[]> tokens;

  BearerTokens(List<String> tokens) {
    this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.US_ASCII)).toList();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String header = headers.get(AUTHORIZATION);
    String problem = null;
    if (header == null) {
      problem = "missing 'authorization' header: send 'authorization: Bearer <token>'";
    } else if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      problem = "the 'authorization' header must read 'Bearer <token>'";
    } else if (!known(header.substring(PREFIX.length()).strip())) {
      problem = "the bearer token is not accepted";
    }
    if (problem != null) {
      call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  private boolean known(String token) {
    byte[] given = token.getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (byte[] t : tokens) {
      match |= MessageDigest.isEqual(t, given);
    }
    return match;
  }
}
