package io.delos.worldmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;

/**
 * A learned lookup table: row i of a {@code [size, d]} matrix for each index i.
 *
 * <p>Shapes: indices {@code [...]} (int64) to {@code [..., d]}. Indices outside {@code [0, size)}
 * are the caller's error; {@link #checkIndex} rejects them on the host before they reach the
 * engine.
 */
public final class Embedding {
  private final String name;
  private final NDArray table;
  private final int size;

  /** Creates a table of {@code size} rows of width {@code d}, drawn from N(0, std²). */
  public Embedding(Params params, String name, int size, long d, double std) {
    this.name = name;
    this.size = size;
    this.table = params.normal(name + ".table", std, size, d);
  }

  /** Number of rows. */
  public int size() {
    return size;
  }

  /** {@code [...] -> [..., d]}. */
  public NDArray forward(NDArray indices) {
    NDArray idx =
        indices.getDataType() == DataType.INT64 ? indices : indices.toType(DataType.INT64, false);
    return idx.getNDArrayInternal().embedding(idx, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** All rows, {@code [size, d]}. */
  public NDArray table() {
    return table;
  }

  /**
   * Rejects an index the table has no row for.
   *
   * @throws IllegalArgumentException naming the table, the index and the allowed range
   */
  public void checkIndex(String what, long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          what
              + " = "
              + index
              + ": "
              + name
              + " has rows 0.."
              + (size - 1)
              + " (raise the config's limit)");
    }
  }
}
