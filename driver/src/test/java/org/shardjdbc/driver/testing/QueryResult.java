package org.shardjdbc.driver.testing;

import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A whole result read into memory: column labels, JDBC types and every row's values as {@code getObject} returns
 * them, and the comparison of two results that the differential tests make.
 *
 * @param labels {@code getColumnLabel} of each column
 * @param types {@code getColumnType} of each column ({@link java.sql.Types})
 * @param typeNames {@code getColumnTypeName} of each column, for messages only
 * @param rows the values; SQL NULL is null
 */
public record QueryResult(List<String> labels, List<Integer> types, List<String> typeNames, List<List<Object>> rows) {

  public QueryResult {
    labels = List.copyOf(labels);
    types = List.copyOf(types);
    typeNames = List.copyOf(typeNames);
    List<List<Object>> copies = new ArrayList<>();
    for (List<Object> row : rows) {
      copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copies);
  }

  /** Reads the metadata and every row of a result set (it stays open). */
  public static QueryResult read(ResultSet resultSet) throws SQLException {
    ResultSetMetaData metaData = resultSet.getMetaData();
    int columns = metaData.getColumnCount();
    List<String> labels = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    List<String> typeNames = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      labels.add(metaData.getColumnLabel(i));
      types.add(metaData.getColumnType(i));
      typeNames.add(metaData.getColumnTypeName(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (resultSet.next()) {
      List<Object> row = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        row.add(resultSet.getObject(i));
      }
      rows.add(row);
    }
    return new QueryResult(labels, types, typeNames, rows);
  }

  /**
   * The first way in which {@code actual} differs from this (expected) result, or null when they agree: column count,
   * labels and JDBC types, then the rows, in order or as multisets. Values agree when they are of the same class and
   * equal ({@code BigDecimal} with its scale), strings when {@code strings} says they are the same value.
   *
   * @throws SQLException if {@code strings} asks a server, and that fails
   */
  public String firstDifference(QueryResult actual, boolean ordered, StringEquality strings) throws SQLException {
    if (labels.size() != actual.labels.size()) {
      return "column count: expected " + labels.size() + " " + labels + ", actual " + actual.labels.size() + " "
          + actual.labels;
    }
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.get(i).equals(actual.labels.get(i))) {
        return "column " + (i + 1) + " label: expected '" + labels.get(i) + "', actual '" + actual.labels.get(i) + "'";
      }
      if (!types.get(i).equals(actual.types.get(i))) {
        return "column " + (i + 1) + " (" + labels.get(i) + ") type: expected " + typeName(i) + ", actual "
            + actual.typeName(i);
      }
    }
    return ordered ? firstDifferenceInOrder(actual, strings) : firstDifferenceAsMultisets(actual, strings);
  }

  private String firstDifferenceInOrder(QueryResult actual, StringEquality strings) throws SQLException {
    int common = Math.min(rows.size(), actual.rows.size());
    for (int r = 0; r < common; r++) {
      List<Object> expectedRow = rows.get(r);
      List<Object> actualRow = actual.rows.get(r);
      for (int c = 0; c < expectedRow.size(); c++) {
        if (!valuesEqual(expectedRow.get(c), actualRow.get(c), strings, c)) {
          return "row " + (r + 1) + " column " + (c + 1) + " (" + labels.get(c) + "): expected "
              + render(expectedRow.get(c)) + ", actual " + render(actualRow.get(c)) + "\n  expected row "
              + renderRow(expectedRow) + "\n  actual row   " + renderRow(actualRow);
        }
      }
    }
    if (rows.size() != actual.rows.size()) {
      return "row count: expected " + rows.size() + ", actual " + actual.rows.size() + "; first "
          + (rows.size() > common ? "missing row " + renderRow(rows.get(common))
              : "extra row " + renderRow(actual.rows.get(common)));
    }
    return null;
  }

  private String firstDifferenceAsMultisets(QueryResult actual, StringEquality strings) throws SQLException {
    List<String> expectedKeys = sortedKeys(rows, strings);
    List<String> actualKeys = sortedKeys(actual.rows, strings);
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    int e = 0;
    int a = 0;
    while (e < expectedKeys.size() || a < actualKeys.size()) {
      int order = e == expectedKeys.size() ? 1 : a == actualKeys.size() ? -1
          : expectedKeys.get(e).compareTo(actualKeys.get(a));
      if (order == 0) {
        e++;
        a++;
      } else if (order < 0) {
        missing.add(expectedKeys.get(e++));
      } else {
        extra.add(actualKeys.get(a++));
      }
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      return null;
    }
    return "rows differ (as multisets): expected " + rows.size() + " rows, actual " + actual.rows.size() + "; "
        + missing.size() + " missing, " + extra.size() + " extra"
        + "\n  missing: " + String.join("\n           ", missing.subList(0, Math.min(5, missing.size())))
        + "\n  extra:   " + String.join("\n           ", extra.subList(0, Math.min(5, extra.size())));
  }

  private static List<String> sortedKeys(List<List<Object>> rows, StringEquality strings) throws SQLException {
    List<String> keys = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      StringBuilder key = new StringBuilder("[");
      for (int c = 0; c < row.size(); c++) {
        Object value = row.get(c);
        key.append(key.length() == 1 ? "" : ", ");
        key.append(render(value instanceof String text ? strings.key(c, text) : value));
      }
      keys.add(key.append(']').toString());
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  /** Whether two values of a column are the same: same class and equal, strings as {@code strings} says. */
  static boolean valuesEqual(Object expected, Object actual, StringEquality strings, int column) throws SQLException {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected.getClass() != actual.getClass()) {
      return false;
    }
    if (expected instanceof byte[]) {
      return Arrays.equals((byte[]) expected, (byte[]) actual);
    }
    if (expected instanceof String text) {
      return text.equals(actual) || strings.equal(column, text, (String) actual);
    }
    return expected.equals(actual);
  }

  /** A value with its class, e.g. {@code 12.50 (BigDecimal)}, {@code 'Paid ' (String)}, {@code NULL}. */
  static String render(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text = value instanceof byte[] ? "0x" + HexFormat.of().formatHex((byte[]) value)
        : value instanceof String ? "'" + value + "'" : value.toString();
    return text + " (" + value.getClass().getSimpleName() + ")";
  }

  private static String renderRow(List<Object> row) {
    StringBuilder text = new StringBuilder("[");
    for (Object value : row) {
      text.append(text.length() == 1 ? "" : ", ").append(render(value));
    }
    return text.append(']').toString();
  }

  private String typeName(int column) {
    int type = types.get(column);
    String jdbc;
    try {
      jdbc = JDBCType.valueOf(type).getName();
    } catch (IllegalArgumentException e) {
      jdbc = String.valueOf(type);
    }
    return jdbc + " (" + typeNames.get(column) + ")";
  }

  /** The columns and the first {@code maxRows} rows, one per line. */
  public String describe(int maxRows) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      text.append(i == 0 ? "" : " | ").append(labels.get(i)).append(' ').append(typeName(i));
    }
    text.append("\n");
    for (int r = 0; r < Math.min(maxRows, rows.size()); r++) {
      text.append("    ").append(renderRow(rows.get(r))).append('\n');
    }
    if (rows.size() > maxRows) {
      text.append("    ... ").append(rows.size() - maxRows).append(" more rows\n");
    }
    return text.append("    (").append(rows.size()).append(" rows)").toString();
  }
}
