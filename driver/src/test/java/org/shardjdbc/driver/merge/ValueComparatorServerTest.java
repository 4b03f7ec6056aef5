package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers and dates of several SQL types, ordered by a real MariaDB and by {@link ValueComparator} over the values
 * mysql-connector-j's {@code getObject} returns: each column alone ({@code ORDER BY x, id}, NULLs included), and
 * every pair of columns of different types ({@code a.x < b.y}, {@code a.x = b.y} over a cross join).
 */
class ValueComparatorServerTest {
  private static final String DATABASE = "value_comparator_test";
  private static final ValueComparator COMPARATOR = new ValueComparator(Collation.GENERAL_CI);

  private static Connection connection;

  @BeforeAll
  static void createTables() throws SQLException {
    TestServer server = TestServers.shared();
    try (Connection c = server.connect(""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
    }
    connection = server.connect(DATABASE);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE numbers (id INT PRIMARY KEY, i BIGINT, u BIGINT UNSIGNED, d DECIMAL(40, 10),"
          + " f DOUBLE, r FLOAT, n INT, b TINYINT(1), s VARCHAR(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci)");
      s.execute("CREATE TABLE temporals (id INT PRIMARY KEY, d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL,"
          + " t TIME(6))");
    }
    int id = 0;
    id = insert("numbers", "i", id, "0", "1", "-1", "2", "10", "123", "1000", "-5", "9223372036854775807",
        "-9223372036854775808");
    id = insert("numbers", "u", id, "0", "1", "10", "9223372036854775807", "9223372036854775808",
        "18446744073709551615");
    id = insert("numbers", "d", id, "0", "1", "-1.5", "1.5", "2", "0.0000000001", "-0.0000000001", "123.456", "10",
        "0.1", "9223372036854775808", "-9223372036854775809", "1.0000000000");
    id = insert("numbers", "f", id, "0", "-0", "1", "1.5", "-1.5", "2.5", "1e20", "-1e20", "0.1", "123.456", "10",
        "1e-10", "9223372036854775807");
    id = insert("numbers", "r", id, "1.5", "0.1", "-2.25", "10", "0", "123.456");
    id = insert("numbers", "n", id, "1", "2", "-1", "0", "2147483647");
    id = insert("numbers", "b", id, "0", "1");
    id = insert("numbers", "s", id, "1", "1.0", " 2", "abc", "10", "1e3", "-1", "0.1", "2x", "", "1.5", "-0",
        "123.456");
    insert("numbers", "i", id, (String) null);
    id = 0;
    id = insert("temporals", "d", id, "2024-02-29", "2024-01-01", "1999-12-31", "2024-03-01", "1000-01-01",
        "9999-12-31");
    id = insert("temporals", "dt", id, "2024-02-29 00:00:00", "2024-02-29 00:00:00.000001",
        "2024-01-01 10:00:00.5", "1999-12-31 23:59:59.999999", "2024-02-28 23:59:59", "1000-01-01 00:00:00");
    id = insert("temporals", "ts", id, "2024-02-29 00:00:00", "2024-01-01 10:00:00.5", "2000-01-01 00:00:00",
        "2038-01-19 03:14:07", "2024-02-29 00:00:00.000001");
    id = insert("temporals", "t", id, "00:00:00", "10:00:00.25", "23:59:59.999", "12:00:00", "10:00:00");
    insert("temporals", "d", id, (String) null);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** Inserts one row per value with the value in {@code column} (sent as text, converted by the server). */
  private static int insert(String table, String column, int id, String... values) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
      for (String value : values) {
        insert.setInt(1, ++id);
        insert.setString(2, value);
        insert.executeUpdate();
      }
    }
    return id;
  }

  static Stream<Arguments> columns() {
    return Stream.of(
        Arguments.of("numbers", "i"), Arguments.of("numbers", "u"), Arguments.of("numbers", "d"),
        Arguments.of("numbers", "f"), Arguments.of("numbers", "r"), Arguments.of("numbers", "n"),
        Arguments.of("numbers", "b"), Arguments.of("temporals", "d"), Arguments.of("temporals", "dt"),
        Arguments.of("temporals", "ts"), Arguments.of("temporals", "t"));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("columns")
  void column_ordersAsTheServer_nullsFirst(String table, String column) throws SQLException {
    List<String> mismatches = new ArrayList<>();
    Object previous = null;
    boolean first = true;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + ", " + column + " <=> LAG(" + column + ") OVER (ORDER BY "
            + column + ", id) FROM " + table + " ORDER BY " + column + ", id")) {
      while (rs.next()) {
        Object value = rs.getObject(1);
        if (!first) {
          boolean serverEqual = rs.getInt(2) == 1;
          int ours = COMPARATOR.compare(previous, value);
          if (serverEqual ? ours != 0 : ours >= 0) {
            mismatches.add(describe(previous) + (serverEqual ? " = " : " < ") + describe(value) + " by the server");
          }
          if (serverEqual != COMPARATOR.groupKey(previous).equals(COMPARATOR.groupKey(value))) {
            mismatches.add("group keys of " + describe(previous) + " and " + describe(value));
          }
        }
        previous = value;
        first = false;
      }
    }
    assertEquals(List.of(), mismatches);
  }

  static Stream<Arguments> pairsOfColumns() {
    List<Arguments> pairs = new ArrayList<>();
    String[] numbers = {"i", "u", "d", "f", "r", "n", "b", "s"};
    for (String a : numbers) {
      for (String b : numbers) {
        if (!a.equals(b) && !(a.equals("s") && b.equals("s"))) {
          pairs.add(Arguments.of("numbers", a, b));
        }
      }
    }
    String[] dates = {"d", "dt", "ts"};
    for (String a : dates) {
      for (String b : dates) {
        if (!a.equals(b)) {
          pairs.add(Arguments.of("temporals", a, b));
        }
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0}: {1} against {2}")
  @MethodSource("pairsOfColumns")
  void mixedTypes_compareAsTheServer(String table, String a, String b) throws SQLException {
    List<String> mismatches = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT x." + a + ", y." + b + ", x." + a + " < y." + b + ", x." + a + " = y."
            + b + " FROM " + table + " x JOIN " + table + " y WHERE x." + a + " IS NOT NULL AND y." + b
            + " IS NOT NULL")) {
      while (rs.next()) {
        Object left = rs.getObject(1);
        Object right = rs.getObject(2);
        int server = rs.getInt(4) == 1 ? 0 : rs.getInt(3) == 1 ? -1 : 1;
        int ours = Integer.signum(COMPARATOR.compare(left, right));
        if (server != ours) {
          mismatches.add(describe(left) + " vs " + describe(right) + ": server " + server + ", ours " + ours);
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  /**
   * getObject returns a TIME as java.sql.Time, which keeps milliseconds only: TIME(6) values that differ below a
   * millisecond arrive equal. {@code getObject(column, LocalTime.class)} keeps them apart.
   */
  @Test
  void time_losesItsMicrosecondsThroughGetObject() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT TIME'10:00:00.0005', TIME'10:00:00',"
            + " TIME'10:00:00.0005' > TIME'10:00:00'")) {
      rs.next();
      assertEquals(1, rs.getInt(3));
      assertEquals(0, COMPARATOR.compare(rs.getObject(1), rs.getObject(2)));
      assertEquals(1, Integer.signum(
          COMPARATOR.compare(rs.getObject(1, LocalTime.class), rs.getObject(2, LocalTime.class))));
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : String.valueOf(value);
    return value.getClass().getSimpleName() + " " + text;
  }
}
