package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/**
 * Every getter of a merged (and a passed-through) result gives what mysql-connector-j gives for the same query on
 * the unsharded copy: strings, numbers, dates and times, bytes, nulls, by index and by label, and the metadata.
 */
class ResultSetGettersTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM orders ORDER BY order_id LIMIT 60",
      "SELECT * FROM orders WHERE order_id = 1220",
      "SELECT qty, COUNT(*) AS n, SUM(amount), AVG(amount), AVG(qty), MIN(created_at), MAX(paid_at), SUM(discount)"
          + " FROM orders GROUP BY qty ORDER BY 2 DESC, 1",
      "SELECT o.order_id, i.item_id, i.price, c.name FROM orders o JOIN order_items i ON i.order_id = o.order_id"
          + " JOIN countries c ON c.code = o.country_code WHERE o.order_id IN (0, 21, 736, 1220) ORDER BY 2",
      "SELECT order_id, created_at, paid_at, TIME(created_at) AS t FROM orders WHERE order_id BETWEEN -200 AND 200"
          + " ORDER BY order_id",
      "SELECT customer_id, MIN(created_at), MAX(paid_at), MIN(TIME(created_at)) FROM orders WHERE customer_id < 30"
          + " GROUP BY customer_id ORDER BY customer_id",
      "SELECT order_id, created_at, paid_at, TIME(created_at) AS t FROM orders WHERE order_id = 21",
  })
  void gettersMatchTheUnshardedCopy(String sql) throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    try (Connection shard = database.connectShard(); Connection single = database.connectSingle();
        Statement shardStatement = shard.createStatement(); Statement singleStatement = single.createStatement();
        ResultSet actual = shardStatement.executeQuery(sql); ResultSet expected = singleStatement.executeQuery(sql)) {
      ResultSetMetaData metadata = expected.getMetaData();
      ResultSetMetaData actualMetadata = actual.getMetaData();
      int columns = metadata.getColumnCount();
      assertEquals(columns, actualMetadata.getColumnCount());
      for (int column = 1; column <= columns; column++) {
        assertEquals(metadata.getColumnLabel(column), actualMetadata.getColumnLabel(column));
        assertEquals(metadata.getColumnType(column), actualMetadata.getColumnType(column));
        assertEquals(metadata.getScale(column), actualMetadata.getScale(column), metadata.getColumnLabel(column));
      }
      int rows = 0;
      while (expected.next()) {
        assertEquals(true, actual.next(), "row " + rows);
        rows++;
        for (int column = 1; column <= columns; column++) {
          compare(expected, actual, column, metadata.getColumnType(column), sql + " row " + rows + " column " + column);
        }
      }
      assertTrue(rows > 0, "the unsharded copy has rows for " + sql);
      assertFalse(actual.next());
      assertFalse(actual.next(), "next after the end stays false");
    }
  }

  private static void compare(ResultSet expected, ResultSet actual, int column, int type, String where) throws SQLException {
    String label = expected.getMetaData().getColumnLabel(column);
    assertEquals(expected.getObject(column), actual.getObject(column), where);
    assertEquals(expected.getObject(label), actual.getObject(label), where);
    assertEquals(expected.getString(column), actual.getString(column), where);
    assertEquals(expected.wasNull(), actual.wasNull(), where);
    assertArrayEquals(expected.getBytes(column), actual.getBytes(column), where);
    switch (type) {
      case Types.BIGINT:
      case Types.INTEGER:
      case Types.DECIMAL:
      case Types.DOUBLE:
        assertEquals(expected.getLong(column), actual.getLong(column), where);
        assertEquals(expected.getBigDecimal(column), actual.getBigDecimal(column), where);
        assertEquals(expected.getDouble(column), actual.getDouble(column), where);
        assertEquals(expected.getBoolean(column), actual.getBoolean(column), where);
        break;
      case Types.TIMESTAMP:
      case Types.DATE:
        assertEquals(expected.getTimestamp(column), actual.getTimestamp(column), where);
        assertEquals(expected.getDate(column), actual.getDate(column), where);
        assertEquals(expected.getObject(column, LocalDate.class), actual.getObject(column, LocalDate.class), where);
        assertEquals(expected.getObject(column, LocalDateTime.class), actual.getObject(column, LocalDateTime.class), where);
        compareWithCalendars(expected, actual, column, where);
        break;
      case Types.TIME:
        assertEquals(expected.getTime(column), actual.getTime(column), where);
        compareWithCalendars(expected, actual, column, where);
        break;
      default:
        assertEquals(expected.getObject(column, String.class), actual.getObject(column, String.class), where);
    }
  }

  /**
   * The Calendar getters read the value's date and time in the calendar's zone: zones east and west of the JVM's, one
   * whose offset in 1970 was not a whole hour (Pacific/Kiritimati: -10:40), and a null calendar.
   */
  private static void compareWithCalendars(ResultSet expected, ResultSet actual, int column, String where)
      throws SQLException {
    String label = expected.getMetaData().getColumnLabel(column);
    for (String zone : ZONES) {
      Calendar calendar = zone == null ? null : Calendar.getInstance(TimeZone.getTimeZone(zone));
      String at = where + " in " + zone;
      assertEquals(expected.getTimestamp(column, calendar), actual.getTimestamp(column, calendar), at);
      assertEquals(expected.getTimestamp(label, calendar), actual.getTimestamp(label, calendar), at);
      assertEquals(millis(expected.getTimestamp(column, calendar)), millis(actual.getTimestamp(column, calendar)), at);
      if (expected.getMetaData().getColumnType(column) != Types.TIME) {
        assertEquals(millis(expected.getDate(column, calendar)), millis(actual.getDate(column, calendar)), at);
        assertEquals(millis(expected.getDate(label, calendar)), millis(actual.getDate(label, calendar)), at);
      }
      assertEquals(millis(expected.getTime(column, calendar)), millis(actual.getTime(column, calendar)), at);
      assertEquals(millis(expected.getTime(label, calendar)), millis(actual.getTime(label, calendar)), at);
    }
  }

  private static final String[] ZONES = {null, "UTC", "Asia/Kolkata", "America/New_York", "Pacific/Kiritimati"};

  private static Long millis(java.util.Date value) {
    return value == null ? null : value.getTime();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM orders WHERE order_id = 1220", "SELECT * FROM orders WHERE order_id IN (0, 21)"})
  void metadataShowsTheLogicalTable(String sql) throws SQLException {
    try (Connection shard = DifferentialDatabase.shared().connectShard(); Statement statement = shard.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> tables = new ArrayList<>();
      for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
        tables.add(rows.getMetaData().getTableName(column));
      }
      for (String table : tables) {
        assertEquals("orders", table, sql);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM orders ORDER BY order_id LIMIT 3", "SELECT * FROM orders WHERE order_id = 1220"})
  void closedResultAndBadColumnsFailWithSqlException(String sql) throws SQLException {
    try (Connection shard = DifferentialDatabase.shared().connectShard(); Statement statement = shard.createStatement()) {
      ResultSet rows = statement.executeQuery(sql);
      assertThrows(SQLException.class, () -> rows.getString(1), "before the first row");
      rows.next();
      assertThrows(SQLException.class, () -> rows.getString(99));
      assertThrows(SQLException.class, () -> rows.getString("no_such_column"));
      rows.close();
      assertThrows(SQLException.class, rows::next);
    }
  }
}
