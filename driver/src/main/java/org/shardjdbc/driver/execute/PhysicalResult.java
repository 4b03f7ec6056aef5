package org.shardjdbc.driver.execute;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * One physical statement's open result, and what must be closed with it: the statement, and the connection when it
 * was borrowed for this statement.
 */
public final class PhysicalResult implements AutoCloseable {
  /**
   * A result closed with more rows than this possibly unread is dropped with its connection even while other
   * statements wait for the pool: the rest of a result costs the client about 0.2 µs per row to read (the benchmarks'
   * deep page, three short columns), so a million rows a fifth of a second or more, a new connection a few
   * milliseconds; and a statement waiting for the connection must not run into {@code connectionTimeoutMs} while the
   * rest of a huge page streams in.
   */
  static final long DRAIN_AT_MOST = 1_000_000;

  private final ShardSql sql;
  private final Statement statement;
  private final ResultSet resultSet;
  private final ConnectionSource.PhysicalConnection connection;
  /** Where rows read count as the server's progress; null when the statement has no connection of its own. */
  private final DataSourcePool.Lease lease;
  private final Execution execution;
  /** Where a result left unread is read to its end beside the execution's others; null to read it on close. */
  private final ExecutorService drainer;
  private boolean closed;
  private boolean exhausted;
  private boolean abortUnread;
  /** With {@link #abortUnread}: how many rows the statement returns at most (its LIMIT). */
  private long rowsAtMost;
  private long rowsRead;

  /** @param connection the connection to give back when the result is closed, or null when it is not its to give */
  public PhysicalResult(ShardSql sql, Statement statement, ResultSet resultSet,
      ConnectionSource.PhysicalConnection connection, Execution execution) {
    this(sql, statement, resultSet, connection, connection == null ? null : connection.lease(), execution, null);
  }

  /**
   * @param connection the connection to give back when the result is closed, or null when it is not its to give
   * @param lease the lease of the connection the statement ran on, where rows read count as its server's progress
   * @param drainer where a result closed with rows unread while other statements wait for its pool is read to its
   *     end ({@link #abortUnread}), beside the execution's other such results; null to read it on the closing thread
   */
  public PhysicalResult(ShardSql sql, Statement statement, ResultSet resultSet,
      ConnectionSource.PhysicalConnection connection, DataSourcePool.Lease lease, Execution execution,
      ExecutorService drainer) {
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
    rowsRead++;
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
   * while other statements wait for a connection of the pool, or the pool is already short of a connection it dropped
   * ({@link DataSourcePool#mayDropConnection}), and at most {@link #DRAIN_AT_MOST} rows can be left: then the rest is
   * read, and the connection given back; by the drainer when there is one, so that closing the results of several
   * servers reads their rest at once. The close that finishes the execution's last statement waits for those reads
   * ({@link Execution#awaitDrainsWhenAllFinished}): a thread never holds more connections than its statement asked for.
   *
   * @param rowsAtMost how many rows the statement returns at most (its LIMIT)
   */
  public void abortUnread(long rowsAtMost) {
    this.abortUnread = true;
    this.rowsAtMost = rowsAtMost;
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
    // one that other statements wait for or that its pool cannot spare, unless its rest is huge: the pool would have
    // to make a new one for them
    boolean leftUnread = abortUnread && !exhausted && connection != null && !connection.pinned();
    if (leftUnread && (lease == null || rowsAtMost - rowsRead > DRAIN_AT_MOST || lease.mayDrop())) {
      try {
        statement.getConnection().abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // the connection is discarded below either way
      }
      connection.discard();
    } else if (!(leftUnread && !failed && drainInTheBackground())) {
      closeAndGiveBack(failed);
    }
    if (abortUnread) {
      // only results that may be left unread start drains, and a merge marks all its results alike
      execution.awaitDrainsWhenAllFinished();
    }
  }

  /** Hands reading the rest to the drainer; false when there is none, or it takes no more work (runtime closing). */
  private boolean drainInTheBackground() {
    if (drainer == null) {
      return false;
    }
    try {
      execution.draining(drainer.submit(() -> closeAndGiveBack(false)));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
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
