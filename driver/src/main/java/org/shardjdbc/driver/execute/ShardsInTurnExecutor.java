package org.shardjdbc.driver.execute;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.ResolvedLimit;
import org.shardjdbc.planner.route.ShardsInTurn;

/**
 * Runs a locking read shard after shard ({@link ShardsInTurn}) on a transaction's connections: each shard is asked for
 * the offset still to skip plus the rows still missing, and the shards after the one that completes the LIMIT are
 * never read, so that the transaction locks no row the statement does not return (or, with an offset, skip).
 *
 * <p>Each result is read whole before the next shard is asked, as a transaction's results always are, and counted.
 * The results go to the merge in shard order, which concatenates them and applies the LIMIT.
 */
public final class ShardsInTurnExecutor {
  private ShardsInTurnExecutor() {}

  /**
   * @param connections a transaction's connections ({@link ConnectionSource#pinned()})
   * @param maxRows the logical statement's {@code setMaxRows}, or 0: no more rows are asked for (and locked)
   * @return one open result per shard read, in shard order; at least one
   * @throws SQLException the first failure, naming the data source and tables; nothing is left open
   */
  public static List<PhysicalResult> execute(ShardsInTurn shards, ConnectionSource connections, QueryExecutor.Options options,
      Execution execution) throws SQLException {
    if (!connections.pinned()) {
      throw new IllegalStateException("shards are read in turn only on a transaction's connections");
    }
    execution.startTimeout(options.queryTimeoutSeconds());
    ResolvedLimit limit = shards.limit();
    long offset = limit.offset();
    long missing = options.maxRows() > 0 ? Math.min(limit.count(), options.maxRows()) : limit.count();
    List<PhysicalResult> results = new ArrayList<>();
    try {
      for (int turn = 0; turn < shards.turns() && (missing > 0 || turn == 0); turn++) {
        ShardSql sql = shards.statement(turn, saturatedSum(offset, missing));
        PhysicalResult result = run(sql, connections, options, execution);
        results.add(result);
        long rows = rowCount(result);
        long skipped = Math.min(rows, offset);
        offset -= skipped;
        missing -= Math.min(rows - skipped, missing);
      }
    } catch (SQLException | RuntimeException e) {
      for (PhysicalResult result : results) {
        result.close();
      }
      throw e;
    }
    return results;
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static PhysicalResult run(ShardSql sql, ConnectionSource connections, QueryExecutor.Options options,
      Execution execution) throws SQLException {
    ConnectionSource.PhysicalConnection connection;
    try {
      connection = connections.first(sql.dataSource());
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, sql);
    }
    PreparedStatement statement = null;
    try {
      statement = connection.connection().prepareStatement(sql.sql(), ResultSet.TYPE_SCROLL_INSENSITIVE,
          ResultSet.CONCUR_READ_ONLY);
      execution.register(sql.dataSource(), statement);
      List<Object> parameters = sql.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      return new PhysicalResult(sql, statement, statement.executeQuery(), connection, execution);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        execution.finished(statement);
        try {
          statement.close();
        } catch (SQLException ignored) {
          // the failure below is what matters
        }
      }
      throw execution.failure(ShardErrors.wrap(e, sql));
    }
  }

  /** The rows of a result read whole, counted without consuming them. */
  private static long rowCount(PhysicalResult result) throws SQLException {
    ResultSet rows = result.resultSet();
    try {
      long count = rows.last() ? rows.getRow() : 0;
      rows.beforeFirst();
      return count;
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, result.sql());
    }
  }
}
