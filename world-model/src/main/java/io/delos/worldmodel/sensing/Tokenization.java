package io.delos.worldmodel.sensing;

import java.util.List;

/**
 * A multi-channel stream as a sequence of tokens covering it without gaps or overlaps.
 *
 * @param channels channels of the stream, >= 1
 * @param length samples of the stream, >= 1
 * @param shapeLength points per channel in every token's shape, >= 2
 * @param tokens in time order, contiguous from sample 0 to {@code length}
 */
public record Tokenization(int channels, int length, int shapeLength, List<Token> tokens) {
  /** Validates that the tokens tile the stream and have the stated shape size. */
  public Tokenization {
    Checks.range("channels", channels, 1, Integer.MAX_VALUE);
    Checks.range("length", length, 1, Integer.MAX_VALUE);
    Checks.range("shapeLength", shapeLength, 2, Integer.MAX_VALUE);
    Checks.notNull("tokens", tokens);
    tokens = List.copyOf(tokens);
    int next = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.start() != next) {
        throw new IllegalArgumentException(
            "tokens[" + i + "].start = " + t.start() + ": allowed " + next + " (contiguous)");
      }
      if (t.shape().size() != channels * shapeLength) {
        throw new IllegalArgumentException(
            "tokens["
                + i
                + "].shape has "
                + t.shape().size()
                + " values: allowed channels·shapeLength = "
                + channels * shapeLength);
      }
      next = t.end();
    }
    if (next != length) {
      throw new IllegalArgumentException(
          "tokens end at sample " + next + ": allowed to cover the stream's length " + length);
    }
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** Start indices of every token but the first: the segment boundaries, ascending. */
  public int[] boundaries() {
    return tokens.stream().skip(1).mapToInt(Token::start).toArray();
  }

  /**
   * The approximate stream [channel][time] the tokens describe: each segment is the linear
   * interpolation of its shape stretched back over its length.
   */
  public double[][] reconstruct() {
    double[][] x = new double[channels][length];
    double[] row = new double[shapeLength];
    for (Token t : tokens) {
      for (int c = 0; c < channels; c++) {
        for (int m = 0; m < shapeLength; m++) {
          row[m] = t.shape().get(c * shapeLength + m);
        }
        for (int i = 0; i < t.length(); i++) {
          double u = t.length() == 1 ? 0 : i * (shapeLength - 1.0) / (t.length() - 1);
          x[c][t.start() + i] = Token.interpolate(row, u);
        }
      }
    }
    return x;
  }

  /**
   * Root-mean-square difference between {@link #reconstruct()} and {@code stream}, over all
   * channels and samples, in the stream's units.
   *
   * @throws IllegalArgumentException when {@code stream} is not a valid stream of this size
   */
  public double reconstructionError(double[][] stream) {
    Checks.stream("stream", stream);
    if (stream.length != channels || stream[0].length != length) {
      throw new IllegalArgumentException(
          "stream is "
              + stream.length
              + " x "
              + stream[0].length
              + ": allowed "
              + channels
              + " x "
              + length);
    }
    double[][] r = reconstruct();
    double sum = 0;
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < length; i++) {
        double e = r[c][i] - stream[c][i];
        sum += e * e;
      }
    }
    return Math.sqrt(sum / ((double) channels * length));
  }
}
