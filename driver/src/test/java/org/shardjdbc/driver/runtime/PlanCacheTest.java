package org.shardjdbc.driver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/** A repeated statement is analyzed once: later executions take the analysis from the plan cache. */
class PlanCacheTest {

  @Test
  void repeatedPreparedPointSelect_isAnalyzedOnce() throws SQLException {
    String sql = "SELECT order_id, status FROM orders WHERE order_id = ? /* PlanCacheTest */";
    List<Long> keys = existingKeys(5);
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      CacheStats before = runtime.planCacheStats();
      for (long key : keys) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.setLong(1, key);
          try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next(), "no row for order_id " + key);
            assertEquals(key, rows.getLong(1));
            assertFalse(rows.next(), "a second row for order_id " + key);
          }
        }
      }
      CacheStats delta = runtime.planCacheStats().minus(before);
      assertEquals(1, delta.missCount(), "analyses");
      assertEquals(keys.size() - 1, delta.hitCount(), "cache hits");
    }
  }

  /** The smallest non-negative order ids, read from the unsharded copy. */
  private static List<Long> existingKeys(int count) throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (Connection single = DifferentialDatabase.shared().connectSingle();
        Statement statement = single.createStatement();
        ResultSet rows = statement.executeQuery("SELECT order_id FROM orders WHERE order_id >= 0 ORDER BY order_id LIMIT " + count)) {
      while (rows.next()) {
        keys.add(rows.getLong(1));
      }
    }
    assertEquals(count, keys.size(), "orders in the unsharded copy");
    return keys;
  }
}
