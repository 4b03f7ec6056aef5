package org.shardjdbc.driver.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Runs a logical batch: its physical statements grouped by data source, each data source's in the batch's order on
 * one connection, the data sources concurrently. As mysql-connector-j does by default ({@code continueBatchOnError}),
 * a statement that fails does not stop the others: the outcome tells, for each statement of the batch, its update
 * count or its failure. Rows live on one shard each and every shard's statements keep the batch's order, so the
 * rows end as if the statements had run one after another.
 *
 * <p>The physical statements are never JDBC batches: each runs with {@code executeUpdate}, and the rows of INSERTs
 * into one shard are combined into multi-row INSERTs ({@link BatchWork.CombinedInsert}), so that the update counts do
 * not depend on the physical URL's {@code rewriteBatchedStatements}, which makes the connector report
 * {@code SUCCESS_NO_INFO} for rewritten batches.
 */
public final class BatchExecutor {
  private final ExecutorService executor;

  public BatchExecutor(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * What became of each statement of a batch.
   *
   * @param counts each statement's update count (the sum of its physical statements'), meaningless where it failed
   * @param failures each statement's first failure, or null
   * @param keys for each statement, the keys the server generated for it, when asked for
   * @param keyMetadata the metadata of the generated keys' result, or null when none were read
   */
  public record Outcome(long[] counts, SQLException[] failures, List<List<Object[]>> keys,
      ResultSetMetaData keyMetadata) {}

  /** The state of one batch while it runs. */
  private static final class Run {
    final long[] counts;
    final SQLException[] failures;
    final List<List<Object[]>> keys = new ArrayList<>();
    volatile ResultSetMetaData keyMetadata;

    Run(int statements) {
      counts = new long[statements];
      failures = new SQLException[statements];
      for (int i = 0; i < statements; i++) {
        keys.add(new ArrayList<>());
      }
    }

    synchronized void succeeded(int statement, long count) {
      counts[statement] += count;
    }

    synchronized void failed(int statement, SQLException failure) {
      if (failures[statement] == null) {
        failures[statement] = failure;
      }
    }
  }

  /**
   * @param work the physical statements, in the batch's order
   * @param statements the number of statements in the batch
   */
  public Outcome execute(List<BatchWork> work, int statements, ConnectionSource connections, int queryTimeoutSeconds,
      Execution execution) {
    Run run = new Run(statements);
    Map<String, List<BatchWork>> byDataSource = new LinkedHashMap<>();
    for (BatchWork item : work) {
      byDataSource.computeIfAbsent(item.dataSource(), d -> new ArrayList<>()).add(item);
    }
    // connections are taken here, one data source after another: a logical transaction's are not thread-safe to take
    List<List<BatchWork>> groups = new ArrayList<>();
    List<ConnectionSource.PhysicalConnection> leased = new ArrayList<>();
    for (List<BatchWork> group : byDataSource.values()) {
      try {
        leased.add(connections.first(group.get(0).dataSource()));
        groups.add(group);
      } catch (SQLException e) {
        for (BatchWork item : group) {
          failAll(item, ShardErrors.wrap(e, first(item)), run);
        }
      }
    }
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 1; i < groups.size(); i++) {
      List<BatchWork> group = groups.get(i);
      ConnectionSource.PhysicalConnection connection = leased.get(i);
      futures.add(executor.submit(() -> runGroup(group, connection, queryTimeoutSeconds, execution, run)));
    }
    if (!groups.isEmpty()) {
      runGroup(groups.get(0), leased.get(0), queryTimeoutSeconds, execution, run);
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a batch task failed outside its statements", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        execution.cancel();
      }
    }
    return new Outcome(run.counts, run.failures, run.keys, run.keyMetadata);
  }

  /** Runs one data source's statements in order; a failure fails only its own statement, unless the connection broke. */
  private void runGroup(List<BatchWork> group, ConnectionSource.PhysicalConnection connection, int queryTimeoutSeconds,
      Execution execution, Run run) {
    SQLException broken = null;
    for (BatchWork item : group) {
      if (broken != null || execution.cancelled()) {
        failAll(item, broken != null ? broken : new SQLException("batch cancelled", "HY008"), run);
      } else if (item instanceof BatchWork.Step step) {
        broken = runStep(connection.connection(), step, queryTimeoutSeconds, execution, run);
      } else if (item instanceof BatchWork.CombinedInsert combined) {
        broken = runCombined(connection.connection(), combined, queryTimeoutSeconds, execution, run);
      } else {
        throw new IllegalStateException("unknown batch work " + item);
      }
    }
    if (broken != null) {
      connection.discard();
    } else {
      connection.release();
    }
  }

  /** Runs a step; returns the failure when it leaves the connection unusable, else null. */
  private static SQLException runStep(Connection connection, BatchWork.Step step, int queryTimeoutSeconds,
      Execution execution, Run run) {
    try {
      if (step.returnsKeys()) {
        run.succeeded(step.statement(), withKeys(connection, step, queryTimeoutSeconds, execution, run));
      } else {
        run.succeeded(step.statement(), WriteExecutor.run(connection, step.sql(), queryTimeoutSeconds, execution));
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      SQLException failure = ShardErrors.wrap(e, step.sql());
      run.failed(step.statement(), failure);
      return brokenConnection(failure) ? failure : null;
    }
  }

  private static long withKeys(Connection connection, BatchWork.Step step, int queryTimeoutSeconds, Execution execution,
      Run run) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(step.sql().sql(), Statement.RETURN_GENERATED_KEYS)) {
      execution.register(step.sql().dataSource(), statement);
      execution.startTimeout(queryTimeoutSeconds);
      try {
        return withKeys(statement, step, run);
      } finally {
        execution.finished(statement);
      }
    }
  }

  private static long withKeys(PreparedStatement statement, BatchWork.Step step, Run run) throws SQLException {
    List<Object> parameters = step.sql().parameters();
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
    long count = statement.executeLargeUpdate();
    try (ResultSet keys = statement.getGeneratedKeys()) {
      ResultSetMetaData metadata = keys.getMetaData();
      run.keyMetadata = metadata;
      while (keys.next()) {
        Object[] row = new Object[metadata.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = keys.getObject(i + 1);
        }
        synchronized (run) {
          run.keys.get(step.statement()).add(row);
        }
      }
    }
    return count;
  }

  /**
   * Runs a combined INSERT; when it fails, each part on its own, so that only the parts that fail by themselves fail.
   */
  private static SQLException runCombined(Connection connection, BatchWork.CombinedInsert combined,
      int queryTimeoutSeconds, Execution execution, Run run) {
    try {
      WriteExecutor.run(connection, combined.sql(), queryTimeoutSeconds, execution);
      for (int i = 0; i < combined.statements().size(); i++) {
        run.succeeded(combined.statements().get(i), combined.rows().get(i));
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      SQLException failure = ShardErrors.wrap(e, combined.sql());
      if (brokenConnection(failure) || execution.cancelled()) {
        failAll(combined, failure, run);
        return failure;
      }
    }
    List<BatchWork.Step> parts;
    try {
      parts = combined.separately().make();
    } catch (SQLException e) {
      failAll(combined, e, run);
      return null;
    }
    for (BatchWork.Step part : parts) {
      SQLException broken = runStep(connection, part, queryTimeoutSeconds, execution, run);
      if (broken != null) {
        return broken;
      }
    }
    return null;
  }

  private static void failAll(BatchWork item, SQLException failure, Run run) {
    if (item instanceof BatchWork.Step step) {
      run.failed(step.statement(), failure);
    } else {
      for (int statement : ((BatchWork.CombinedInsert) item).statements()) {
        run.failed(statement, failure);
      }
    }
  }

  private static ShardSql first(BatchWork item) {
    return item instanceof BatchWork.Step step ? step.sql() : ((BatchWork.CombinedInsert) item).sql();
  }

  private static boolean brokenConnection(SQLException failure) {
    return ShardErrors.breaksConnection(failure.getCause() != null ? failure.getCause() : failure);
  }
}
