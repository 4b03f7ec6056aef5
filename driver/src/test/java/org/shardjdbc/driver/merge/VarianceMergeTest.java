package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/**
 * Why the differential corpus compares STDDEV and VARIANCE within a relative 1e-12 ({@code approx}), and what holds
 * exactly instead: the server computes them with Welford's recurrence in the order it reads the rows, so one server
 * gives different last digits for the same rows read in another order; the merged value is the exact variance of
 * the rows, rounded once, to within one unit in the last place (its only other error is the shards' own partial
 * variances, far below it).
 */
class VarianceMergeTest {

  @ParameterizedTest
  @ValueSource(strings = {"amount", "qty", "discount"})
  void mergedVariance_isTheExactVarianceWhileTheServersDependsOnRowOrder(String column) throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    double inKeyOrder;
    double sorted;
    BigDecimal count;
    BigDecimal sum;
    BigDecimal sumOfSquares;
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement()) {
      inKeyOrder = one(statement, "SELECT VAR_POP(" + column + ") + 0e0 FROM orders").doubleValue();
      sorted = one(statement, "SELECT VAR_POP(x) + 0e0 FROM (SELECT " + column + " AS x FROM orders ORDER BY " + column
          + " DESC LIMIT 1000000) t").doubleValue();
      // exact: integers and DECIMAL by definition, DOUBLE because the discounts are multiples of 1/16
      count = one(statement, "SELECT COUNT(" + column + ") FROM orders");
      sum = one(statement, "SELECT CAST(SUM(" + column + ") AS DECIMAL(65, 10)) FROM orders");
      sumOfSquares = one(statement, "SELECT CAST(SUM(" + column + " * " + column + ") AS DECIMAL(65, 10)) FROM orders");
    }
    MathContext precision = new MathContext(80);
    double exact = sumOfSquares.subtract(sum.multiply(sum).divide(count, precision)).divide(count, precision).doubleValue();
    double merged;
    try (Connection shard = database.connectShard(); Statement statement = shard.createStatement()) {
      merged = one(statement, "SELECT VAR_POP(" + column + ") FROM orders").doubleValue();
    }
    assertTrue(Math.abs(merged - exact) <= Math.ulp(exact), column + ": merged " + merged + ", exact " + exact);
    if (!column.equals("discount")) {
      assertNotEquals(inKeyOrder, sorted, column + ": the server's own result no longer depends on row order");
    }
    assertTrue(Math.max(Math.abs(inKeyOrder - exact), Math.abs(sorted - exact)) > Math.ulp(exact),
        column + ": the server computed the exact variance in both orders, " + inKeyOrder + " and " + sorted);
  }

  private static BigDecimal one(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getBigDecimal(1);
    }
  }
}
