package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Temporal and binary values merged over 8 shards against one unsharded database, read both as objects and as
 * strings: fractions of a second in TIME(6), DATETIME(6) and TIMESTAMP(3), negative and long TIMEs, YEAR, NULL dates
 * and binary strings, through ORDER BY, GROUP BY with MIN and MAX, and DISTINCT.
 */
class TemporalMergeTest {
  private static final String TABLE = "(event_id BIGINT PRIMARY KEY, took TIME(6), happened DATETIME(6),"
      + " stamped TIMESTAMP(3) NULL, day DATE, season YEAR, kind VARCHAR(10), raw VARBINARY(8))";
  private static ShardLayout layout;
  private static ShardLayout single;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "tmp_h", 2)
        .tablesPerDataSource(4)
        .sharded("events", "event_id")
        .poolSize(4)
        .build();
    single = DifferentialDatabase.singleLayout(TestServers.shared(), "tmp_single");
    layout.recreateDatabases();
    single.recreateDatabases();
    layout.createTable("events", TABLE);
    single.createTable("events", TABLE);
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < 120; id++) {
      String took = (id % 7 == 0 ? "-" : "") + (id * 13 % 838) + ":" + String.format("%02d:%02d.%06d", id % 60, id * 7 % 60,
          id * 12345 % 1000000);
      String happened = String.format("2026-%02d-%02d %02d:%02d:%02d.%06d", 1 + id % 12, 1 + id % 28, id % 24, id % 60,
          id * 11 % 60, id * 777 % 1000000);
      String stamped = id % 9 == 0 ? null : String.format("2025-06-%02d 10:00:%02d.%03d", 1 + id % 28, id % 60, id * 7 % 1000);
      String day = id % 10 == 0 ? null : String.format("2024-%02d-%02d", 1 + id % 12, 1 + id % 28);
      rows.add(new Object[] {id, took, happened, stamped, day, 1990 + id % 40, "k" + id % 4,
          new byte[] {(byte) id, (byte) (id * 3), 0, (byte) 0xff}});
    }
    layout.insert("events", List.of("event_id", "took", "happened", "stamped", "day", "season", "kind", "raw"), rows);
    single.insert("events", List.of("event_id", "took", "happened", "stamped", "day", "season", "kind", "raw"), rows);
  }

  @TestFactory
  Stream<DynamicTest> temporalValues_matchOneDatabase() {
    List<String> ordered = List.of(
        "SELECT event_id, took, happened, stamped, day, season, raw FROM events ORDER BY took, event_id",
        "SELECT event_id, took FROM events ORDER BY took DESC LIMIT 10",
        "SELECT event_id, happened FROM events ORDER BY happened, event_id LIMIT 30",
        "SELECT event_id, stamped FROM events ORDER BY stamped DESC, event_id",
        "SELECT kind, MIN(took), MAX(took), MIN(happened), MAX(happened), MIN(stamped), MAX(stamped), MIN(day),"
            + " MAX(season), MIN(raw), MAX(raw) FROM events GROUP BY kind ORDER BY kind",
        "SELECT MIN(took), MAX(took), MAX(happened), MIN(day) FROM events",
        "SELECT event_id, raw FROM events ORDER BY raw, event_id LIMIT 20",
        "SELECT day, COUNT(*) FROM events GROUP BY day ORDER BY day LIMIT 15");
    List<String> unordered = List.of(
        "SELECT DISTINCT took FROM events",
        "SELECT DISTINCT season, kind FROM events");
    List<DynamicTest> tests = new ArrayList<>();
    ordered.forEach(sql -> tests.add(DynamicTest.dynamicTest(sql, () -> compare(sql, true))));
    unordered.forEach(sql -> tests.add(DynamicTest.dynamicTest(sql, () -> compare(sql, false))));
    return tests.stream();
  }

  /**
   * Compares the rows read with getString and with getObject (a TIME as its text: mysql-connector-j refuses a TIME of
   * 24 hours or more, or below zero, as a {@link java.sql.Time}, and the driver does the same, see
   * {@link #timeOfDay_isATimeAndADurationIsRefused}).
   */
  private static void compare(String sql, boolean ordered) throws SQLException {
    List<List<String>> expected;
    try (Connection connection = DriverManager.getConnection(single.url());
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      expected = read(rows);
    }
    try (Connection connection = DriverManager.getConnection(layout.url());
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      List<List<String>> actual = read(rows);
      assertTrue(!actual.isEmpty(), sql);
      if (!ordered) {
        actual.sort(TemporalMergeTest::byText);
        expected.sort(TemporalMergeTest::byText);
      }
      assertEquals(expected, actual, sql);
    }
  }

  /** A TIME of day is a {@link java.sql.Time} with its milliseconds; a duration beyond a day is refused as one. */
  @TestFactory
  Stream<DynamicTest> timeOfDay_isATimeAndADurationIsRefused() {
    return Stream.of(
            "SELECT event_id, took FROM events WHERE took BETWEEN '00:00:00' AND '23:59:59' ORDER BY took LIMIT 5",
            "SELECT event_id, took FROM events WHERE took > '24:00:00' ORDER BY took LIMIT 5")
        .map(sql -> DynamicTest.dynamicTest(sql, () -> {
          List<String> expected = times(single.url(), sql);
          List<String> actual = times(layout.url(), sql);
          assertTrue(!expected.isEmpty(), sql);
          assertEquals(expected, actual, sql);
        }));
  }

  private static List<String> times(String url, String sql) throws SQLException {
    List<String> read = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        try {
          read.add(rows.getTime(2).getTime() + " " + rows.getObject(2) + " " + rows.getObject(2, java.time.LocalTime.class));
        } catch (SQLException e) {
          read.add("refused: " + e.getMessage());
        }
      }
    }
    return read;
  }

  private static int byText(List<String> a, List<String> b) {
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** Each value as its string and its object (its class and text), and each column's type. */
  private static List<List<String>> read(ResultSet rows) throws SQLException {
    List<List<String>> read = new ArrayList<>();
    ResultSetMetaData metadata = rows.getMetaData();
    int columns = metadata.getColumnCount();
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      types.add(metadata.getColumnLabel(i) + " " + metadata.getColumnTypeName(i));
    }
    read.add(types);
    while (rows.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        String text = rows.getString(i);
        Object value = metadata.getColumnType(i) == Types.TIME ? text : rows.getObject(i);
        row.add(text + " / " + (value == null ? "null"
            : value.getClass().getSimpleName() + " " + (value instanceof byte[] bytes ? Arrays.toString(bytes) : value)));
      }
      read.add(row);
    }
    return read;
  }
}
