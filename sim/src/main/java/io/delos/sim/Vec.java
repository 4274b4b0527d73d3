package io.delos.sim;

import java.util.Arrays;

/**
 * An immutable vector of doubles, for records that must not hold arrays.
 *
 * <p>Equality is bitwise per element ({@link Double#doubleToLongBits}), so two vectors are equal
 * exactly when every element has the same bits; this is what the determinism guarantees use.
 */
public final class Vec {
  private static final Vec EMPTY = new Vec(new double[0]);

  private final double[] values;

  private Vec(double[] values) {
    this.values = values;
  }

  /** Returns a vector holding a copy of {@code values}. */
  public static Vec of(double... values) {
    return values.length == 0 ? EMPTY : new Vec(values.clone());
  }

  /** Returns a vector of {@code size} zeros. */
  public static Vec zeros(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size = " + size + ": must be >= 0");
    }
    return size == 0 ? EMPTY : new Vec(new double[size]);
  }

  /** Returns a vector of {@code size} copies of {@code value}. */
  public static Vec filled(int size, double value) {
    double[] v = new double[size];
    Arrays.fill(v, value);
    return new Vec(v);
  }

  /** Number of elements. */
  public int size() {
    return values.length;
  }

  /** Element {@code i}. */
  public double get(int i) {
    return values[i];
  }

  /** A fresh copy of the elements. */
  public double[] toArray() {
    return values.clone();
  }

  /** Copies the elements into {@code out} starting at {@code offset}. */
  public void copyTo(double[] out, int offset) {
    System.arraycopy(values, 0, out, offset, values.length);
  }

  /** True when every element is finite (neither NaN nor infinite). */
  public boolean isFinite() {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vec other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
