package io.delos.actors.grpc;

import static io.delos.actors.grpc.Rpc.fails;
import static io.delos.actors.grpc.Rpc.tensor;
import static io.delos.actors.grpc.Rpc.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.proto.v1.DetokenizeRequest;
import io.delos.proto.v1.DetokenizeResponse;
import io.delos.proto.v1.TokenizeRequest;
import io.delos.proto.v1.TokenizeResponse;
import io.delos.proto.v1.TokenizerServiceGrpc;
import io.delos.proto.v1.Wavelet;
import io.grpc.Status;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenizerServiceTest {
  /** How far a token may start from a built-in event, samples. */
  private static final int SLACK = 3;

  /** Float32 round-off allowed in a rebuilt signal, in the signal's units. */
  private static final double WIRE = 1e-5;

  private static InProcessDelos delos;
  private static TokenizerServiceGrpc.TokenizerServiceBlockingStub tokenizer;

  @BeforeAll
  static void start() {
    delos = new InProcessDelos();
    tokenizer =
        TokenizerServiceGrpc.newBlockingStub(delos.channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    delos.close();
  }

  /** [time, channel] = [400, 2]: steps at 120 and 300 in channel 0, an impact at 210 in 1. */
  private static TokenizeRequest.Builder request() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 400;
    double[] rows = new double[n * 2];
    for (int t = 0; t < n; t++) {
      rows[2 * t] = (t < 120 ? 0 : t < 300 ? 1 : -0.5) + 0.02 * r.nextGaussian();
      rows[2 * t + 1] = (t >= 210 ? 2 * Math.exp(-(t - 210) / 3.0) : 0) + 0.02 * r.nextGaussian();
    }
    return TokenizeRequest.newBuilder()
        .setSignal(tensor(rows, n, 2))
        .setSampleRate(100)
        .setThreshold(3);
  }

  @Test
  void tokensStartAtTheEventsAndRebuildTheSignalWithItsError() {
    TokenizeResponse tokens = tokenizer.tokenize(request().build());

    assertThat(tokens.getTokensCount()).isBetween(4, 10);
    assertThat(tokens.getTokenRatio()).isGreaterThan(0).isLessThan(0.25);
    for (int event : new int[] {120, 210, 300}) {
      assertThat(tokens.getTokensList())
          .as("a token starts near %d", event)
          .anyMatch(k -> Math.abs(k.getStart() - event) <= SLACK);
    }
    assertThat(tokens.getTokens(0).getShape().getShapeList()).containsExactly(8L, 2L);

    DetokenizeResponse back =
        tokenizer.detokenize(
            DetokenizeRequest.newBuilder()
                .addAllTokens(tokens.getTokensList())
                .setLength(400)
                .build());
    assertThat(back.getSignal().getShapeList()).containsExactly(400L, 2L);
    double[] original = values(request().build().getSignal());
    double[] rebuilt = values(back.getSignal());
    double sum = 0;
    for (int i = 0; i < rebuilt.length; i++) {
      sum += (rebuilt[i] - original[i]) * (rebuilt[i] - original[i]);
    }
    double rmse = Math.sqrt(sum / rebuilt.length);
    assertThat(back.getReconstructionRmse()).isPositive().isCloseTo(rmse, within(WIRE));
    // Piecewise tokens of a piecewise-constant signal: well below the steps' size of 1.
    assertThat(back.getReconstructionRmse()).isLessThan(0.2);
  }

  @Test
  void tokensTheServerNeverIssuedRebuildWithoutAnError() {
    TokenizeResponse tokens = tokenizer.tokenize(request().setWavelet(Wavelet.WAVELET_DB4).build());
    io.delos.proto.v1.Token first = tokens.getTokens(0);
    double[] shape = values(first.getShape());
    shape[0] += 1;
    DetokenizeResponse back =
        tokenizer.detokenize(
            DetokenizeRequest.newBuilder()
                .addAllTokens(tokens.getTokensList())
                .setTokens(0, first.toBuilder().setShape(tensor(shape, 8, 2)))
                .setLength(400)
                .build());
    assertThat(back.getReconstructionRmse()).isEqualTo(-1);
    assertThat(back.getSignal().getDataCount()).isEqualTo(800);
  }

  @Test
  void badRequestsAreInvalidArgumentsNamingFieldValueAndAllowedRange() {
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.tokenize(request().setSampleRate(0).build())))
        .contains("sample_rate = 0.0 Hz")
        .contains("> 0");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.tokenize(request().setSignal(tensor(new double[0], 0, 2)).build())))
        .contains("time has 0 samples, allowed 8 to 1000000");
    double[] nan = new double[16];
    nan[5] = Double.NaN;
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.tokenize(request().setSignal(tensor(nan, 8, 2)).build())))
        .contains("signal.data[5] = NaN");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.tokenize(request().setLevels(9).build())))
        .contains("levels = 9: allowed 1 to 8 for 400 samples");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.tokenize(request().setMinLength(401).build())))
        .contains("min_length = 401 samples: allowed 1 to 400");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.tokenize(request().setWaveletValue(9).build())))
        .contains("wavelet = 9");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tokenizer.detokenize(DetokenizeRequest.newBuilder().setLength(5).build())))
        .contains("tokens is empty");
    TokenizeResponse tokens = tokenizer.tokenize(request().build());
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    tokenizer.detokenize(
                        DetokenizeRequest.newBuilder()
                            .addAllTokens(tokens.getTokensList())
                            .setLength(401)
                            .build())))
        .contains("length = 401: allowed 400");
    assertThat(
            fails(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    tokenizer.detokenize(
                        DetokenizeRequest.newBuilder()
                            .addTokens(tokens.getTokens(1))
                            .setLength(400)
                            .build())))
        .contains("tokens[0].start = " + tokens.getTokens(1).getStart() + ": allowed 0");
  }
}
