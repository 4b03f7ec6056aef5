package org.shardjdbc.driver.federate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.StringEquality;

/**
 * What federation does beyond the rows the differential corpus compares: EXPLAIN shows the plan with each shard's
 * statement, a plan is made once per statement, the memory bound fails with an SQLException naming it, a query in a
 * transaction runs on the transaction's connections, and a join passes its small side's keys to the other side's
 * scan (the statements the server received, from its general log).
 */
class FederatedQueryTest {
  /**
   * Two items, joined to the orders whose shard key equals their item_id (not the items' own shard key): the orders' scan
   * is narrowed to the shards of those two keys.
   */
  private static final String KEYED_JOIN = "SELECT i.item_id, ord.order_id, ord.status FROM order_items i"
      + " JOIN orders ord ON ord.order_id = i.item_id WHERE i.item_id IN (%d, %d)";

  /** Two item_ids that are also order_ids on different shards, and the query joining them. */
  private static String keyedJoin(DifferentialDatabase database, List<Long> keys) throws SQLException {
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement();
        ResultSet result = statement.executeQuery("SELECT i.item_id FROM order_items i JOIN orders o"
            + " ON o.order_id = i.item_id ORDER BY i.item_id")) {
      while (result.next() && keys.size() < 2) {
        long key = result.getLong(1);
        if (keys.isEmpty() || !database.layout().nodeOf("orders", keys.get(0)).equals(database.layout().nodeOf("orders", key))) {
          keys.add(key);
        }
      }
    }
    assertEquals(2, keys.size(), "items whose id is an order's on two shards");
    return String.format(java.util.Locale.ROOT, KEYED_JOIN, keys.get(0), keys.get(1));
  }
  private static final String JOIN = "SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id"
      + " WHERE c.tier = ? AND o.qty > 8";

  @Test
  void explain_showsThePlanAndEachShardsStatement() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    try (Connection connection = database.connectShard();
        PreparedStatement explain = connection.prepareStatement("EXPLAIN " + JOIN)) {
      explain.setString(1, "gold");
      List<String> rows = new ArrayList<>();
      try (ResultSet result = explain.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1) + " | " + result.getString(2).strip() + " | " + result.getString(3));
        }
      }
      assertTrue(rows.get(0).startsWith("(federation) | Project("), rows.toString());
      assertTrue(rows.stream().anyMatch(row -> row.startsWith("(federation) | Join(kind=[INNER]")), rows.toString());
      assertTrue(rows.stream().anyMatch(row -> row.startsWith("h0 | (SELECT `o`.`order_id`, `o`.`customer_id` FROM `orders_00` AS `o` WHERE (o.qty > 8))")),
          rows.toString());
      assertTrue(rows.stream().anyMatch(row -> row.startsWith("h3 | ") && row.contains("`orders_63`")), rows.toString());
      assertTrue(rows.contains("h0 | SELECT `c`.`customer_id`, `c`.`name` FROM `customers` AS `c` WHERE (c.tier = ?) | [gold]"),
          rows.toString());
    }
  }

  @Test
  void joinKeys_narrowTheOtherScanToTheShardsThatHoldThem() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    List<Long> keys = new ArrayList<>();
    String sql = keyedJoin(database, keys);
    List<String> statements = physicalStatements(database, database.shardUrl(), sql);
    assertEquals(2, String.join(" ", statements).split("FROM `orders_", -1).length - 1, "tables read: " + statements);
    for (long key : keys) {
      String table = database.layout().nodeOf("orders", key).table();
      assertTrue(statements.stream().anyMatch(statement -> statement.contains("FROM `" + table + "` AS `ord` WHERE"
          + " `ord`.`order_id` IN (" + key + ")")), statements.toString());
    }
  }

  @Test
  void joinKeys_onAColumnThatIsNotTheShardKey_goToEveryShard() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    String sql = "SELECT cust.name, ord.order_id FROM customers cust JOIN orders ord ON ord.customer_id = cust.customer_id"
        + " WHERE cust.customer_id = 7 AND cust.name <> ''";
    List<String> statements = physicalStatements(database, database.shardUrl(), sql);
    assertEquals(ShardLayout.SHOP_DATA_SOURCES, statements.size(), statements.toString());
    for (String statement : statements) {
      assertEquals(ShardLayout.SHOP_TABLES_PER_DATA_SOURCE, statement.split("`ord`.`customer_id` IN \\(7\\)", -1).length - 1,
          statement);
    }
  }

  @Test
  void joinKeys_beyondTheLimit_leaveTheScanAsPlanned() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    String sql = keyedJoin(database, new ArrayList<>());
    List<String> statements = physicalStatements(database, database.shardUrl() + "?federationJoinKeyLimit=1", sql);
    assertEquals(List.of(), statements);
  }

  @Test
  void explain_showsTheScanAJoinNarrows() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connectShard(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("EXPLAIN " + keyedJoin(database, new ArrayList<>()))) {
      while (result.next()) {
        rows.add(result.getString(1) + " | " + result.getString(2).strip());
      }
    }
    assertTrue(rows.stream().anyMatch(row -> row.startsWith("(federation) | Join(kind=[INNER], keys=[0]=[0], build=[left],"
        + " keysInto=[orders `ord`.`order_id`])")), rows.toString());
    assertTrue(rows.contains("(federation) | with at most 1024 keys of the join's build side: SELECT `ord`.`order_id`,"
        + " `ord`.`status` FROM `orders` AS `ord` WHERE `ord`.`order_id` IN (…), each shard given the keys it may hold"),
        rows.toString());
  }

  /**
   * Runs a query through the driver and on the unsharded database, checks that both give the same rows (at least
   * one), and returns the physical statements the server received that narrow the {@code ord} scan by a join's keys.
   */
  private static List<String> physicalStatements(DifferentialDatabase database, String url, String sql) throws SQLException {
    QueryResult expected;
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      expected = QueryResult.read(result);
    }
    assertTrue(expected.rows().size() > 0, sql);
    List<String> statements = new ArrayList<>();
    try (Connection log = database.connectSingle(); Statement logStatement = log.createStatement()) {
      logStatement.execute("SET GLOBAL log_output = 'TABLE'");
      logStatement.execute("TRUNCATE mysql.general_log");
      logStatement.execute("SET GLOBAL general_log = 1");
      try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        QueryResult actual = QueryResult.read(result);
        assertNull(expected.firstDifference(actual, false, StringEquality.EXACT),
            () -> expected.describe(5) + "\n" + actual.describe(5));
      } finally {
        logStatement.execute("SET GLOBAL general_log = 0");
      }
      try (ResultSet result = logStatement.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log"
          + " WHERE command_type IN ('Query', 'Execute') AND argument LIKE '%`ord`.`%` IN (%'")) {
        while (result.next()) {
          statements.add(result.getString(1));
        }
      }
    }
    return statements;
  }

  @Test
  void cachedStatement_isPlannedOnce() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    String sql = JOIN + " AND o.customer_id > ?";
    try (Connection connection = database.connectShard()) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      long misses = runtime.federatedPlanCacheStats().missCount();
      long hits = runtime.federatedPlanCacheStats().hitCount();
      List<QueryResult> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.setString(1, "silver");
          statement.setInt(2, 100 * i);
          try (ResultSet result = statement.executeQuery()) {
            results.add(QueryResult.read(result));
          }
        }
      }
      assertEquals(misses + 1, runtime.federatedPlanCacheStats().missCount());
      assertEquals(hits + 2, runtime.federatedPlanCacheStats().hitCount());
      assertTrue(results.get(0).rows().size() > results.get(2).rows().size(), "the parameters apply to each execution");
    }
  }

  @Test
  void memoryLimit_failsTheQueryNamingTheLimit() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    try (Connection connection = DriverManager.getConnection(database.shardUrl() + "?federationMemoryLimit=1MB");
        Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLException.class, () -> {
        try (ResultSet result = statement.executeQuery(
            "SELECT i1.item_id, i2.item_id FROM order_items i1 JOIN order_items i2 ON i1.sku = i2.sku")) {
          while (result.next()) {
            result.getLong(1);
          }
        }
      });
      assertEquals("HY001", error.getSQLState());
      assertTrue(error.getMessage().contains("federationMemoryLimit = 1048576 bytes in the build side of a hash join"),
          error.getMessage());
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
    }
  }

  @Test
  void inTransaction_runsOnTheTransactionsConnections() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    String sql = "SELECT c.customer_id, COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id"
        + " WHERE c.customer_id < 30 GROUP BY c.customer_id UNION ALL SELECT customer_id, qty FROM orders WHERE customer_id = 3";
    QueryResult expected;
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      expected = QueryResult.read(result);
    }
    try (Connection connection = database.connectShard()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
        QueryResult actual = QueryResult.read(result);
        assertNull(expected.firstDifference(actual, false, StringEquality.EXACT), () -> expected.describe(5) + "\n" + actual.describe(5));
      }
      connection.commit();
    }
  }

  @Test
  void resultMetadata_namesLogicalTables() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    try (Connection connection = database.connectShard(); PreparedStatement statement = connection.prepareStatement(JOIN)) {
      statement.setString(1, "gold");
      try (ResultSet result = statement.executeQuery()) {
        assertEquals("orders", result.getMetaData().getTableName(1));
        assertEquals("customers", result.getMetaData().getTableName(2));
        assertEquals("order_id", result.getMetaData().getColumnName(1));
      }
    }
  }
}
