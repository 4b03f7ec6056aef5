package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;
import org.shardjdbc.driver.testing.StringEquality;

/**
 * Parameters behave the same whether several shards answer, one does, or the statement passes through to one data
 * source, and as mysql-connector-j's on a direct connection to the unsharded copy: Calendar arguments of the date and
 * time setters, values fixed at execution while the merged result is read, and an unset parameter (SQLState 07001).
 */
class PreparedStatementParametersTest {

  /** Several shards; one shard; a broadcast table (passed through). */
  private static final String[] ROUTES = {
      "SELECT order_id, created_at, paid_at FROM orders WHERE created_at >= ? AND paid_at <= ? AND TIME(created_at) > ?"
          + " AND order_id BETWEEN -20000 AND 20000",
      "SELECT order_id, created_at >= ?, paid_at <= ?, TIME(created_at) > ? FROM orders WHERE order_id IN (21, 85, 149)",
      "SELECT CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR) FROM countries WHERE code = 'DE'",
  };

  private static final String[] ZONES = {"UTC", "Asia/Kolkata", "America/New_York", "Pacific/Kiritimati"};

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void calendarSetters_sendTheDateAndTimeOfTheCalendarsZone(int route) throws SQLException {
    String sql = ROUTES[route];
    DifferentialDatabase database = DifferentialDatabase.shared();
    int compared = 0;
    try (Connection shard = database.connectShard(); Connection single = database.connectSingle()) {
      for (String zone : ZONES) {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(zone));
        QueryResult expected = calendarQuery(single, sql, calendar);
        QueryResult actual = calendarQuery(shard, sql, calendar);
        assertTrue(expected.rows().size() > 0, sql + " in " + zone + " finds no rows: the test would prove nothing");
        assertNull(expected.firstDifference(actual, false, StringEquality.EXACT), sql + " in " + zone);
        compared += expected.rows().size();
      }
    }
    assertTrue(compared >= ZONES.length);
  }

  private static QueryResult calendarQuery(Connection connection, String sql, Calendar calendar) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setTimestamp(1, Timestamp.valueOf("2024-06-30 23:30:15.5"), calendar);
      statement.setDate(2, Date.valueOf("2024-12-01"), calendar);
      statement.setTime(3, Time.valueOf("20:15:00"), calendar);
      try (ResultSet rows = statement.executeQuery()) {
        return QueryResult.read(rows);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id HAVING COUNT(*) > ? ORDER BY customer_id",
      "SELECT customer_id, COUNT(*) + ?, ROUND(AVG(amount), ?) FROM orders GROUP BY customer_id ORDER BY customer_id",
  })
  void parametersSetWhileTheResultIsOpen_doNotChangeIt(String sql) throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    int parameters = sql.contains("ROUND") ? 2 : 1;
    try (Connection shard = database.connectShard(); Connection single = database.connectSingle();
        PreparedStatement expectedStatement = single.prepareStatement(sql);
        PreparedStatement statement = shard.prepareStatement(sql)) {
      for (int i = 1; i <= parameters; i++) {
        expectedStatement.setInt(i, 12 / i);
        statement.setInt(i, 12 / i);
      }
      QueryResult expected;
      try (ResultSet rows = expectedStatement.executeQuery()) {
        expected = QueryResult.read(rows);
      }
      List<List<Object>> actualRows = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          List<Object> row = new ArrayList<>();
          for (int column = 1; column <= columns; column++) {
            row.add(rows.getObject(column));
          }
          actualRows.add(row);
          for (int i = 1; i <= parameters; i++) {
            statement.setInt(i, actualRows.size() % 2 == 0 ? 0 : 99);
          }
        }
      }
      assertTrue(expected.rows().size() > 10, sql + ": too few rows to show anything");
      assertEquals(expected.rows(), actualRows, sql);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void anUnsetParameter_isSqlState07001OnEveryRoute(int route) throws SQLException {
    String sql = ROUTES[route];
    DifferentialDatabase database = DifferentialDatabase.shared();
    try (Connection shard = database.connectShard(); Connection single = database.connectSingle()) {
      for (Connection connection : new Connection[] {single, shard}) {
        String where = sql + (connection == shard ? " through jdbc:shard:" : " on mysql-connector-j");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          assertEquals("07001", assertThrows(SQLException.class, statement::executeQuery, where).getSQLState(), where);
          statement.setTimestamp(1, Timestamp.valueOf("2024-01-01 00:00:00"));
          statement.setTime(3, Time.valueOf("10:00:00"));
          assertEquals("07001", assertThrows(SQLException.class, statement::executeQuery, where).getSQLState(),
              where + ", parameter 2 unset");
          statement.setDate(2, Date.valueOf("2024-12-01"));
          try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next(), where);
          }
          statement.clearParameters();
          assertEquals("07001", assertThrows(SQLException.class, statement::execute, where).getSQLState(),
              where + ", after clearParameters");
          statement.setTimestamp(1, Timestamp.valueOf("2024-01-01 00:00:00"));
          statement.setDate(2, Date.valueOf("2024-12-01"));
          assertEquals("07001", assertThrows(SQLException.class, statement::executeQuery, where).getSQLState(),
              where + ", parameter 3 unset");
        }
      }
    }
  }
}
