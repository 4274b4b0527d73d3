package io.delos.actors.grpc;

import io.delos.proto.v1.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Converts between the protobuf {@link Tensor} and Java arrays, checking what clients send: the
 * rank, the extents, the number of values and that every value is finite.
 */
final class Tensors {
  private Tensors() {}

  /**
   * A tensor a client sent, with its rank, value count and values checked.
   *
   * @param field the field's name for messages, for example {@code "observations"}
   * @param shape extents, each >= 0
   * @param values the values, row-major, as doubles
   */
  record Input(String field, List<Long> shape, double[] values) {
    /** Extent of axis {@code i}. */
    long extent(int i) {
      return shape.get(i);
    }

    /** The shape as {@code [a, b, c]}. */
    String shapeText() {
      return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Requires axis {@code axis} to have exactly {@code expected} entries.
     *
     * @param pattern the expected shape in words, for example "[batch, 5]"
     */
    void requireExtent(int axis, long expected, String pattern) {
      if (extent(axis) != expected) {
        throw Problems.invalid(
            field + ".shape = " + shapeText() + ": expected " + pattern + " (axis " + axis + ")");
      }
    }
  }

  /**
   * Checks a tensor of rank {@code dims.length}.
   *
   * @param tensor what the client sent; an unset field reads as an empty tensor (a scalar)
   * @param field the field's name
   * @param dims names of the expected axes, for the message
   * @return the checked tensor
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} naming the field and what is
   *     expected
   */
  static Input require(Tensor tensor, String field, String... dims) {
    String expected = Arrays.stream(dims).collect(Collectors.joining(", ", "[", "]"));
    if (tensor.getShapeCount() != dims.length) {
      throw Problems.invalid(
          field
              + " has rank "
              + tensor.getShapeCount()
              + " (shape "
              + tensor.getShapeList()
              + "): expected rank "
              + dims.length
              + " "
              + expected);
    }
    if (tensor.getDimsCount() != 0 && tensor.getDimsCount() != dims.length) {
      throw Problems.invalid(
          field
              + ".dims has "
              + tensor.getDimsCount()
              + " names: give none or one per axis ("
              + dims.length
              + ")");
    }
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      long e = tensor.getShape(i);
      if (e < 0) {
        throw Problems.invalid(field + ".shape[" + i + "] = " + e + ": extents must be >= 0");
      }
      try {
        count = Math.multiplyExact(count, e);
      } catch (ArithmeticException overflow) {
        count = Long.MAX_VALUE;
      }
    }
    if (count != tensor.getDataCount()) {
      throw Problems.invalid(
          field
              + " has "
              + tensor.getDataCount()
              + " values: shape "
              + tensor.getShapeList()
              + " needs "
              + (count == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(count)));
    }
    double[] values = new double[tensor.getDataCount()];
    for (int i = 0; i < values.length; i++) {
      float v = tensor.getData(i);
      if (!Float.isFinite(v)) {
        throw Problems.invalid(field + ".data[" + i + "] = " + v + ": values must be finite");
      }
      values[i] = v;
    }
    return new Input(field, List.copyOf(tensor.getShapeList()), values);
  }

  /**
   * A tensor holding {@code values} (converted to float32).
   *
   * @param values row-major values
   * @param dims axis names, one per extent
   * @param shape extents; their product equals {@code values.length}
   */
  static Tensor of(double[] values, List<String> dims, long... shape) {
    Tensor.Builder b = Tensor.newBuilder().addAllDims(dims);
    for (long s : shape) {
      b.addShape(s);
    }
    for (double v : values) {
      b.addData((float) v);
    }
    return b.build();
  }
}
