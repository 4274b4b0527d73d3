package io.delos.actors.sensing;

import io.delos.sim.Vec;
import io.delos.worldmodel.sensing.DywaveConfig;
import io.delos.worldmodel.sensing.DywaveTokenizer;
import io.delos.worldmodel.sensing.Token;
import io.delos.worldmodel.sensing.Tokenization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Tokenizes sensor streams with Dywave and rebuilds streams from tokens, remembering the most
 * recently tokenized streams so that a rebuild of their tokens can report its reconstruction error.
 *
 * <p>The memory holds at most {@code capacity} streams, least recently used dropped first. Tokens
 * are remembered as clients see them, with every shape value rounded to float32 (the wire format),
 * so tokens sent back unchanged find their stream.
 */
public final class TokenizerHost extends AbstractBehavior<TokenizerHost.Command> {
  /** Messages the host understands. */
  public sealed interface Command {}

  /**
   * Tokenize a stream.
   *
   * @param channels the stream, one vector per channel, all of one length
   * @param config the tokenizer's settings
   * @param replyTo receives the tokens or why the stream was refused
   */
  public record Tokenize(List<Vec> channels, DywaveConfig config, ActorRef<Tokenized> replyTo)
      implements Command {
    /** Copies the list. */
    public Tokenize {
      channels = List.copyOf(channels);
    }
  }

  /**
   * The answer to {@link Tokenize}.
   *
   * @param tokens the tokens with float32-rounded shapes, or null when refused
   * @param error why the stream was refused, or null
   */
  public record Tokenized(Tokenization tokens, String error) {}

  /**
   * Rebuild a stream from tokens.
   *
   * @param tokens the tokens
   * @param replyTo receives the stream and, when the host remembers it, the error
   */
  public record Detokenize(Tokenization tokens, ActorRef<Detokenized> replyTo) implements Command {}

  /**
   * The answer to {@link Detokenize}.
   *
   * @param channels the rebuilt stream, one vector per channel
   * @param rmse root-mean-square difference from the remembered stream, in its units, or −1 when
   *     the host does not remember a stream with these tokens
   */
  public record Detokenized(List<Vec> channels, double rmse) {
    /** Copies the list. */
    public Detokenized {
      channels = List.copyOf(channels);
    }
  }

  private final Map<List<Token>, double[][]> remembered;

  private TokenizerHost(ActorContext<Command> context, int capacity) {
    super(context);
    this.remembered =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<List<Token>, double[][]> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The host's behaviour.
   *
   * @param capacity most streams remembered for reconstruction errors, >= 1
   * @throws IllegalArgumentException when {@code capacity} < 1
   */
  public static Behavior<Command> create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity = " + capacity + ": must be >= 1");
    }
    return Behaviors.setup(ctx -> new TokenizerHost(ctx, capacity));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tokenize.class, this::onTokenize)
        .onMessage(Detokenize.class, this::onDetokenize)
        .build();
  }

  private Behavior<Command> onTokenize(Tokenize t) {
    double[][] stream = new double[t.channels().size()][];
    for (int c = 0; c < stream.length; c++) {
      stream[c] = t.channels().get(c).toArray();
    }
    Tokenization tokens;
    try {
      tokens = wire(new DywaveTokenizer(t.config()).tokenize(stream));
    } catch (IllegalArgumentException e) {
      t.replyTo().tell(new Tokenized(null, e.getMessage()));
      return this;
    }
    remembered.put(tokens.tokens(), stream);
    t.replyTo().tell(new Tokenized(tokens, null));
    return this;
  }

  private Behavior<Command> onDetokenize(Detokenize d) {
    Tokenization tokens = wire(d.tokens());
    double[][] rebuilt = tokens.reconstruct();
    double[][] original = remembered.get(tokens.tokens());
    double rmse = -1;
    if (original != null
        && original.length == tokens.channels()
        && original[0].length == tokens.length()) {
      rmse = tokens.reconstructionError(original);
    }
    List<Vec> channels = new ArrayList<>(rebuilt.length);
    for (double[] c : rebuilt) {
      channels.add(Vec.of(c));
    }
    d.replyTo().tell(new Detokenized(channels, rmse));
    return this;
  }

  /** The tokens with every shape value rounded to float32, as they travel over gRPC. */
  private static Tokenization wire(Tokenization z) {
    List<Token> rounded = new ArrayList<>(z.size());
    for (Token k : z.tokens()) {
      double[] v = k.shape().toArray();
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) v[i];
      }
      rounded.add(new Token(k.start(), k.length(), Vec.of(v)));
    }
    return new Tokenization(z.channels(), z.length(), z.shapeLength(), rounded);
  }
}
