package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Shape contracts with named axes: every block checks its inputs and names the axes in its message,
 * for example {@code attention.query: expected [rows, length, d] = [*, *, 64], got [8, 5, 32]}.
 */
public final class Shapes {
  /** Marks an axis whose size is not checked. */
  public static final long ANY = -1;

  private Shapes() {}

  /**
   * Checks the rank and the fixed sizes of {@code x}.
   *
   * @param what the tensor's name in messages, for example {@code block0.selfAttention.input}
   * @param x the tensor
   * @param axes the axis names, comma separated, for example {@code "batch, time, channel, d"}
   * @param dims the expected sizes, {@link #ANY} where any size is fine
   * @throws IllegalArgumentException naming the tensor, the axes, what was expected and found
   */
  public static void require(NDArray x, String what, String axes, long... dims) {
    Shape s = x.getShape();
    boolean ok = s.dimension() == dims.length;
    for (int i = 0; ok && i < dims.length; i++) {
      ok = dims[i] == ANY || dims[i] == s.get(i);
    }
    if (!ok) {
      StringBuilder expected = new StringBuilder("[");
      for (int i = 0; i < dims.length; i++) {
        expected.append(i > 0 ? ", " : "").append(dims[i] == ANY ? "*" : String.valueOf(dims[i]));
      }
      expected.append(']');
      throw new IllegalArgumentException(
          what + ": expected [" + axes + "] = " + expected + ", got " + format(s));
    }
  }

  /** The shape as {@code [a, b, c]}. */
  public static String format(Shape s) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < s.dimension(); i++) {
      b.append(i > 0 ? ", " : "").append(s.get(i));
    }
    return b.append(']').toString();
  }
}
