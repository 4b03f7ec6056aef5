package org.shardjdbc.driver.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.shardjdbc.driver.execute.Execution;

/**
 * A logical statement: analyzes its SQL (through the plan cache), routes it, runs the physical statements and
 * returns their merged result. {@link #cancel()}, the query timeout, maxRows and fetchSize apply to every physical
 * statement.
 */
class ShardStatement implements Statement {
  final ShardConnection connection;
  /** Made on the first addBatch: most statements never have one. */
  private LogicalBatch batch;
  private ResultSet resultSet;
  private long updateCount = -1;
  private GeneratedKeys generatedKeys = GeneratedKeys.NONE;
  private boolean keysRequested;
  private int queryTimeoutSeconds;
  private int maxRows;
  private int fetchSize;
  private boolean closed;
  private boolean closeOnCompletion;
  private volatile Execution execution;

  ShardStatement(ShardConnection connection) {
    this.connection = connection;
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("No operations allowed after statement closed.", "S1009");
    }
    connection.checkOpen();
  }

  private StatementEngine.Settings settings(boolean returnKeys) {
    return new StatementEngine.Settings(queryTimeoutSeconds, fetchSize, maxRows, returnKeys);
  }

  private Execution start(boolean returnKeys) throws SQLException {
    checkOpen();
    closeResult();
    generatedKeys = GeneratedKeys.NONE;
    keysRequested = returnKeys;
    return newExecution();
  }

  ResultSet runQuery(String sql, List<Object> parameters) throws SQLException {
    Execution current = start(false);
    try {
      resultSet = connection.engine().executeQuery(this, sql, parameters, current, settings(false));
      return resultSet;
    } catch (SQLException e) {
      throw current.failure(e);
    } catch (RuntimeException | StackOverflowError e) {
      throw internalError(sql, e);
    } finally {
      current.stopTimeout();
    }
  }

  boolean run(String sql, List<Object> parameters, boolean returnKeys) throws SQLException {
    Execution current = start(returnKeys);
    try {
      StatementEngine.Outcome outcome = connection.engine().execute(this, sql, parameters, current, settings(returnKeys));
      resultSet = outcome.resultSet();
      updateCount = outcome.updateCount();
      generatedKeys = outcome.keys();
      return resultSet != null;
    } catch (SQLException e) {
      throw current.failure(e);
    } catch (RuntimeException | StackOverflowError e) {
      throw internalError(sql, e);
    } finally {
      current.stopTimeout();
    }
  }

  /**
   * A failure the driver did not expect, as an SQLException: no unchecked exception leaves the JDBC API. A statement
   * nested so deeply that a recursion of the driver ran out of stack is refused as such.
   */
  private static SQLException internalError(String sql, Throwable failure) {
    String statement = sql.length() > 200 ? sql.substring(0, 200) + "... (" + sql.length() + " characters)" : sql;
    if (failure instanceof StackOverflowError) {
      return new SQLSyntaxErrorException("the statement is nested too deeply for the driver: " + statement, "42000", failure);
    }
    return new SQLException("internal error running " + statement + ": " + failure, "HY000", failure);
  }

  private Execution newExecution() {
    Execution current = new Execution(connection.runtime().canceller());
    execution = current;
    return current;
  }

  /** Closes the open result, if any: the transaction it reads from is ending. */
  void closeResultSet() throws SQLException {
    if (resultSet != null) {
      resultSet.close();
      resultSet = null;
    }
  }

  long runUpdate(String sql, List<Object> parameters, boolean returnKeys) throws SQLException {
    if (run(sql, parameters, returnKeys)) {
      throw new SQLException("Can not issue executeUpdate() or executeLargeUpdate() for SELECTs", "S1009");
    }
    return updateCount;
  }

  /** Adds a statement to the batch: SQL text, or a prepared statement's text with its current parameters. */
  void addToBatch(String sql, List<Object> parameters) throws SQLException {
    checkOpen();
    if (batch == null) {
      batch = new LogicalBatch();
    }
    batch.add(sql, parameters);
  }

  long[] runBatch(boolean returnKeys) throws SQLException {
    Execution current = start(returnKeys);
    if (batch == null) {
      current.stopTimeout();
      return new long[0];
    }
    try {
      LogicalBatch.Result result = batch.execute(connection.engine(), this, current, settings(returnKeys));
      generatedKeys = result.keys();
      return result.counts();
    } catch (RuntimeException | StackOverflowError e) {
      batch.clear();
      throw internalError("a batch", e);
    } finally {
      current.stopTimeout();
    }
  }

  private void closeResult() throws SQLException {
    if (resultSet != null) {
      resultSet.close();
      resultSet = null;
    }
    updateCount = -1;
  }

  static int toInt(long count) {
    return count > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) count;
  }

  static boolean keysWanted(int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys != RETURN_GENERATED_KEYS && autoGeneratedKeys != NO_GENERATED_KEYS) {
      throw new SQLException("autoGeneratedKeys must be RETURN_GENERATED_KEYS or NO_GENERATED_KEYS: "
          + autoGeneratedKeys, "S1009");
    }
    return autoGeneratedKeys == RETURN_GENERATED_KEYS;
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    return runQuery(sql, List.of());
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return run(sql, List.of(), false);
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return run(sql, List.of(), keysWanted(autoGeneratedKeys));
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return run(sql, List.of(), columnIndexes != null && columnIndexes.length > 0);
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return run(sql, List.of(), columnNames != null && columnNames.length > 0);
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return toInt(runUpdate(sql, List.of(), false));
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return toInt(runUpdate(sql, List.of(), keysWanted(autoGeneratedKeys)));
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return toInt(runUpdate(sql, List.of(), columnIndexes != null && columnIndexes.length > 0));
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return toInt(runUpdate(sql, List.of(), columnNames != null && columnNames.length > 0));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return runUpdate(sql, List.of(), false);
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return runUpdate(sql, List.of(), keysWanted(autoGeneratedKeys));
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return runUpdate(sql, List.of(), columnIndexes != null && columnIndexes.length > 0);
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    return runUpdate(sql, List.of(), columnNames != null && columnNames.length > 0);
  }

  @Override
  public long getLargeUpdateCount() {
    return updateCount;
  }

  @Override
  public ResultSet getResultSet() {
    return resultSet;
  }

  @Override
  public int getUpdateCount() {
    return toInt(updateCount);
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    closeResult();
    return false;
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return getMoreResults();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void cancel() {
    Execution current = execution;
    if (current != null) {
      current.cancel();
    }
  }

  @Override
  public void close() throws SQLException {
    if (!closed) {
      closed = true;
      closeResult();
      connection.forget(this);
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw new SQLException("query timeout must be >= 0: " + seconds, "S1009");
    }
    queryTimeoutSeconds = seconds;
  }

  @Override
  public int getQueryTimeout() {
    return queryTimeoutSeconds;
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    if (max < 0) {
      throw new SQLException("maxRows must be >= 0: " + max, "S1009");
    }
    maxRows = max;
  }

  @Override
  public int getMaxRows() {
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    setMaxRows((int) Math.min(Integer.MAX_VALUE, max));
  }

  @Override
  public long getLargeMaxRows() {
    return maxRows;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    if (rows < 0 && rows != Integer.MIN_VALUE) {
      throw new SQLException("fetch size must be >= 0: " + rows, "S1009");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() {
    return fetchSize;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    if (direction != ResultSet.FETCH_FORWARD) {
      throw new SQLFeatureNotSupportedException("only FETCH_FORWARD", "0A000");
    }
  }

  @Override
  public int getFetchDirection() {
    return ResultSet.FETCH_FORWARD;
  }

  /**
   * The warnings of the current result: those of the physical statement when one shard answered, those the merge
   * raised so far (a GROUP_CONCAT cut at group_concat_max_len) when several did; null when there are none.
   */
  @Override
  public SQLWarning getWarnings() throws SQLException {
    if (resultSet instanceof MergedResultSet merged) {
      return merged.mergeWarnings().first();
    }
    if (resultSet instanceof PassThroughResultSet passThrough) {
      return passThrough.statementWarnings();
    }
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    if (resultSet instanceof MergedResultSet merged) {
      merged.mergeWarnings().clear();
    } else if (resultSet instanceof PassThroughResultSet passThrough) {
      passThrough.clearStatementWarnings();
    }
  }

  @Override
  public int getResultSetType() {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetConcurrency() {
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public void setEscapeProcessing(boolean enable) {
    // MySQL escapes are passed to the servers as written
  }

  @Override
  public void setPoolable(boolean poolable) {
    // statements are not pooled
  }

  @Override
  public boolean isPoolable() {
    return false;
  }

  @Override
  public void closeOnCompletion() {
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() {
    return closeOnCompletion;
  }

  @Override
  public void setMaxFieldSize(int max) {
    // values are never truncated
  }

  @Override
  public int getMaxFieldSize() {
    return 0;
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    throw unsupported("setCursorName");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException(method + " is not supported yet", "0A000");
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    addToBatch(sql, List.of());
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    if (batch != null) {
      batch.clear();
    }
  }

  /**
   * Runs the batch (see {@link LogicalBatch}) and clears it.
   *
   * @return each statement's update count, in the order they were added
   * @throws java.sql.BatchUpdateException when statements failed: the counts are EXECUTE_FAILED for each of them
   */
  @Override
  public int[] executeBatch() throws SQLException {
    long[] counts = runBatch(false);
    int[] small = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      small[i] = toInt(counts[i]);
    }
    return small;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return runBatch(false);
  }

  /**
   * The keys the last execution generated, in row order: those the key generator made for a sharded table's
   * INSERT, or those the server made for an INSERT into an unsharded table.
   *
   * @throws SQLException when the execution did not ask for them (RETURN_GENERATED_KEYS), as mysql-connector-j does
   */
  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    checkOpen();
    if (!keysRequested) {
      throw new SQLException("Generated keys not requested. You need to specify Statement.RETURN_GENERATED_KEYS to "
          + "Statement.executeUpdate(), Statement.executeLargeUpdate() or Connection.prepareStatement().", "S1009");
    }
    return generatedKeys.resultSet(this);
  }
}
