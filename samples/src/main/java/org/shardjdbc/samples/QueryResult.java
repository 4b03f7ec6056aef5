package org.shardjdbc.samples;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of one query, read in full. Numbers are kept as {@link BigDecimal} so that rows from two drivers compare
 * by value ({@code 2.50} equals {@code 2.5}); every other value is kept as {@link ResultSet#getString} gives it.
 *
 * @param columns the column labels
 * @param rows the rows in the order the query returned them; SQL NULL is null
 */
record QueryResult(List<String> columns, List<List<Object>> rows) {
  QueryResult {
    columns = List.copyOf(columns);
    List<List<Object>> copies = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copies);
  }

  /**
   * Runs {@code query} as a prepared statement on {@code connection}.
   *
   * @param sqlPrefix text put before the query's SQL ({@code "EXPLAIN "}), or ""
   */
  static QueryResult run(Connection connection, String sqlPrefix, DemoQuery query) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sqlPrefix + query.sql())) {
      for (int i = 0; i < query.params().size(); i++) {
        statement.setObject(i + 1, query.params().get(i));
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        return read(resultSet);
      }
    }
  }

  static QueryResult read(ResultSet resultSet) throws SQLException {
    ResultSetMetaData metaData = resultSet.getMetaData();
    int columnCount = metaData.getColumnCount();
    List<String> columns = new ArrayList<>(columnCount);
    for (int i = 1; i <= columnCount; i++) {
      columns.add(metaData.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (resultSet.next()) {
      List<Object> row = new ArrayList<>(columnCount);
      for (int i = 1; i <= columnCount; i++) {
        Object value = resultSet.getObject(i);
        row.add(value instanceof Number number ? new BigDecimal(number.toString()) : resultSet.getString(i));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  /** Whether {@code other} has the same rows in the same order, numbers compared by value; labels are not compared. */
  boolean sameRows(QueryResult other) {
    if (rows.size() != other.rows.size()) {
      return false;
    }
    for (int r = 0; r < rows.size(); r++) {
      List<Object> mine = rows.get(r);
      List<Object> theirs = other.rows.get(r);
      if (mine.size() != theirs.size()) {
        return false;
      }
      for (int c = 0; c < mine.size(); c++) {
        if (!sameValue(mine.get(c), theirs.get(c))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** The rows as text: numbers in plain notation, SQL NULL as {@code NULL}. */
  List<List<String>> text() {
    List<List<String>> text = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<String> cells = new ArrayList<>(row.size());
      for (Object value : row) {
        cells.add(value == null ? "NULL" : value instanceof BigDecimal number ? number.toPlainString() : value.toString());
      }
      text.add(cells);
    }
    return text;
  }
}
