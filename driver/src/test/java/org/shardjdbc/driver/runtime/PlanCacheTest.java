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
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.Corpus;
import org.shardjdbc.driver.testing.CorpusEntry;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.StatementShape;

/**
 * A repeated statement is analyzed once: later executions take the analysis from the plan cache; statements that
 * differ only in literals share one plan; and the plans never hold more memory than the cache is given.
 */
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

  @Test
  void literalPointSelects_shareThePlanOfTheirShape() throws SQLException {
    String sql = "SELECT order_id, status FROM orders WHERE order_id = %d /* PlanCacheTest literal */";
    String shape = "SELECT order_id, status FROM orders WHERE order_id = ? /* PlanCacheTest literal */";
    List<Long> keys = existingKeys(5);
    try (Connection connection = DifferentialDatabase.shared().connectShard();
        Statement statement = connection.createStatement()) {
      PlanCache cache = connection.unwrap(ShardConnection.class).runtime().planCache();
      for (long key : keys) {
        try (ResultSet rows = statement.executeQuery(String.format(sql, key))) {
          assertTrue(rows.next(), "no row for order_id " + key);
          assertEquals(key, rows.getLong(1));
          assertFalse(rows.next(), "a second row for order_id " + key);
        }
      }
      assertTrue(cache.entries().containsKey(shape), "the shape's plan is cached");
      for (long key : keys) {
        assertFalse(cache.entries().containsKey(String.format(sql, key)), "a plan of its own for order_id " + key);
      }
    }
  }

  @Test
  void explain_isPlannedAsWritten_andShowsTheLiterals() throws SQLException {
    String sql = "SELECT COUNT(*) FROM orders WHERE order_id = 1 /* PlanCacheTest unplanned */";
    try (Connection connection = DifferentialDatabase.shared().connectShard();
        Statement statement = connection.createStatement();
        Connection single = DifferentialDatabase.shared().connectSingle();
        Statement expected = single.createStatement()) {
      PlanCache cache = connection.unwrap(ShardConnection.class).runtime().planCache();
      try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
        assertTrue(rows.next(), "EXPLAIN gives the physical statement");
        assertTrue(rows.getString(2).contains("order_id = 1"), "EXPLAIN keeps the literal: " + rows.getString(2));
      }
      assertTrue(cache.entries().containsKey("EXPLAIN " + sql), "EXPLAIN is planned as written");
      try (ResultSet rows = statement.executeQuery(sql); ResultSet unsharded = expected.executeQuery(sql)) {
        assertTrue(rows.next());
        assertTrue(unsharded.next());
        assertEquals(unsharded.getLong(1), rows.getLong(1));
      }
    }
  }

  /**
   * {@link PlanCache#weight} is an upper bound of the memory a plan holds ({@link RetainedSize}), for every statement
   * of the differential corpus, as written and as its shape, and for IN lists of up to 5,000 numbers or strings.
   */
  @Test
  void weight_boundsThePlansMemory() throws SQLException {
    StatementAnalyzer analyzer;
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      analyzer = new StatementAnalyzer(connection.unwrap(ShardConnection.class).runtime().config().model());
    }
    List<String> statements = new ArrayList<>();
    int shaped = 0;
    for (CorpusEntry entry : Corpus.load()) {
      statements.add(entry.sql());
      StatementShape shape = StatementShape.of(entry.sql(), MySqlTokenizer.tokenize(entry.sql()));
      if (shape != null) {
        statements.add(shape.text());
        shaped++;
      }
    }
    // the differential corpus runs these through their shapes' plans (DifferentialQueryTest's default settings)
    System.out.printf("plan weights: %d corpus statements have a shape%n", shaped);
    assertTrue(shaped >= 200, shaped + " corpus statements with a shape");
    for (int size : new int[] {1, 10, 100, 1000, 5000}) {
      statements.add(inList(size, i -> Integer.toString(i % 10)));
      statements.add(inList(size, i -> Integer.toString(1_000_000_000 + i)));
      statements.add(inList(size, i -> "'" + i + "'"));
      statements.add(inList(size, i -> "?"));
    }
    int measured = 0;
    double mostPerCharacter = 0;
    for (String sql : statements) {
      Analysis analysis;
      try {
        analysis = analyzer.analyze(sql);
      } catch (SQLException refused) {
        continue;
      }
      measured++;
      long retained = RetainedSize.of(analysis) + RetainedSize.of(sql);
      double perCharacter = (retained - PlanCache.BYTES_PER_PLAN) / (double) sql.length();
      if (perCharacter > mostPerCharacter) {
        System.out.printf("plan weights: %.1f bytes per character: %s%n", perCharacter, abbreviated(sql));
      }
      mostPerCharacter = Math.max(mostPerCharacter, perCharacter);
      assertTrue(retained <= PlanCache.weight(sql), "the plan of " + abbreviated(sql) + " holds " + retained
          + " bytes, more than its weight " + PlanCache.weight(sql));
    }
    System.out.printf("plan weights: %d plans measured, at most %.1f bytes per character over %d%n", measured,
        mostPerCharacter, PlanCache.BYTES_PER_PLAN);
    assertTrue(measured > statements.size() / 2, measured + " of " + statements.size() + " statements analyzed");
  }

  /**
   * A stream of distinct large statements (IN lists of 300 to 339 values, so that no two share a shape, and
   * planned as written) never holds more than the cache is given: 2 MB here, room for a few of them.
   */
  @Test
  void distinctLargeInLists_stayWithinTheCachesMemory() throws SQLException {
    long maxBytes = 2L << 20;
    StatementAnalyzer analyzer;
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      analyzer = new StatementAnalyzer(connection.unwrap(ShardConnection.class).runtime().config().model());
    }
    for (boolean shapes : new boolean[] {true, false}) {
      PlanCache cache = new PlanCache(analyzer, maxBytes, 10_000, shapes);
      int statements = 40;
      for (int n = 0; n < statements; n++) {
        int first = n * 10_000;
        cache.plan(inList(300 + n, i -> Integer.toString(first + i)), List.of());
        assertTrue(cache.weightedSize() <= maxBytes, "after " + (n + 1) + " statements the cache weighs "
            + cache.weightedSize());
      }
      long retained = 0;
      for (Map.Entry<String, Analysis> entry : cache.entries().entrySet()) {
        retained += RetainedSize.of(entry.getKey()) + RetainedSize.of(entry.getValue());
      }
      long size = cache.size();
      System.out.printf("%d distinct IN lists (shapes %s): %d plans kept, %d bytes retained of %d%n", statements,
          shapes, size, retained, maxBytes);
      assertTrue(size > 0 && size < statements, size + " plans kept of " + statements);
      assertTrue(cache.stats().evictionCount() >= statements - size, "evictions: " + cache.stats().evictionCount());
      assertTrue(retained <= maxBytes, "the plans kept hold " + retained + " bytes, more than " + maxBytes);
    }
  }

  @Test
  void zeroEntries_keepsNoPlan() throws SQLException {
    StatementAnalyzer analyzer;
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      analyzer = new StatementAnalyzer(connection.unwrap(ShardConnection.class).runtime().config().model());
    }
    PlanCache cache = new PlanCache(analyzer, 1L << 20, 0, true);
    cache.plan("SELECT order_id FROM orders WHERE order_id = 1", List.of());
    cache.analyze("SELECT order_id FROM orders WHERE order_id = ?");
    assertEquals(0, cache.size(), "plans kept");
  }

  private static String inList(int size, IntFunction<String> element) {
    StringBuilder sql = new StringBuilder("SELECT order_id, status FROM orders WHERE order_id IN (");
    for (int i = 0; i < size; i++) {
      sql.append(i == 0 ? "" : ", ").append(element.apply(i));
    }
    return sql.append(')').toString();
  }

  private static String abbreviated(String sql) {
    return sql.length() <= 120 ? sql : sql.substring(0, 120) + "… (" + sql.length() + " characters)";
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
