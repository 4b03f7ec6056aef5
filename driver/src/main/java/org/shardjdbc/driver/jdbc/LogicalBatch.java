package org.shardjdbc.driver.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code executeBatch} runs them: each routed like a statement of its own, and the statements that have one physical
 * statement each (a row, a write by key) grouped by data source and run concurrently ({@link BatchExecutor}), the rows
 * that consecutive plain INSERTs put into one shard as one multi-row INSERT of at most {@value #MAX_COMBINED_ROWS}
 * rows. A statement with several physical statements (a multi-row INSERT over several shards, a write without the
 * key) runs between the groups before and after it, all of it or none of it, as outside a batch. A batch with a
 * statement that is not an INSERT, UPDATE or DELETE (DDL, SET, a write of a broadcast table, …) runs its statements
 * one after another instead.
 *
 * <p>As with mysql-connector-j, a statement that fails does not stop the others; {@code executeBatch} then throws a
 * {@link BatchUpdateException} whose update counts are {@link Statement#EXECUTE_FAILED} for every statement that
 * failed, chained to one exception per failed statement ({@code getNextException()}). With autocommit on, each
 * statement of a batch commits on its own.
 */
final class LogicalBatch {
  static final int MAX_COMBINED_ROWS = 1000;
  /** An estimate of the bytes of a combined statement's values, kept well below max_allowed_packet (16 MB). */
  private static final long MAX_COMBINED_BYTES = 4 << 20;

  private final List<String> sql = new ArrayList<>();
  private final List<List<Object>> parameters = new ArrayList<>();

  /** What a batch did: each statement's update count and the keys it generated. */
  record Result(long[] counts, GeneratedKeys keys) {}

  /** Adds a statement; {@code values} must not change afterwards (a prepared statement's copy of its parameters). */
  void add(String statement, List<Object> values) {
    sql.add(statement);
    parameters.add(values);
  }

  void clear() {
    sql.clear();
    parameters.clear();
    textOfPlan.clear();
    texts.clear();
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
          // a prepared statement's batch repeats one text: its plan is looked up once
          plans[i] = i > 0 && sql.get(i) == sql.get(i - 1) && plans[i - 1] != null ? plans[i - 1]
              : engine.runtime().analyze(sql.get(i));
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
    return result(counts, failures, keys);
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

    boolean full() {
      return rows.size() >= MAX_COMBINED_ROWS || bytes >= MAX_COMBINED_BYTES;
    }
  }

  /** The statement text around the rows: rows with equal texts into one shard may be combined. */
  private record Text(SqlTemplate head, SqlTemplate tail, LogicalTable table) {}

  /**
   * What identifies the rows that may be combined: the same {@link Text} (compared once per plan, by identity
   * after that: comparing templates row by row would cost more than the rows), into the same shard.
   */
  private record CombinedKey(Object text, int shard) {}

  /** Statements of the batch that each have one physical statement, run together as one {@link BatchExecutor} call. */
  private static final class Segment {
    final List<Object> slots = new ArrayList<>();
    /** The multi-row INSERTs still open to more rows, by data source. */
    final Map<String, Map<CombinedKey, Combined>> open = new HashMap<>();
    /** The text whose rows a data source got last. */
    final Map<String, Object> lastText = new HashMap<>();
  }

  /** The text of each INSERT plan of the batch, one object per distinct text. */
  private final Map<Analysis.ShardedInsert, Object> textOfPlan = new IdentityHashMap<>();
  private final Map<Text, Object> texts = new HashMap<>();

  /**
   * Runs the statements with one physical statement each in segments, grouped by data source; a statement with
   * several runs on its own between two segments, atomically ({@code WriteExecutor}), as it would outside a batch.
   */
  private Result grouped(StatementEngine engine, Analysis[] plans, SQLException[] failures, Execution execution,
      StatementEngine.Settings settings) throws SQLException {
    int size = sql.size();
    long[] counts = new long[size];
    List<GeneratedKeys> keys = new ArrayList<>();
    Segment segment = new Segment();
    for (int i = 0; i < size; i++) {
      keys.add(GeneratedKeys.NONE);
      if (failures[i] != null) {
        continue;
      }
      try {
        List<Object> values = parameters.get(i);
        if (plans[i] instanceof Analysis.ShardedInsert insert) {
          List<InsertRouter.PlacedRow> rows = InsertRouter.placeRows(insert, values, engine.keyGenerator(insert));
          if (insert.generatesKeys()) {
            keys.set(i, GeneratedKeys.of(generatedKeys(rows)));
          }
          if (rows.size() == 1 && insert.rowsCountOne()) {
            combine(insert, rows.get(0).shard(), i, rows, segment);
            continue;
          }
          TreeMap<Integer, List<InsertRouter.PlacedRow>> byShard = new TreeMap<>();
          for (InsertRouter.PlacedRow row : rows) {
            byShard.computeIfAbsent(row.shard(), s -> new ArrayList<>()).add(row);
          }
          if (byShard.size() == 1 && insert.rowsCountOne()) {
            combine(insert, byShard.firstKey(), i, rows, segment);
            continue;
          }
          List<ShardSql> statements = new ArrayList<>();
          for (var entry : byShard.entrySet()) {
            statements.add(InsertRouter.statement(insert, entry.getKey(), entry.getValue(), values));
          }
          segment = add(i, statements, false, segment, engine, execution, settings, counts, failures, keys);
        } else if (plans[i] instanceof Analysis.ShardedWrite write) {
          segment = add(i, Router.route(write, values, engine.runtime().keyTypes()), false, segment, engine, execution, settings, counts, failures,
              keys);
        } else {
          String dataSource = ((Analysis.PassThrough) plans[i]).dataSource();
          segment = add(i, List.of(new ShardSql(dataSource, List.of(), sql.get(i), values)), settings.returnKeys(),
              segment, engine, execution, settings, counts, failures, keys);
        }
      } catch (SQLException e) {
        failures[i] = e;
      }
    }
    run(segment, engine, execution, settings, counts, failures, keys);
    GeneratedKeys all = GeneratedKeys.NONE;
    for (GeneratedKeys statementKeys : keys) {
      all = all.and(statementKeys);
    }
    return result(counts, failures, all);
  }

  /**
   * Adds a statement's physical statements: one to the segment; several end the segment, which runs, and then run
   * together on their own. Returns the segment to add to next.
   */
  private Segment add(int statement, List<ShardSql> statements, boolean returnsKeys, Segment segment,
      StatementEngine engine, Execution execution, StatementEngine.Settings settings, long[] counts,
      SQLException[] failures, List<GeneratedKeys> keys) throws SQLException {
    if (statements.size() == 1) {
      step(new BatchWork.Step(statement, statements.get(0), returnsKeys), segment);
      return segment;
    }
    if (statements.isEmpty()) {
      return segment;
    }
    run(segment, engine, execution, settings, counts, failures, keys);
    engine.runtime().sqlLog().statement(sql.get(statement), parameters.get(statement), statements);
    try {
      counts[statement] =
          StatementEngine.sum(engine.write(statements, settings.queryTimeoutSeconds(), execution.part()));
    } catch (SQLException e) {
      failures[statement] = e;
    }
    return new Segment();
  }

  private void run(Segment segment, StatementEngine engine, Execution execution, StatementEngine.Settings settings,
      long[] counts, SQLException[] failures, List<GeneratedKeys> keys) throws SQLException {
    if (segment.slots.isEmpty()) {
      return;
    }
    List<BatchWork> work = new ArrayList<>(segment.slots.size());
    for (Object slot : segment.slots) {
      work.add(slot instanceof Combined combined ? finish(combined) : (BatchWork) slot);
    }
    logged(engine, work);
    BatchExecutor.Outcome outcome = engine.runtime().batchExecutor().execute(work, counts.length, engine.connection().session(),
        settings.queryTimeoutSeconds(), execution);
    for (int i = 0; i < counts.length; i++) {
      counts[i] += outcome.counts()[i];
      if (failures[i] == null) {
        failures[i] = outcome.failures()[i];
      }
      if (!outcome.keys().get(i).isEmpty()) {
        keys.set(i, keys.get(i).and(new GeneratedKeys(outcome.keys().get(i), outcome.keyMetadata())));
      }
    }
  }

  /** Tells the SQL log the physical statements of a segment and the texts of the statements they belong to. */
  private void logged(StatementEngine engine, List<BatchWork> work) {
    Set<String> texts = new LinkedHashSet<>();
    List<ShardSql> physical = new ArrayList<>(work.size());
    for (BatchWork each : work) {
      if (each instanceof BatchWork.Step step) {
        texts.add(sql.get(step.statement()));
        physical.add(step.sql());
      } else {
        BatchWork.CombinedInsert combined = (BatchWork.CombinedInsert) each;
        combined.statements().forEach(statement -> texts.add(sql.get(statement)));
        physical.add(combined.sql());
      }
    }
    engine.runtime().sqlLog().batch(texts, physical);
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
      Segment segment) {
    Object text = textOfPlan.computeIfAbsent(insert,
        plan -> texts.computeIfAbsent(new Text(plan.head(), plan.tail(), plan.table()), t -> new Object()));
    CombinedKey key = new CombinedKey(text, shard);
    String dataSource = insert.table().node(shard).dataSource();
    Map<CombinedKey, Combined> open = segment.open.computeIfAbsent(dataSource, d -> new HashMap<>());
    if (segment.lastText.put(dataSource, text) != text) {
      // rows must not overtake the rows of another text sent to the data source since: a row of the same physical
      // table, or of another table a foreign key may join; so a new text closes every INSERT open there
      open.clear();
    }
    Combined combined = open.get(key);
    if (combined == null || combined.full()) {
      combined = new Combined(insert, shard);
      open.put(key, combined);
      segment.slots.add(combined);
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
  private static void step(BatchWork.Step step, Segment segment) {
    segment.open.remove(step.dataSource());
    segment.lastText.remove(step.dataSource());
    segment.slots.add(step);
  }

  private BatchWork finish(Combined combined) throws SQLException {
    if (combined.byStatement.size() == 1) {
      int statement = combined.byStatement.firstKey();
      return new BatchWork.Step(statement, InsertRouter.statement(combined.insert, combined.shard, combined.rows,
          parameters.get(statement)), false);
    }
    List<Integer> statements = new ArrayList<>(combined.byStatement.keySet());
    List<Integer> rows = new ArrayList<>();
    combined.byStatement.values().forEach(own -> rows.add(own.size()));
    BatchWork.Parts separately = () -> {
      List<BatchWork.Step> parts = new ArrayList<>();
      for (var entry : combined.byStatement.entrySet()) {
        parts.add(new BatchWork.Step(entry.getKey(), InsertRouter.statement(combined.insert, combined.shard,
            entry.getValue(), parameters.get(entry.getKey())), false));
      }
      return parts;
    };
    return new BatchWork.CombinedInsert(InsertRouter.statement(combined.insert, combined.shard, combined.rows,
        parameters.get(statements.get(0))), statements, rows, separately);
  }

  private static long bytes(List<Object> values) {
    long bytes = 0;
    for (Object value : values) {
      bytes += value instanceof String text ? text.length() * 4L : value instanceof byte[] data ? data.length * 2L : 24;
    }
    return bytes;
  }

  /** The counts, or a BatchUpdateException naming the first failed statement. */
  private Result result(long[] counts, SQLException[] failures, GeneratedKeys keys) throws BatchUpdateException {
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
        + (failed > 1 ? "; " + failed + " of its " + failures.length + " statements failed" : "");
    BatchUpdateException exception = new BatchUpdateException(message, failure.getSQLState(), failure.getErrorCode(),
        counts, failure);
    for (int i = first + 1; i < failures.length; i++) {
      if (failures[i] != null) {
        exception.setNextException(new SQLException("statement " + (i + 1) + " of the batch failed: "
            + failures[i].getMessage(), failures[i].getSQLState(), failures[i].getErrorCode(), failures[i]));
      }
    }
    throw exception;
  }
}
