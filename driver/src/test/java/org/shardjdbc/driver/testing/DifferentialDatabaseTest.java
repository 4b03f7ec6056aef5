package org.shardjdbc.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;

/** The loaded data is where the layout says, and the unsharded copy holds the union of the shards. */
class DifferentialDatabaseTest {

  private static DifferentialDatabase database;

  @BeforeAll
  static void load() throws SQLException {
    database = DifferentialDatabase.shared();
  }

  @Test
  void shardedRows_areOnTheShardOfTheirKey_andEmptyShardsExist() throws SQLException {
    ShardLayout layout = database.layout();
    for (String tableName : List.of("orders", "order_items")) {
      LogicalTable table = layout.table(tableName);
      long total = 0;
      BitSet empty = new BitSet();
      for (int shard = 0; shard < table.shardCount(); shard++) {
        DataNode node = table.node(shard);
        ShardLayout.DataSource dataSource = layout.dataSource(node.dataSource());
        try (Connection connection = dataSource.server().connect(dataSource.database());
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT order_id FROM " + node.table())) {
          int rows = 0;
          while (rs.next()) {
            assertEquals(shard, layout.shardOf(tableName, rs.getLong(1)), node + " holds order_id " + rs.getLong(1));
            rows++;
          }
          total += rows;
          empty.set(shard, rows == 0);
        }
      }
      assertEquals(database.data().table(tableName).rows().size(), total, tableName + " rows over all shards");
      if (tableName.equals("orders")) {
        assertEquals(database.data().emptyShards(), empty, "empty shards of orders");
        assertTrue(empty.cardinality() >= 4, "some shards are empty: " + empty);
      }
    }
  }

  @Test
  void unshardedCopy_holdsEveryRow_broadcastAndDefaultTablesAreWhereExpected() throws SQLException {
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement()) {
      for (ShopData.Table table : database.data().tables()) {
        assertEquals(table.rows().size(), count(statement, "SELECT COUNT(*) FROM " + table.name()), table.name());
      }
      assertEquals(1L, count(statement, "SELECT COUNT(*) FROM orders WHERE order_id < 0 AND order_id = "
          + Long.MIN_VALUE + " + 1"), "the extreme negative key");
      assertTrue(count(statement, "SELECT COUNT(*) FROM orders WHERE qty > 2000000000") > 5, "huge quantities");
      assertTrue(count(statement, "SELECT COUNT(*) FROM orders WHERE status = 'paid' AND BINARY status <> 'paid'") > 0,
          "case variants of 'paid'");
    }
    ShardLayout layout = database.layout();
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        assertEquals(database.data().table("countries").rows().size(),
            count(statement, "SELECT COUNT(*) FROM countries"), "countries on " + dataSource.name());
        boolean hasCustomers = count(statement, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
            + dataSource.database() + "' AND table_name = 'customers'") == 1;
        assertEquals(dataSource == layout.defaultDataSource(), hasCustomers, "customers on " + dataSource.name());
      }
    }
    assertFalse(database.shardUrl().isEmpty());
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
