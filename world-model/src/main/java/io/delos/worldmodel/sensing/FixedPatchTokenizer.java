package io.delos.worldmodel.sensing;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: cuts a stream into consecutive patches of one fixed length (the last may be
 * shorter), each resampled to the same token format as Dywave's.
 */
public final class FixedPatchTokenizer {
  private final int patchLength;
  private final int shapeLength;

  /**
   * @param patchLength samples per patch, 1 to 1000000
   * @param shapeLength points per channel in each token's shape, 2 to 1024
   * @throws IllegalArgumentException when either is out of range
   */
  public FixedPatchTokenizer(int patchLength, int shapeLength) {
    Checks.range("patchLength", patchLength, 1, 1_000_000);
    Checks.range("shapeLength", shapeLength, 2, 1024);
    this.patchLength = patchLength;
    this.shapeLength = shapeLength;
  }

  /** Samples per patch. */
  public int patchLength() {
    return patchLength;
  }

  /**
   * Tokenizes a stream [channel][time].
   *
   * @throws IllegalArgumentException for an empty, ragged or non-finite stream
   */
  public Tokenization tokenize(double[][] stream) {
    Checks.stream("stream", stream);
    int n = stream[0].length;
    List<Token> tokens = new ArrayList<>();
    for (int start = 0; start < n; start += patchLength) {
      tokens.add(Token.of(stream, start, Math.min(patchLength, n - start), shapeLength));
    }
    return new Tokenization(stream.length, n, shapeLength, tokens);
  }
}
