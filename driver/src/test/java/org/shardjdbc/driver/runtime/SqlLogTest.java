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
  private static final String SCATTER = "SELECT COUNT(*) FROM orders WHERE order_id > ? /* SqlLogTest scatter */";

  @Test
  void sqlLog_logsEachStatementWithItsPhysicalStatements_valuesMasked() throws Exception {
    String log = capture(() -> run(DifferentialDatabase.shared().shardUrl() + "?sqlLog=true"));
    List<String> point = messageOf(log, POINT);
    assertEquals("Logical SQL: " + POINT + " [?]", point.get(0));
    assertEquals("  routed to 1 statement", point.get(1));
    assertTrue(point.get(2).matches("  h\\d \\(orders_\\d+\\): SELECT .*orders_\\d+.* \\[\\?]"), point.get(2));
    List<String> scatter = messageOf(log, SCATTER);
    assertEquals("  routed to 64 statements", scatter.get(1));
    assertEquals(2 + 64, scatter.size(), String.join("\n", scatter));
    assertFalse(log.contains("-31786"), log);
  }

  @Test
  void sqlLogParameters_showsTheValues() throws Exception {
    String log = capture(() -> run(DifferentialDatabase.shared().shardUrl() + "?sqlLog=true&sqlLogParameters=true"));
    List<String> point = messageOf(log, POINT);
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

  /** The lines of the message that logs {@code sql}: its first line, then its physical statements. */
  private static List<String> messageOf(String log, String sql) {
    List<String> lines = log.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf("Logical SQL: " + sql);
      if (at >= 0) {
        List<String> message = new ArrayList<>();
        message.add(lines.get(i).substring(at));
        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) {
          message.add(lines.get(j));
        }
        return message;
      }
    }
    throw new AssertionError("no message for " + sql + " in:\n" + log);
  }
}
