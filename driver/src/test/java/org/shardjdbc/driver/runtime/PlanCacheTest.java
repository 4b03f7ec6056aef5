package org.shardjdbc.driver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/** A repeated statement is analyzed once: later executions take the analysis from the plan cache. */
class PlanCacheTest {

  @Test
  void repeatedPreparedPointSelect_isAnalyzedOnce() throws SQLException {
    String sql = "SELECT order_id, status FROM orders WHERE order_id = ? /* PlanCacheTest */";
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      CacheStats before = runtime.planCacheStats();
      for (int i = 0; i < 5; i++) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.setLong(1, i);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              assertEquals(i, rows.getLong(1));
            }
          }
        }
      }
      CacheStats delta = runtime.planCacheStats().minus(before);
      assertEquals(1, delta.missCount(), "analyses");
      assertTrue(delta.hitCount() >= 4, "cache hits: " + delta.hitCount());
    }
  }
}
