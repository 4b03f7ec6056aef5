package org.shardjdbc.driver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.ShardLayout;

/**
 * Integer parameter values of a statement for several shards go into the physical statements' text, as
 * mysql-connector-j writes them itself, where a key IN list splits them among the shards; other values stay
 * parameters; a server's UNION ALL otherwise keeps its markers, so that its text repeats and can stay prepared on the
 * server; a single shard's statement keeps its markers. Not when the servers prepare statements themselves
 * ({@code useServerPrepStmts}), nor while the SQL log masks values. That the answers stay right is the differential
 * corpus's part ({@code 09_prepared.sql}).
 */
class IntegersInTextTest {
  private static final String SCATTER = "EXPLAIN SELECT order_id FROM orders WHERE customer_id = ? AND status = ?";
  private static final String IN_LIST =
      "EXPLAIN SELECT order_id FROM orders WHERE order_id IN (?, ?, ?, ?) AND status = ?";
  private static final String POINT = "EXPLAIN SELECT order_id FROM orders WHERE order_id = ? AND customer_id = ?";

  @Test
  void integerValues_goIntoTheTextOfStatementsForSeveralShards_whereAKeyInListSplitsThem() throws Exception {
    ShardLayout layout = DifferentialDatabase.shared().layout();
    Object[] keys = twoTablesOnEachOfTwoServers(layout);
    List<String[]> inList = explain(DifferentialDatabase.shared().shardUrl(), IN_LIST, keys[0], keys[1], keys[2],
        keys[3], "paid");
    assertEquals(2, inList.size());
    for (String[] statement : inList) {
      assertTrue(statement[0].contains(" UNION ALL "), statement[0]);
      assertTrue(statement[0].matches(".*order_id IN \\(\\d+\\) AND status = \\?.*"), statement[0]);
    }
    List<String[]> scatter = explain(DifferentialDatabase.shared().shardUrl(), SCATTER, 7L, "paid");
    assertEquals(layout.dataSources().size(), scatter.size());
    for (String[] statement : scatter) {
      assertTrue(statement[0].contains("customer_id = ? AND status = ?"), statement[0]);
      assertFalse(statement[0].contains("customer_id = 7"), statement[0]);
    }
    List<String[]> point = explain(DifferentialDatabase.shared().shardUrl(), POINT, 21, 3);
    assertEquals(1, point.size());
    assertTrue(point.get(0)[0].contains("order_id = ? AND customer_id = ?"), point.get(0)[0]);
    assertEquals("[21, 3]", point.get(0)[1]);
  }

  @Test
  void serverPreparedStatements_keepTheMarkers() throws Exception {
    ShardLayout shared = DifferentialDatabase.shared().layout();
    ShardLayout.Builder builder = ShardLayout.builder().tablesPerDataSource(shared.tablesPerDataSource())
        .urlOptions("&useServerPrepStmts=true").sharded("orders", "order_id");
    for (ShardLayout.DataSource dataSource : shared.dataSources()) {
      builder.dataSource(dataSource.server(), dataSource.database());
    }
    ShardLayout layout = builder.build();
    try {
      List<String[]> scatter = explain(layout.url(), SCATTER, 7L, "paid");
      assertEquals(shared.dataSources().size(), scatter.size());
      for (String[] statement : scatter) {
        assertTrue(statement[0].contains("customer_id = ? AND status = ?"), statement[0]);
      }
    } finally {
      ShardRuntimes.close(layout.configFile().toString());
    }
  }

  @Test
  void sqlLogMaskingValues_keepsTheMarkers() throws Exception {
    String url = DifferentialDatabase.shared().shardUrl() + "?sqlLog=true";
    try {
      for (String[] statement : explain(url, SCATTER, 7L, "paid")) {
        assertTrue(statement[0].contains("customer_id = ? AND status = ?"), statement[0]);
      }
    } finally {
      ShardRuntimes.close(url.substring("jdbc:shard:".length(), url.indexOf('?')));
    }
  }

  /** Keys of orders in two tables of one data source and two of another. */
  private static Object[] twoTablesOnEachOfTwoServers(ShardLayout layout) {
    List<Object> keys = new ArrayList<>();
    List<String> servers = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (long key = 1; keys.size() < 4; key++) {
      DataNode node = layout.nodeOf("orders", key);
      long onItsServer = servers.stream().filter(node.dataSource()::equals).count();
      boolean anotherServer = onItsServer == 0 && servers.stream().distinct().count() == 2;
      if (tables.contains(node.table()) || onItsServer == 2 || anotherServer) {
        continue;
      }
      keys.add(key);
      servers.add(node.dataSource());
      tables.add(node.table());
    }
    return keys.toArray();
  }

  /** The physical statements EXPLAIN shows (the rows of a data source): their text and their parameter values. */
  private static List<String[]> explain(String url, String sql, Object... values) throws SQLException {
    List<String[]> statements = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement explain = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        explain.setObject(i + 1, values[i]);
      }
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          if (rows.getString(1).matches("h\\d+")) { // not the merge's row
            statements.add(new String[] {rows.getString(2), rows.getString(3)});
          }
        }
      }
    }
    return statements;
  }
}
