package org.shardjdbc.driver.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shardjdbc.driver.execute.BatchExecutor;
import org.shardjdbc.driver.execute.BatchWork;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.rewrite.SqlTemplate;
import org.shardjdbc.planner.route.InsertRouter;
import org.shardjdbc.planner.route.Router;

/**
 * The statements of a logical {@code Statement} or {@code PreparedStatement} added with {@code addBatch}, and how
 * {@code executeBatch} runs them: each routed like a statement of its own, their physical statements grouped by data
 * source and run concurrently ({@link BatchExecutor}); the rows that consecutive plain INSERTs put into one shard go
 * as one multi-row INSERT of at most {@value #MAX_COMBINED_ROWS} rows. A batch with a statement that is not an
 * INSERT, UPDATE or DELETE (DDL, SET, a write of a broadcast table, …) runs its statements one after another instead.
 *
 * <p>As with mysql-connector-j, a statement that fails does not stop the others; {@code executeBatch} then throws a
 * {@link BatchUpdateException} whose update counts are {@link Statement#EXECUTE_FAILED} for every statement that
 * failed. With autocommit on, each statement of a batch commits on its own; one that spans several shards and fails
 * on one of them has its other shards' parts applied, and the exception's message names them.
 */
final class LogicalBatch {
  static final int MAX_COMBINED_ROWS = 1000;
  /** An estimate of the bytes of a combined statement's values, kept well below max_allowed_packet (16 MB). */
  private static final long MAX_COMBINED_BYTES = 4 << 20;

  private final List<String> sql = new ArrayList<>();
  private final List<List<Object>> parameters = new ArrayList<>();

  /** What a batch did: each statement's update count and the keys it generated. */
  record Result(long[] counts, GeneratedKeys keys) {}

  void add(String statement, List<Object> values) {
    sql.add(statement);
    parameters.add(new ArrayList<>(values));
  }

  void clear() {
    sql.clear();
    parameters.clear();
  }

  /**
   * Runs the batch and clears it.
   *
   * @throws BatchUpdateException when statements failed, with every statement's count or EXECUTE_FAILED
   */
  Result execute(StatementEngine engine, Statement owner, Execution execution, StatementEngine.Settings settings)
      throws SQLException {
    try {
      int size = sql.size();
      Analysis[] plans = new Analysis[size];
      SQLException[] failures = new SQLException[size];
      boolean inOrder = false;
      for (int i = 0; i < size; i++) {
        try {
          plans[i] = engine.runtime().analyze(sql.get(i));
          inOrder |= !(plans[i] instanceof Analysis.ShardedInsert || plans[i] instanceof Analysis.ShardedWrite
              || plans[i] instanceof Analysis.PassThrough);
        } catch (SQLException e) {
          failures[i] = e;
        }
      }
      return inOrder ? oneByOne(engine, owner, execution, settings, failures)
          : grouped(engine, plans, failures, execution, settings);
    } finally {
      clear();
    }
  }

  /** Runs each statement as {@code executeUpdate} would, in turn. */
  private Result oneByOne(StatementEngine engine, Statement owner, Execution execution, StatementEngine.Settings settings,
      SQLException[] failures) throws SQLException {
    long[] counts = new long[sql.size()];
    GeneratedKeys keys = GeneratedKeys.NONE;
    for (int i = 0; i < sql.size(); i++) {
      if (failures[i] != null) {
        continue;
      }
      try {
        StatementEngine.Outcome outcome = engine.execute(owner, sql.get(i), parameters.get(i), execution, settings);
        if (outcome.resultSet() != null) {
          outcome.resultSet().close();
          throw new SQLException("Can not issue SELECT via executeUpdate() or executeLargeUpdate().", "S1009");
        }
        counts[i] = outcome.updateCount();
        keys = keys.and(outcome.keys());
      } catch (SQLException e) {
        failures[i] = e;
      }
    }
    return result(counts, failures, null, keys);
  }

  /** A multi-row INSERT being built: the rows several statements put into one shard. */
  private static final class Combined {
    final Analysis.ShardedInsert insert;
    final int shard;
    final List<InsertRouter.PlacedRow> rows = new ArrayList<>();
    final TreeMap<Integer, List<InsertRouter.PlacedRow>> byStatement = new TreeMap<>();
    long bytes;

    Combined(Analysis.ShardedInsert insert, int shard) {
      this.insert = insert;
      this.shard = shard;
    }

    String dataSource() {
      return insert.table().node(shard).dataSource();
    }

    boolean full() {
      return rows.size() >= MAX_COMBINED_ROWS || bytes >= MAX_COMBINED_BYTES;
    }
  }

  /** What identifies the rows that may be combined: the same statement text around them, into the same shard. */
  private record CombinedKey(SqlTemplate head, SqlTemplate tail, LogicalTable table, int shard) {}

  private Result grouped(StatementEngine engine, Analysis[] plans, SQLException[] failures, Execution execution,
      StatementEngine.Settings settings) throws SQLException {
    int size = sql.size();
    List<Object> slots = new ArrayList<>();
    Map<CombinedKey, Combined> open = new HashMap<>();
    List<List<Long>> generated = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      generated.add(List.of());
      if (failures[i] != null) {
        continue;
      }
      try {
        List<Object> values = parameters.get(i);
        if (plans[i] instanceof Analysis.ShardedInsert insert) {
          List<InsertRouter.PlacedRow> rows = InsertRouter.placeRows(insert, values, engine.keyGenerator(insert));
          generated.set(i, generatedKeys(rows));
          TreeMap<Integer, List<InsertRouter.PlacedRow>> byShard = new TreeMap<>();
          for (InsertRouter.PlacedRow row : rows) {
            byShard.computeIfAbsent(row.shard(), s -> new ArrayList<>()).add(row);
          }
          for (var entry : byShard.entrySet()) {
            if (insert.rowsCountOne()) {
              combine(insert, entry.getKey(), i, entry.getValue(), open, slots);
            } else {
              step(new BatchWork.Step(i, InsertRouter.statement(insert, entry.getKey(), entry.getValue(), values), false),
                  open, slots);
            }
          }
        } else if (plans[i] instanceof Analysis.ShardedWrite write) {
          for (ShardSql statement : Router.route(write, values)) {
            step(new BatchWork.Step(i, statement, false), open, slots);
          }
        } else {
          String dataSource = ((Analysis.PassThrough) plans[i]).dataSource();
          step(new BatchWork.Step(i, new ShardSql(dataSource, List.of(), sql.get(i), values), settings.returnKeys()),
              open, slots);
        }
      } catch (SQLException e) {
        failures[i] = e;
      }
    }
    List<BatchWork> work = new ArrayList<>(slots.size());
    for (Object slot : slots) {
      work.add(slot instanceof Combined combined ? finish(combined) : (BatchWork) slot);
    }
    BatchExecutor.Outcome outcome = engine.runtime().batchExecutor().execute(work, size, engine.connection(),
        settings.queryTimeoutSeconds(), execution);
    GeneratedKeys keys = GeneratedKeys.NONE;
    for (int i = 0; i < size; i++) {
      if (failures[i] == null) {
        failures[i] = outcome.failures()[i];
      }
      keys = keys.and(GeneratedKeys.of(generated.get(i)))
          .and(new GeneratedKeys(outcome.keys().get(i), outcome.keyMetadata()));
    }
    return result(outcome.counts(), failures, outcome.applied(), keys);
  }

  private static List<Long> generatedKeys(List<InsertRouter.PlacedRow> rows) {
    List<Long> keys = new ArrayList<>();
    for (InsertRouter.PlacedRow row : rows) {
      if (row.generatedKey() != null) {
        keys.add(row.generatedKey());
      }
    }
    return keys;
  }

  /** Adds a statement's rows for one shard to the open multi-row INSERT of that shard, or opens one. */
  private void combine(Analysis.ShardedInsert insert, int shard, int statement, List<InsertRouter.PlacedRow> rows,
      Map<CombinedKey, Combined> open, List<Object> slots) {
    CombinedKey key = new CombinedKey(insert.head(), insert.tail(), insert.table(), shard);
    Combined combined = open.get(key);
    // rows of another statement text for the same data source must not overtake this one's
    String dataSource = insert.table().node(shard).dataSource();
    open.entrySet().removeIf(other -> !other.getKey().equals(key) && other.getValue().dataSource().equals(dataSource));
    if (combined == null || combined.full()) {
      combined = new Combined(insert, shard);
      open.put(key, combined);
      slots.add(combined);
    }
    combined.rows.addAll(rows);
    combined.byStatement.put(statement, rows);
    for (InsertRouter.PlacedRow row : rows) {
      combined.bytes += row.sql().length() + bytes(row.parameters());
    }
  }

  /**
   * Adds a physical statement; the open multi-row INSERTs of its data source are closed first, so that it runs
   * after them, as in the batch's order.
   */
  private static void step(BatchWork.Step step, Map<CombinedKey, Combined> open, List<Object> slots) {
    for (Iterator<Combined> combined = open.values().iterator(); combined.hasNext(); ) {
      if (combined.next().dataSource().equals(step.dataSource())) {
        combined.remove();
      }
    }
    slots.add(step);
  }

  private BatchWork finish(Combined combined) throws SQLException {
    List<BatchWork.Step> parts = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (var entry : combined.byStatement.entrySet()) {
      int statement = entry.getKey();
      parts.add(new BatchWork.Step(statement, InsertRouter.statement(combined.insert, combined.shard, entry.getValue(),
          parameters.get(statement)), false));
      rows.add(entry.getValue().size());
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int first = combined.byStatement.firstKey();
    return new BatchWork.CombinedInsert(InsertRouter.statement(combined.insert, combined.shard, combined.rows,
        parameters.get(first)), parts, rows);
  }

  private static long bytes(List<Object> values) {
    long bytes = 0;
    for (Object value : values) {
      bytes += value instanceof String text ? text.length() * 4L : value instanceof byte[] data ? data.length * 2L : 24;
    }
    return bytes;
  }

  /** The counts, or a BatchUpdateException naming the first failed statement. */
  private Result result(long[] counts, SQLException[] failures, List<List<String>> applied, GeneratedKeys keys)
      throws BatchUpdateException {
    int first = -1;
    int failed = 0;
    for (int i = 0; i < failures.length; i++) {
      if (failures[i] != null) {
        counts[i] = Statement.EXECUTE_FAILED;
        failed++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first < 0) {
      return new Result(counts, keys);
    }
    SQLException failure = failures[first];
    String message = "statement " + (first + 1) + " of the batch failed: " + failure.getMessage()
        + (applied != null && !applied.get(first).isEmpty()
            ? "; its part on " + applied.get(first) + " was applied" : "")
        + (failed > 1 ? "; " + failed + " of its " + failures.length + " statements failed" : "");
    throw new BatchUpdateException(message, failure.getSQLState(), failure.getErrorCode(), counts, failure);
  }
}
