package io.delos.actors.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.sim.Vec;
import io.delos.worldmodel.sensing.DywaveConfig;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TokenizerHostTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  /** RMS error the host reports against the error computed here, signal units. */
  private static final double TOLERANCE = 1e-6;

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static Vec steps(int n, double second) {
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = t < n / 3 ? 0 : t < 2 * n / 3 ? 1 : second;
    }
    return Vec.of(x);
  }

  @Test
  void rebuildReportsTheErrorOnlyForTheRememberedSignals() {
    ActorRef<TokenizerHost.Command> host = KIT.spawn(TokenizerHost.create(1));
    TestProbe<TokenizerHost.Tokenized> tokenized = KIT.createTestProbe();
    TestProbe<TokenizerHost.Detokenized> rebuilt = KIT.createTestProbe();
    DywaveConfig config = DywaveConfig.defaults().withThresholdMads(3);

    host.tell(new TokenizerHost.Tokenize(List.of(steps(96, -0.5)), config, tokenized.getRef()));
    TokenizerHost.Tokenized first = tokenized.receiveMessage();
    assertThat(first.error()).isNull();
    assertThat(first.tokens().boundaries()).containsExactly(32, 64);

    host.tell(new TokenizerHost.Detokenize(first.tokens(), rebuilt.getRef()));
    TokenizerHost.Detokenized back = rebuilt.receiveMessage();
    double[][] original = {steps(96, -0.5).toArray()};
    assertThat(back.rmse())
        .isCloseTo(first.tokens().reconstructionError(original), within(TOLERANCE));

    // A capacity of one: a second signal pushes the first out of memory.
    host.tell(new TokenizerHost.Tokenize(List.of(steps(96, 2)), config, tokenized.getRef()));
    assertThat(tokenized.receiveMessage().error()).isNull();
    host.tell(new TokenizerHost.Detokenize(first.tokens(), rebuilt.getRef()));
    assertThat(rebuilt.receiveMessage().rmse()).isEqualTo(-1);
  }

  @Test
  void aSignalTooShortForTheLevelsIsRefusedWithTheLibrarysMessage() {
    ActorRef<TokenizerHost.Command> host = KIT.spawn(TokenizerHost.create(4));
    TestProbe<TokenizerHost.Tokenized> tokenized = KIT.createTestProbe();
    host.tell(
        new TokenizerHost.Tokenize(
            List.of(Vec.of(1, 2, 3)), DywaveConfig.defaults(), tokenized.getRef()));
    TokenizerHost.Tokenized r = tokenized.receiveMessage();
    assertThat(r.tokens()).isNull();
    assertThat(r.error()).contains("3 samples: too short for levels = 4");
  }
}
