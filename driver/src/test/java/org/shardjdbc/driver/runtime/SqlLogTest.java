package org.shardjdbc.driver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.config.ShardProperties;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * With {@code sqlLog}, each logical statement is logged (through SLF4J; slf4j-simple writes to System.err in the
 * tests) with its physical statements; parameter values only with {@code sqlLogParameters}; passwords never.
 */
class SqlLogTest {
  private static final String POINT = "SELECT order_id, status FROM orders WHERE order_id = ? /* SqlLogTest point */";
  /** A write that changes nothing, in a transaction rolled back: the shared data stays as it is. */
  private static final String UPDATE = "UPDATE orders SET status = status WHERE order_id = ? /* SqlLogTest update */";
  private static final String SCATTER = "SELECT COUNT(*) FROM orders WHERE order_id > ? /* SqlLogTest scatter */";

  @Test
  void sqlLog_logsEachStatementWithItsPhysicalStatements_valuesMasked() throws Exception {
    String log = capture(() -> run(DifferentialDatabase.shared().shardUrl() + "?sqlLog=true"));
    List<String> point = messageOf(log, "Logical SQL: " + POINT);
    assertEquals("Logical SQL: " + POINT + " [?]", point.get(0));
    assertEquals("  routed to 1 statement", point.get(1));
    assertTrue(point.get(2).matches("  h\\d \\(orders_\\d+\\): SELECT .*orders_\\d+.* \\[\\?]"), point.get(2));
    List<String> scatter = messageOf(log, "Logical SQL: " + SCATTER);
    assertEquals("  routed to 64 statements", scatter.get(1));
    assertEquals(2 + 64, scatter.size(), String.join("\n", scatter));
    assertFalse(log.contains("-31786"), log);
  }

  @Test
  void sqlLog_logsWritesAndBatches() throws Exception {
    String url = DifferentialDatabase.shared().shardUrl() + "?sqlLog=true";
    String log = capture(() -> {
      try (Connection connection = DriverManager.getConnection(url)) {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
          statement.setLong(1, -31786);
          assertEquals(1, statement.executeUpdate());
          statement.setLong(1, -31786);
          statement.addBatch();
          statement.setLong(1, -31785);
          statement.addBatch();
          statement.executeBatch();
        } finally {
          connection.rollback();
        }
      } finally {
        ShardRuntimes.close(url.substring("jdbc:shard:".length(), url.indexOf('?')));
      }
    });
    List<String> update = messageOf(log, "Logical SQL: " + UPDATE);
    assertEquals(List.of("Logical SQL: " + UPDATE + " [?]", "  routed to 1 statement"), update.subList(0, 2));
    assertTrue(update.get(2).matches("  h\\d \\(orders_\\d+\\): UPDATE .*orders_\\d+.* \\[\\?]"), update.get(2));
    List<String> batch = messageOf(log, "Logical batch:");
    assertEquals(List.of("Logical batch:", "  " + UPDATE, "  routed to 2 statements"), batch.subList(0, 3));
    assertEquals(5, batch.size(), String.join("\n", batch));
  }

  @Test
  void sqlLog_logsNamedLocksSessionCommandsAndFederatedQueries() throws Exception {
    String url = DifferentialDatabase.shared().shardUrl() + "?sqlLog=true";
    String lock = "SELECT GET_LOCK(?, 0) /* SqlLogTest lock */";
    String release = "SELECT RELEASE_LOCK('SqlLogTest') /* SqlLogTest release */";
    String set = "SET autocommit = 1 /* SqlLogTest set */";
    String begin = "BEGIN /* SqlLogTest begin */";
    String commit = "COMMIT /* SqlLogTest commit */";
    String federated = "SELECT COUNT(*) FROM orders o JOIN customers c ON o.customer_id = c.customer_id"
        + " WHERE o.order_id > ? /* SqlLogTest federated */";
    String log = capture(() -> {
      try (Connection connection = DriverManager.getConnection(url)) {
        try (PreparedStatement statement = connection.prepareStatement(lock)) {
          statement.setString(1, "SqlLogTest");
          try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            assertEquals(1, rows.getInt(1));
          }
        }
        try (var statement = connection.createStatement()) {
          try (ResultSet rows = statement.executeQuery(release)) {
            assertTrue(rows.next());
          }
          statement.execute(set);
          statement.execute(begin);
          statement.execute(commit);
        }
        try (PreparedStatement statement = connection.prepareStatement(federated)) {
          statement.setLong(1, -31786);
          try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
          }
        }
      } finally {
        ShardRuntimes.close(url.substring("jdbc:shard:".length(), url.indexOf('?')));
      }
    });
    List<String> locked = messageOf(log, "Logical SQL: " + lock);
    assertEquals(List.of("Logical SQL: " + lock + " [?]", "  routed to 1 statement", "  h0: " + lock + " [?]"), locked);
    assertEquals(List.of("Logical SQL: " + release, "  routed to 1 statement", "  h0: " + release),
        messageOf(log, "Logical SQL: " + release));
    assertEquals(List.of("Logical SQL: " + set, "  applied to the logical connection, and to each physical connection it uses"),
        messageOf(log, "Logical SQL: " + set));
    assertEquals(2, messageOf(log, "Logical SQL: " + begin).size());
    assertEquals("  transaction control of the logical connection, on each data source its transaction uses",
        messageOf(log, "Logical SQL: " + commit).get(1));
    List<String> scans = messageOf(log, "Logical SQL: " + federated);
    assertEquals("Logical SQL: " + federated + " [?]", scans.get(0));
    assertTrue(scans.get(1).matches("  routed to \\d+ statements"), scans.get(1));
    assertEquals(Integer.parseInt(scans.get(1).replaceAll("\\D", "")), scans.size() - 2, String.join("\n", scans));
    assertTrue(scans.stream().anyMatch(line -> line.matches("  h\\d \\(orders_\\d+.*\\): .*FROM `orders_\\d+`.* \\[\\?.*]")),
        String.join("\n", scans));
    assertFalse(log.contains("-31786"), log);
  }

  @Test
  void sqlLogParameters_showsTheValues() throws Exception {
    String log = capture(() -> run(DifferentialDatabase.shared().shardUrl() + "?sqlLog=true&sqlLogParameters=true"));
    List<String> point = messageOf(log, "Logical SQL: " + POINT);
    assertEquals("Logical SQL: " + POINT + " [-31786]", point.get(0));
    assertTrue(point.get(2).endsWith(" [-31786]"), point.get(2));
  }

  @Test
  void sqlLogOff_logsNothing() throws Exception {
    String log = capture(() -> run(DifferentialDatabase.shared().shardUrl() + "?sqlLog=false"));
    assertFalse(log.contains("SqlLogTest"), log);
  }

  @Test
  void passwords_neverShow() throws Exception {
    SqlLog sqlLog = new SqlLog(ShardProperties.of(Map.of("sqlLog", "true", "sqlLogParameters", "true")));
    String sql = "CREATE USER 'app'@'%' IDENTIFIED BY 's3cret' /* SqlLogTest */";
    String reset = "SET PASSWORD FOR 'app'@'%' = PASSWORD('s3cret') /* SqlLogTest */";
    String log = capture(() -> {
      sqlLog.statement(sql, List.of(), List.of(new ShardSql("h0", List.of(), sql, List.of())));
      sqlLog.statement(reset, List.of(), List.of(new ShardSql("h0", List.of(), reset, List.of())));
    });
    assertFalse(log.contains("s3cret"), log);
    assertEquals(4, log.split("'\\*\\*\\*'", -1).length - 1, log);
  }

  private interface Action {
    void run() throws Exception;
  }

  private static String capture(Action action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static void run(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      try (PreparedStatement statement = connection.prepareStatement(POINT)) {
        statement.setLong(1, -31786);
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(SCATTER)) {
        statement.setLong(1, Long.MIN_VALUE);
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
        }
      }
    } finally {
      ShardRuntimes.close(url.substring("jdbc:shard:".length(), url.indexOf('?')));
    }
  }

  /** The lines of the message that starts with {@code start}: its first line, then the lines below it. */
  private static List<String> messageOf(String log, String start) {
    List<String> lines = log.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf(start);
      if (at >= 0) {
        List<String> message = new ArrayList<>();
        message.add(lines.get(i).substring(at));
        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) {
          message.add(lines.get(j));
        }
        return message;
      }
    }
    throw new AssertionError("no message " + start + " in:\n" + log);
  }
}
