package org.shardjdbc.driver.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.execute.PhysicalSession;
import org.shardjdbc.driver.execute.ShardErrors;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.driver.session.LogicalSession;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Runs a SELECT that takes or releases named locks ({@link Analysis.NamedLocks}) on the session's named-lock
 * connection, and reports its one row to the session, which counts the locks and keeps the connection while any is
 * held. The row is read at once and the physical statement closed, so the result holds nothing of the connection.
 */
final class NamedLockStatement {
  private NamedLockStatement() {}

  static ResultSet execute(Statement owner, LogicalSession session, Analysis.NamedLocks plan, String sql,
      List<Object> parameters, Execution execution, int timeout) throws SQLException {
    ShardSql where = new ShardSql(plan.dataSource(), List.of(), sql, parameters);
    PhysicalSession physical;
    try {
      physical = session.namedLockConnection();
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, where);
    }
    Object[] row = null;
    ResultSetMetaData metadata = null;
    SQLException failure = null;
    try (PreparedStatement statement = physical.connection().prepareStatement(sql)) {
      execution.register(plan.dataSource(), statement);
      execution.startTimeout(timeout);
      try {
        for (int i = 0; i < parameters.size(); i++) {
          statement.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet result = statement.executeQuery()) {
          metadata = result.getMetaData();
          if (!result.next()) {
            throw new SQLException("a SELECT without FROM returned no row", "HY000");
          }
          row = new Object[metadata.getColumnCount()];
          for (int i = 0; i < row.length; i++) {
            row[i] = result.getObject(i + 1);
          }
        }
      } finally {
        // a cancel that comes later must not close the connection that holds the locks
        execution.finished(statement);
      }
    } catch (SQLException e) {
      failure = e;
      row = null;
    } catch (RuntimeException e) {
      failure = new SQLException(e.toString(), "HY000", e);
      row = null;
    }
    session.namedLockStatementRan(physical, plan, row, failure);
    if (failure != null) {
      throw ShardErrors.wrap(failure, where);
    }
    if (execution.timedOut()) {
      // a GET_LOCK stopped by the query timeout returns NULL: counted above, and reported as the timeout it was
      throw new SQLTimeoutException(where.location() + ": query timeout of " + timeout + " s expired", "HYT00");
    }
    return new MergedResultSet(owner, MergePipeline.ofRows(List.<Object[]>of(row), metadata), Map.of(), null);
  }
}
