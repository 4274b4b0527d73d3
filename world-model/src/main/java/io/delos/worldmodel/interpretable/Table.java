package io.delos.worldmodel.interpretable;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A regression table: named feature columns and one target column, every value finite.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class Table {
  /** Fewest rows a table may hold. */
  public static final int MIN_ROWS = 10;

  private final List<String> featureNames;
  private final double[][] x;
  private final double[] y;

  /**
   * Creates a table.
   *
   * @param featureNames column names, unique, one per feature
   * @param x rows {@code [row][feature]}, at least {@link #MIN_ROWS}, finite
   * @param y target per row, finite
   * @throws IllegalArgumentException naming the first bad name, row or value
   */
  public Table(List<String> featureNames, double[][] x, double[] y) {
    this.featureNames = List.copyOf(featureNames);
    if (this.featureNames.isEmpty()) {
      throw new IllegalArgumentException("featureNames is empty: give at least one feature");
    }
    Set<String> seen = new HashSet<>();
    for (String n : this.featureNames) {
      if (n.isBlank() || !seen.add(n)) {
        throw new IllegalArgumentException(
            "featureNames contains '" + n + "' twice or blank: names must be unique, non-blank");
      }
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " rows but y has " + y.length + ": give one target per row");
    }
    if (x.length < MIN_ROWS) {
      throw new IllegalArgumentException("x has " + x.length + " rows: need at least " + MIN_ROWS);
    }
    this.x = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != this.featureNames.size()) {
        throw new IllegalArgumentException(
            "x["
                + i
                + "] has "
                + x[i].length
                + " values: expected one per feature ("
                + this.featureNames.size()
                + ")");
      }
      for (int j = 0; j < x[i].length; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException(
              "x[" + i + "][" + j + "] = " + x[i][j] + ": values must be finite");
        }
      }
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "] = " + y[i] + ": values must be finite");
      }
      this.x[i] = x[i].clone();
    }
    this.y = y.clone();
  }

  /** The feature names, in column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Number of rows. */
  public int rows() {
    return y.length;
  }

  /** Number of features. */
  public int features() {
    return featureNames.size();
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    return x[i].clone();
  }

  /** The target of row {@code i}. */
  public double target(int i) {
    return y[i];
  }

  /** A copy of every row, {@code [row][feature]}. */
  public double[][] x() {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  /** A copy of the target column. */
  public double[] y() {
    return y.clone();
  }

  /** The rows at {@code indices}, in that order (at least {@link #MIN_ROWS}). */
  public Table subset(int[] indices) {
    double[][] sx = new double[indices.length][];
    double[] sy = new double[indices.length];
    for (int k = 0; k < indices.length; k++) {
      sx[k] = x[indices[k]];
      sy[k] = y[indices[k]];
    }
    return new Table(featureNames, sx, sy);
  }
}
