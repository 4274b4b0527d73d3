package io.delos.worldmodel.symbolic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A numeric table with named columns: the data a symbolic regression request carries.
 *
 * <p>Immutable; column arrays are copied in and out.
 */
public final class Table {
  private final List<String> names;
  private final double[][] columns;

  /**
   * Creates a table.
   *
   * @param names column names, unique and not blank
   * @param columns {@code [columns][rows]}, one per name, all of one length
   * @throws IllegalArgumentException naming the offending column
   */
  public Table(List<String> names, double[][] columns) {
    this.names = List.copyOf(names);
    if (names.size() != columns.length) {
      throw new IllegalArgumentException(
          "names has " + names.size() + " entries, columns " + columns.length + ": must match");
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n.isBlank() || !seen.add(n)) {
        throw new IllegalArgumentException(
            "column name '" + n + "' is blank or repeated; names: " + names);
      }
    }
    this.columns = new double[columns.length][];
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].length != columns[0].length) {
        throw new IllegalArgumentException(
            "column '"
                + names.get(c)
                + "' has "
                + columns[c].length
                + " rows, '"
                + names.get(0)
                + "' has "
                + columns[0].length);
      }
      this.columns[c] = columns[c].clone();
    }
  }

  /**
   * Reads comma-separated values with a header row of names. Empty lines are skipped; every other
   * line must hold one finite number per column.
   *
   * @throws IllegalArgumentException naming the line and column of a bad value
   * @throws IOException when reading fails
   */
  public static Table parseCsv(Reader reader) throws IOException {
    BufferedReader in = new BufferedReader(reader);
    String header = in.readLine();
    while (header != null && header.isBlank()) {
      header = in.readLine();
    }
    if (header == null) {
      throw new IllegalArgumentException("the CSV is empty: expected a header row of names");
    }
    List<String> names = new ArrayList<>();
    for (String h : header.split(",", -1)) {
      names.add(h.strip());
    }
    List<double[]> rows = new ArrayList<>();
    String line;
    int lineNo = 1;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(",", -1);
      if (parts.length != names.size()) {
        throw new IllegalArgumentException(
            "line "
                + lineNo
                + " has "
                + parts.length
                + " values: the header names "
                + names.size()
                + " columns");
      }
      double[] row = new double[parts.length];
      for (int c = 0; c < parts.length; c++) {
        try {
          row[c] = Double.parseDouble(parts[c].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "line "
                  + lineNo
                  + ", column '"
                  + names.get(c)
                  + "': '"
                  + parts[c]
                  + "' is not a number");
        }
        if (!Double.isFinite(row[c])) {
          throw new IllegalArgumentException(
              "line " + lineNo + ", column '" + names.get(c) + "': " + row[c] + " is not finite");
        }
      }
      rows.add(row);
    }
    double[][] cols = new double[names.size()][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < names.size(); c++) {
        cols[c][r] = rows.get(r)[c];
      }
    }
    return new Table(names, cols);
  }

  /** Column names, in order. */
  public List<String> names() {
    return names;
  }

  /** Number of rows. */
  public int rows() {
    return columns.length == 0 ? 0 : columns[0].length;
  }

  /** A copy of the column called {@code name}. */
  public double[] column(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "'; columns: " + names);
    }
    return columns[i].clone();
  }

  /** The rows {@code rows} of this table, in that order. */
  public Table selectRows(int[] rows) {
    double[][] out = new double[columns.length][rows.length];
    for (int c = 0; c < columns.length; c++) {
      for (int r = 0; r < rows.length; r++) {
        out[c][r] = columns[c][rows[r]];
      }
    }
    return new Table(names, out);
  }

  @Override
  public String toString() {
    return "Table" + names + " x " + rows() + " rows";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t && t.names.equals(names) && Arrays.deepEquals(t.columns, columns);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.deepHashCode(columns);
  }
}
