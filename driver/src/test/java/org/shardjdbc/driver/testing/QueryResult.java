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

  /**
   * The relative difference within which two DOUBLE values agree for entries marked {@code approx}. MySQL and MariaDB
   * compute STDDEV and VARIANCE with Welford's recurrence in the order they read the rows, so one server's own result
   * for the same rows changes in the last bits with that order (measured: VAR_POP(amount) of the shop gives
   * 7.8896352746385293E17 in primary-key order, ...382E17 sorted by amount, ...306E17 in descending order), while the
   * merge rounds an exact combination once. Observed differences are below 2e-15; 1e-12 leaves room for groups with
   * fewer digits to spare, and no other value is compared this way.
   */
  public static final double APPROXIMATE = 1e-12;

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
    return firstDifference(actual, ordered, strings, false, false);
  }

  /**
   * As {@link #firstDifference(QueryResult, boolean, StringEquality)}; with {@code approximate}, DOUBLE values agree
   * within a relative {@value #APPROXIMATE}; with {@code parts}, strings agree when their comma-separated parts are the
   * same multiset.
   */
  public String firstDifference(QueryResult actual, boolean ordered, StringEquality strings, boolean approximate,
      boolean parts) throws SQLException {
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
    if (ordered) {
      return firstDifferenceInOrder(actual, strings, approximate, parts);
    }
    return approximate ? firstDifferenceByMatching(actual, strings, parts)
        : firstDifferenceAsMultisets(actual, strings, parts);
  }

  private String firstDifferenceInOrder(QueryResult actual, StringEquality strings, boolean approximate, boolean parts)
      throws SQLException {
    int common = Math.min(rows.size(), actual.rows.size());
    for (int r = 0; r < common; r++) {
      List<Object> expectedRow = rows.get(r);
      List<Object> actualRow = actual.rows.get(r);
      for (int c = 0; c < expectedRow.size(); c++) {
        if (!valuesEqual(expectedRow.get(c), actualRow.get(c), strings, c, approximate, parts)) {
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

  /** Rows as multisets where values agree only approximately: each expected row takes the first equal actual row. */
  private String firstDifferenceByMatching(QueryResult actual, StringEquality strings, boolean parts)
      throws SQLException {
    List<List<Object>> unmatched = new ArrayList<>(actual.rows);
    List<String> missing = new ArrayList<>();
    for (List<Object> expectedRow : rows) {
      int match = -1;
      for (int i = 0; i < unmatched.size() && match < 0; i++) {
        boolean equal = true;
        for (int c = 0; c < expectedRow.size() && equal; c++) {
          equal = valuesEqual(expectedRow.get(c), unmatched.get(i).get(c), strings, c, true, parts);
        }
        match = equal ? i : -1;
      }
      if (match < 0) {
        missing.add(renderRow(expectedRow));
      } else {
        unmatched.remove(match);
      }
    }
    if (missing.isEmpty() && unmatched.isEmpty()) {
      return null;
    }
    List<String> extra = new ArrayList<>();
    for (List<Object> row : unmatched) {
      extra.add(renderRow(row));
    }
    return "rows differ (as multisets, DOUBLE within " + APPROXIMATE + "): expected " + rows.size() + " rows, actual "
        + actual.rows.size() + "; " + missing.size() + " missing, " + extra.size() + " extra"
        + "\n  missing: " + String.join("\n           ", missing.subList(0, Math.min(5, missing.size())))
        + "\n  extra:   " + String.join("\n           ", extra.subList(0, Math.min(5, extra.size())));
  }

  private String firstDifferenceAsMultisets(QueryResult actual, StringEquality strings, boolean parts)
      throws SQLException {
    List<String> expectedKeys = sortedKeys(rows, strings, parts);
    List<String> actualKeys = sortedKeys(actual.rows, strings, parts);
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

  private static List<String> sortedKeys(List<List<Object>> rows, StringEquality strings, boolean parts)
      throws SQLException {
    List<String> keys = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      StringBuilder key = new StringBuilder("[");
      for (int c = 0; c < row.size(); c++) {
        Object value = row.get(c);
        key.append(key.length() == 1 ? "" : ", ");
        if (value instanceof String text && parts) {
          key.append("parts:").append(sortedParts(text, strings, c));
        } else {
          key.append(render(value instanceof String text ? strings.key(c, text) : value));
        }
      }
      keys.add(key.append(']').toString());
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  /**
   * Whether two values of a column agree: as {@link #valuesEqual(Object, Object, StringEquality, int)}, or DOUBLE
   * values within a relative {@value #APPROXIMATE} ({@code approximate}), or strings with the same multiset of
   * comma-separated parts ({@code parts}).
   */
  static boolean valuesEqual(Object expected, Object actual, StringEquality strings, int column, boolean approximate,
      boolean parts) throws SQLException {
    if (approximate && expected instanceof Double a && actual instanceof Double b) {
      return a.equals(b) || Math.abs(a - b) <= APPROXIMATE * Math.max(Math.abs(a), Math.abs(b));
    }
    if (parts && expected instanceof String a && actual instanceof String b) {
      return sortedParts(a, strings, column).equals(sortedParts(b, strings, column));
    }
    return valuesEqual(expected, actual, strings, column);
  }

  /** The comma-separated parts of a string, each as {@code strings} keys it, sorted, joined again. */
  static String sortedParts(String value, StringEquality strings, int column) throws SQLException {
    List<String> parts = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      parts.add(strings.key(column, part));
    }
    Collections.sort(parts);
    return String.join(",", parts);
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
