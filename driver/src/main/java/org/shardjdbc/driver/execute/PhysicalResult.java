package org.shardjdbc.driver.execute;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * One physical statement's open result, and what must be closed with it: the statement, and the connection when it
 * was borrowed for this statement.
 */
public final class PhysicalResult implements AutoCloseable {
  private final ShardSql sql;
  private final Statement statement;
  private final ResultSet resultSet;
  private final ConnectionSource.PhysicalConnection connection;
  /** Where rows read count as the server's progress; null when the statement has no connection of its own. */
  private final DataSourcePool.Lease lease;
  private final Execution execution;
  /** Where a result left unread is read to its end while the closing thread goes on; null to read it on close. */
  private final Executor drainer;
  private boolean closed;
  private boolean exhausted;
  private boolean abortUnread;

  /** @param connection the connection to give back when the result is closed, or null when it is not its to give */
  public PhysicalResult(ShardSql sql, Statement statement, ResultSet resultSet,
      ConnectionSource.PhysicalConnection connection, Execution execution) {
    this(sql, statement, resultSet, connection, connection == null ? null : connection.lease(), execution, null);
  }

  /**
   * @param connection the connection to give back when the result is closed, or null when it is not its to give
   * @param lease the lease of the connection the statement ran on, where rows read count as its server's progress
   * @param drainer where a result closed with rows unread while other statements wait for its pool is read to its
   *     end ({@link #abortUnread}), so that closing does not wait for it; null to read it on the closing thread
   */
  public PhysicalResult(ShardSql sql, Statement statement, ResultSet resultSet,
      ConnectionSource.PhysicalConnection connection, DataSourcePool.Lease lease, Execution execution,
      Executor drainer) {
    this.sql = sql;
    this.statement = statement;
    this.resultSet = resultSet;
    this.connection = connection;
    this.lease = lease;
    this.execution = execution;
    this.drainer = drainer;
  }

  public ShardSql sql() {
    return sql;
  }

  public ResultSet resultSet() {
    return resultSet;
  }

  public Statement statement() {
    return statement;
  }

  /**
   * Moves to the next row, as {@link ResultSet#next()} does; each row read counts as progress of the server for the
   * health monitor, which then never takes a server that is still sending rows for a frozen one.
   */
  public boolean next() throws SQLException {
    if (!resultSet.next()) {
      return false;
    }
    if (lease != null) {
      lease.rowRead();
    }
    return true;
  }

  /** Notes that every row was read, so closing costs nothing. */
  public void exhausted() {
    exhausted = true;
  }

  /**
   * Asks that closing the result before its end drops the connection instead of reading the rest: for results the
   * merge may leave with many rows unread (a deep page), where MySQL's protocol would otherwise send them all. Not
   * while other statements wait for a connection of the pool ({@link DataSourcePool#othersWaiting}): then the rest is
   * read, and the connection given back; by the drainer when there is one, so that closing the results of several
   * servers reads their rest at once and the closing thread goes on.
   */
  public void abortUnread() {
    abortUnread = true;
  }

  /** Closes the result and statement and gives the connection back; safe to call more than once. */
  @Override
  public void close() {
    close(false);
  }

  /**
   * Closes after reading failed: the connection may be broken or still streaming, so the pool closes it rather
   * than lending it again.
   *
   * @return the failure to report: naming the data source and tables, and a timeout when the query timeout caused it
   */
  public SQLException readFailed(SQLException failure) {
    close(true);
    return execution.failure(ShardErrors.wrap(failure, sql));
  }

  private void close(boolean failed) {
    if (closed) {
      return;
    }
    closed = true;
    execution.finished(statement);
    // a transaction's connection is never dropped: its result was read whole, so closing it reads nothing more; nor
    // one that other statements wait for: the pool would have to make a new one for them
    boolean leftUnread = abortUnread && !exhausted && connection != null && !connection.pinned();
    if (leftUnread && (lease == null || !lease.othersWaiting())) {
      try {
        statement.getConnection().abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // the connection is discarded below either way
      }
      connection.discard();
      return;
    }
    if (leftUnread && !failed && drainer != null) {
      try {
        drainer.execute(() -> closeAndGiveBack(false));
        return;
      } catch (RejectedExecutionException e) {
        // the runtime is closing: read the rest here
      }
    }
    closeAndGiveBack(failed);
  }

  private void closeAndGiveBack(boolean failed) {
    // a cancelled statement (cancel, timeout, another shard's failure) can leave its connection mid-result
    boolean broken = failed || execution.cancelled();
    try {
      resultSet.close();
    } catch (SQLException | RuntimeException e) {
      broken = true;
    }
    try {
      statement.close();
    } catch (SQLException | RuntimeException e) {
      broken = true;
    }
    if (connection != null) {
      // a connection whose result could not be closed may still be streaming it: never hand it to another statement
      if (broken) {
        connection.discard();
      } else {
        connection.release();
      }
    }
  }
}
