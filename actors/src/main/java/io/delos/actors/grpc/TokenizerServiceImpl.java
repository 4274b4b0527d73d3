package io.delos.actors.grpc;

import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.sensing.TokenizerHost;
import io.delos.proto.v1.DetokenizeRequest;
import io.delos.proto.v1.DetokenizeResponse;
import io.delos.proto.v1.TokenizeRequest;
import io.delos.proto.v1.TokenizeResponse;
import io.delos.proto.v1.TokenizerServiceGrpc;
import io.delos.worldmodel.sensing.Tokenization;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code delos.v1.TokenizerService}: Dywave tokenization (Kimura, Kara, Li et al., 2026) of signals
 * clients send, and the inverse, answered by a {@link TokenizerHost} actor.
 *
 * <p>Threading: stateless apart from the host's reference; the host owns what it remembers.
 */
final class TokenizerServiceImpl extends TokenizerServiceGrpc.TokenizerServiceImplBase {
  /** Most tokenized signals the host remembers for reconstruction errors. */
  static final int REMEMBERED = 64;

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final DelosRuntime runtime;
  private final Duration timeout;
  private final ActorRef<TokenizerHost.Command> host;

  TokenizerServiceImpl(DelosRuntime runtime, Duration timeout) {
    this.runtime = runtime;
    this.timeout = timeout;
    this.host =
        runtime.spawnTokenizerHost("tokenizer-host-" + INSTANCES.incrementAndGet(), REMEMBERED);
  }

  @Override
  public void tokenize(TokenizeRequest request, StreamObserver<TokenizeResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the tokenizer host",
        t,
        () -> {
          TokenizerMapper.Tokenize checked = TokenizerMapper.tokenize(request);
          return AskPattern.<TokenizerHost.Command, TokenizerHost.Tokenized>ask(
                  host,
                  replyTo ->
                      new TokenizerHost.Tokenize(checked.channels(), checked.config(), replyTo),
                  t,
                  runtime.system().scheduler())
              .thenApply(
                  r -> {
                    if (r.error() != null) {
                      throw Problems.invalid(r.error());
                    }
                    return TokenizerMapper.tokenized(r.tokens(), checked.config().minGap());
                  });
        });
  }

  @Override
  public void detokenize(DetokenizeRequest request, StreamObserver<DetokenizeResponse> out) {
    Duration t = Calls.timeout(timeout);
    Calls.unary(
        out,
        "the tokenizer host",
        t,
        () -> {
          Tokenization tokens = TokenizerMapper.detokenize(request);
          return AskPattern.<TokenizerHost.Command, TokenizerHost.Detokenized>ask(
                  host,
                  replyTo -> new TokenizerHost.Detokenize(tokens, replyTo),
                  t,
                  runtime.system().scheduler())
              .thenApply(d -> TokenizerMapper.detokenized(d.channels(), d.rmse()));
        });
  }
}
