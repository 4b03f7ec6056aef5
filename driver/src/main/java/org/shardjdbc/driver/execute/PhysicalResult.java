package org.shardjdbc.driver.execute;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * One physical statement's open result, and what must be closed with it: the statement, and the connection when it
 * was borrowed for this statement.
 */
public final class PhysicalResult implements AutoCloseable {
  private final ShardSql sql;
  private final PreparedStatement statement;
  private final ResultSet resultSet;
  private final ConnectionSource.PhysicalConnection connection;
  private boolean closed;

  public PhysicalResult(ShardSql sql, PreparedStatement statement, ResultSet resultSet, ConnectionSource.PhysicalConnection connection) {
    this.sql = sql;
    this.statement = statement;
    this.resultSet = resultSet;
    this.connection = connection;
  }

  public ShardSql sql() {
    return sql;
  }

  public ResultSet resultSet() {
    return resultSet;
  }

  public PreparedStatement statement() {
    return statement;
  }

  /** Closes the result and statement and gives the connection back; safe to call more than once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      resultSet.close();
    } catch (SQLException ignored) {
      // closing the statement and connection below still frees what matters
    }
    try {
      statement.close();
    } catch (SQLException ignored) {
      // as above
    }
    if (connection != null) {
      connection.release();
    }
  }
}
