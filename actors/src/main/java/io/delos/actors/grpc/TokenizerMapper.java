package io.delos.actors.grpc;

import io.delos.proto.v1.DetokenizeRequest;
import io.delos.proto.v1.DetokenizeResponse;
import io.delos.proto.v1.TokenizeRequest;
import io.delos.proto.v1.TokenizeResponse;
import io.delos.sim.Vec;
import io.delos.worldmodel.sensing.DywaveConfig;
import io.delos.worldmodel.sensing.Token;
import io.delos.worldmodel.sensing.Tokenization;
import io.delos.worldmodel.sensing.Wavelet;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts {@code delos.v1.TokenizerService} messages to the tokenizer's domain types and back,
 * checking every field first: a bad field is {@code INVALID_ARGUMENT} naming the field, its value
 * and what is allowed.
 */
final class TokenizerMapper {
  static final int MIN_SAMPLES = 8;
  static final int MAX_SAMPLES = 1_000_000;
  static final int MAX_CHANNELS = 256;
  static final int DEFAULT_LEVELS = 4;
  static final double DEFAULT_THRESHOLD = 1.0;
  static final int DEFAULT_MIN_LENGTH = 8;
  static final int MAX_SHAPE_LENGTH = 1024;
  static final int MAX_MIN_LENGTH = 100_000;

  /** Most values (time × channel) a rebuilt signal may hold: 4 MB of float32. */
  static final long MAX_REBUILT_VALUES = 1_000_000;

  private TokenizerMapper() {}

  /**
   * A checked tokenize request.
   *
   * @param channels the signal, one vector per channel
   * @param config the tokenizer's settings
   */
  record Tokenize(List<Vec> channels, DywaveConfig config) {}

  static Tokenize tokenize(TokenizeRequest r) {
    if (!(r.getSampleRate() > 0) || Double.isInfinite(r.getSampleRate())) {
      throw Problems.invalid(
          "sample_rate = " + r.getSampleRate() + " Hz: allowed finite and > 0 Hz");
    }
    Tensors.Input signal = Tensors.require(r.getSignal(), "signal", "time", "channel");
    long time = signal.extent(0);
    long channels = signal.extent(1);
    if (time < MIN_SAMPLES || time > MAX_SAMPLES) {
      throw Problems.invalid(
          "signal.shape = "
              + signal.shapeText()
              + ": time has "
              + time
              + " samples, allowed "
              + MIN_SAMPLES
              + " to "
              + MAX_SAMPLES);
    }
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw Problems.invalid(
          "signal.shape = "
              + signal.shapeText()
              + ": "
              + channels
              + " channels, allowed 1 to "
              + MAX_CHANNELS);
    }
    int n = (int) time;
    Wavelet wavelet =
        switch (r.getWavelet()) {
          case WAVELET_UNSPECIFIED, WAVELET_HAAR -> Wavelet.HAAR;
          case WAVELET_DB2 -> Wavelet.DB2;
          case WAVELET_DB4 -> Wavelet.DB4;
          default ->
              throw Problems.invalid(
                  "wavelet = "
                      + r.getWaveletValue()
                      + ": allowed WAVELET_HAAR (1), WAVELET_DB4 (2), WAVELET_DB2 (3) or unset");
        };
    int maxLevels = Math.min(12, 31 - Integer.numberOfLeadingZeros(n));
    int levels = r.getLevels() == 0 ? Math.min(DEFAULT_LEVELS, maxLevels) : r.getLevels();
    if (levels < 1 || levels > maxLevels) {
      throw Problems.invalid(
          "levels = "
              + r.getLevels()
              + ": allowed 1 to "
              + maxLevels
              + " for "
              + n
              + " samples (at most 12 and log2 of the length), or 0 for "
              + Math.min(DEFAULT_LEVELS, maxLevels));
    }
    double threshold = r.getThreshold() == 0 ? DEFAULT_THRESHOLD : r.getThreshold();
    if (!(threshold > 0 && threshold <= 100)) {
      throw Problems.invalid(
          "threshold = " + r.getThreshold() + ": allowed 0 to 100, 0 for " + DEFAULT_THRESHOLD);
    }
    int minLength = r.getMinLength() == 0 ? Math.min(DEFAULT_MIN_LENGTH, n / 2) : r.getMinLength();
    int maxMinLength = Math.min(n, MAX_MIN_LENGTH);
    if (minLength < 1 || minLength > maxMinLength) {
      throw Problems.invalid(
          "min_length = "
              + r.getMinLength()
              + " samples: allowed 1 to "
              + maxMinLength
              + " (the signal's length, at most "
              + MAX_MIN_LENGTH
              + "), or 0 for "
              + Math.min(DEFAULT_MIN_LENGTH, n / 2));
    }
    DywaveConfig d = DywaveConfig.defaults();
    DywaveConfig config =
        new DywaveConfig(
            wavelet,
            levels,
            threshold,
            minLength,
            Math.max(minLength, d.maxSegmentLength()),
            d.mergeRatio(),
            d.shapeLength());
    double[] v = signal.values();
    List<Vec> out = new ArrayList<>((int) channels);
    for (int c = 0; c < channels; c++) {
      double[] x = new double[n];
      for (int t = 0; t < n; t++) {
        x[t] = v[t * (int) channels + c];
      }
      out.add(Vec.of(x));
    }
    return new Tokenize(out, config);
  }

  static TokenizeResponse tokenized(Tokenization z, int minLength) {
    TokenizeResponse.Builder b = TokenizeResponse.newBuilder();
    for (Token k : z.tokens()) {
      b.addTokens(token(k, z.channels(), z.shapeLength()));
    }
    double patches = Math.ceil((double) z.length() / minLength);
    return b.setTokenRatio(z.size() / patches).build();
  }

  private static io.delos.proto.v1.Token token(Token k, int channels, int shapeLength) {
    double[] rows = new double[shapeLength * channels];
    for (int c = 0; c < channels; c++) {
      for (int m = 0; m < shapeLength; m++) {
        rows[m * channels + c] = k.shape().get(c * shapeLength + m);
      }
    }
    return io.delos.proto.v1.Token.newBuilder()
        .setStart(k.start())
        .setLength(k.length())
        .setShape(Tensors.of(rows, List.of("resampled", "channel"), shapeLength, channels))
        .build();
  }

  static Tokenization detokenize(DetokenizeRequest r) {
    if (r.getTokensCount() == 0) {
      throw Problems.invalid("tokens is empty: allowed >= 1 token");
    }
    if (r.getLength() < 1 || r.getLength() > MAX_SAMPLES) {
      throw Problems.invalid("length = " + r.getLength() + " samples: allowed 1 to " + MAX_SAMPLES);
    }
    int shapeLength = -1;
    int channels = -1;
    long next = 0;
    List<Token> tokens = new ArrayList<>(r.getTokensCount());
    for (int i = 0; i < r.getTokensCount(); i++) {
      io.delos.proto.v1.Token t = r.getTokens(i);
      String field = "tokens[" + i + "]";
      if (t.getStart() != next) {
        throw Problems.invalid(
            field + ".start = " + t.getStart() + ": allowed " + next + " (tokens are contiguous)");
      }
      if (t.getLength() < 1 || next + t.getLength() > r.getLength()) {
        throw Problems.invalid(
            field
                + ".length = "
                + t.getLength()
                + ": allowed 1 to "
                + (r.getLength() - next)
                + " (the rest of length "
                + r.getLength()
                + ")");
      }
      Tensors.Input shape = Tensors.require(t.getShape(), field + ".shape", "resampled", "channel");
      if (shapeLength < 0) {
        shapeLength = (int) Math.min(Integer.MAX_VALUE, shape.extent(0));
        channels = (int) Math.min(Integer.MAX_VALUE, shape.extent(1));
        if (shapeLength < 2 || shapeLength > MAX_SHAPE_LENGTH) {
          throw Problems.invalid(
              field
                  + ".shape = "
                  + shape.shapeText()
                  + ": resampled has "
                  + shape.extent(0)
                  + " points, allowed 2 to "
                  + MAX_SHAPE_LENGTH);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
          throw Problems.invalid(
              field
                  + ".shape = "
                  + shape.shapeText()
                  + ": "
                  + shape.extent(1)
                  + " channels, allowed 1 to "
                  + MAX_CHANNELS);
        }
      } else if (shape.extent(0) != shapeLength || shape.extent(1) != channels) {
        throw Problems.invalid(
            field
                + ".shape = "
                + shape.shapeText()
                + ": allowed ["
                + shapeLength
                + ", "
                + channels
                + "] like tokens[0]");
      }
      if (r.getLength() * channels > MAX_REBUILT_VALUES) {
        throw Problems.invalid(
            "length = "
                + r.getLength()
                + " with "
                + channels
                + " channels: the rebuilt signal would hold "
                + r.getLength() * channels
                + " values, allowed at most "
                + MAX_REBUILT_VALUES);
      }
      double[] v = shape.values();
      double[] channelMajor = new double[v.length];
      for (int m = 0; m < shapeLength; m++) {
        for (int c = 0; c < channels; c++) {
          channelMajor[c * shapeLength + m] = v[m * channels + c];
        }
      }
      tokens.add(new Token((int) t.getStart(), t.getLength(), Vec.of(channelMajor)));
      next += t.getLength();
    }
    if (next != r.getLength()) {
      throw Problems.invalid(
          "length = " + r.getLength() + ": allowed " + next + ", where the last token ends");
    }
    return new Tokenization(channels, (int) r.getLength(), shapeLength, tokens);
  }

  static DetokenizeResponse detokenized(List<Vec> channels, double rmse) {
    int n = channels.get(0).size();
    int c = channels.size();
    double[] rows = new double[n * c];
    for (int k = 0; k < c; k++) {
      Vec x = channels.get(k);
      for (int t = 0; t < n; t++) {
        rows[t * c + k] = x.get(t);
      }
    }
    return DetokenizeResponse.newBuilder()
        .setSignal(Tensors.of(rows, List.of("time", "channel"), n, c))
        .setReconstructionRmse(rmse)
        .build();
  }
}
