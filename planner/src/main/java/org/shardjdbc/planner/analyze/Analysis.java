package org.shardjdbc.planner.analyze;

import java.util.List;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.rewrite.SqlTemplate;
import org.shardjdbc.planner.session.SessionCommand;

/**
 * What the planner learned about a statement once, from its text alone: one plan type per kind of statement, kept in
 * the plan cache and routed again for every execution with that execution's parameters. The driver dispatches on
 * the type.
 */
public sealed interface Analysis {

  /** Transaction control, SET or USE: applied to the logical connection, never sent to a server as written. */
  record Session(SessionCommand command) implements Analysis {}

  /** A statement that names no sharded or broadcast table: sent as it is to one data source. */
  record PassThrough(String dataSource) implements Analysis {}

  /** A SHOW statement or information_schema query, answered for the logical database. */
  record Catalog(CatalogQuery query) implements Analysis {}

  /**
   * {@code EXPLAIN <statement>} of a statement the driver plans: answered with the physical statements it would run.
   *
   * @param statement the explained statement's text
   * @param explained its plan
   */
  record Explain(String statement, Analysis explained) implements Analysis {}

  /**
   * A SELECT that takes or releases named locks ({@code GET_LOCK}, {@code RELEASE_LOCK}, {@code RELEASE_ALL_LOCKS}): it
   * runs on the lock data source, on the physical connection that holds the logical connection's named locks, and
   * the values of {@code calls} tell how many locks that connection holds afterwards.
   *
   * @param dataSource the lock data source
   * @param calls the select items that take or release locks, in select-list order
   * @param columns how many select items there are
   */
  record NamedLocks(String dataSource, List<NamedLockCall> calls, int columns) implements Analysis {
    public NamedLocks {
      calls = List.copyOf(calls);
      if (calls.isEmpty() || calls.size() > columns) {
        throw new IllegalArgumentException("a named-lock statement takes or releases at least one lock, each in a "
            + "column of its own: " + calls + " in " + columns + " columns");
      }
    }

    /**
     * Whether the statement is one call and nothing else, so that when it fails nothing was taken or released; when
     * a statement of several items fails, some of its calls may have been made.
     */
    public boolean singleCall() {
      return columns == 1;
    }
  }

  /**
   * A SELECT over sharded tables with a locking clause ({@code FOR UPDATE [NOWAIT | SKIP LOCKED]}, {@code FOR SHARE},
   * {@code LOCK IN SHARE MODE}): in a transaction it runs on the transaction's connections, which keep the row locks
   * until commit or rollback.
   *
   * @param select the statement, routed and merged as any SELECT over sharded tables
   * @param shardsInTurn whether several shards are read one after another, each asked only for the rows still
   *     missing, so that together they lock no more rows than the statement returns: for a LIMIT without ORDER BY,
   *     grouping or DISTINCT. Otherwise every shard runs the statement with its own LIMIT (offset + count) and keeps
   *     the locks of every row it returns, including those the merge leaves out.
   */
  record LockingSelect(ShardedSelect select, boolean shardsInTurn) implements Analysis {
    /** The locking form of {@code select}: shards in turn when its merge only concatenates and limits. */
    public static LockingSelect of(ShardedSelect select) {
      MergePlan plan = select.mergePlan();
      boolean inTurn = plan != null && plan.limit() != null && plan.shardOrder().isEmpty() && plan.finalOrder().isEmpty()
          && !plan.aggregates() && !plan.distinct() && !plan.countRows() && plan.hiddenColumns() == 0;
      return new LockingSelect(select, inTurn);
    }
  }

  /**
   * A SELECT over sharded tables.
   *
   * @param routingTable the table whose nodes tell where shard i is (the root of the bound tables)
   * @param tables the sharded tables the statement reads, for messages
   * @param conditions per query block that reads sharded tables, what it says about the shard key; with more than
   *     one block the statement is answered only when all of them route to the same single shard
   * @param singleShard the statement for one shard: the user's text with physical table names
   * @param noShard the statement for an execution whose key conditions leave no shard: the single-shard statement,
   *     run on the first shard, where no row can match those conditions either, so that it returns the rows the
   *     unsharded database returns (none, the one row of an aggregate over none, a preserved broadcast table's rows)
   * @param multiShard the statement each shard runs when several answer, or null when several cannot answer
   * @param mergePlan how several shards' rows are merged, or null with multiShard
   * @param multiShardRefusal why the statement cannot run on several shards, or null when it can
   * @param requiredDataSource the data source every shard must be on (the statement also reads unsharded tables),
   *     or null
   * @param combinable whether the statements of several shards on one server may be combined with UNION ALL
   * @param parametersOnlyInConditions whether every {@code ?} stands in a condition of the top block (WHERE, HAVING, a
   *     join's ON) or in its LIMIT, where a value bound by a statement prepared on the server means what the same value
   *     written as a literal means; in a select item it would change the column's label and type, in ORDER BY or GROUP
   *     BY its meaning
   * @param resultColumns where each select item of a statement over several shards comes from, for the result's
   *     metadata; null when unknown (the columns of a {@code *} cannot be counted, a single-shard statement)
   */
  record ShardedSelect(
      LogicalTable routingTable,
      List<LogicalTable> tables,
      List<KeyCondition> conditions,
      SqlTemplate singleShard,
      SqlTemplate noShard,
      SqlTemplate multiShard,
      MergePlan mergePlan,
      String multiShardRefusal,
      String requiredDataSource,
      boolean combinable,
      boolean parametersOnlyInConditions,
      List<ResultColumn> resultColumns) implements Analysis {

    public ShardedSelect {
      tables = List.copyOf(tables);
      conditions = List.copyOf(conditions);
      resultColumns = resultColumns == null ? null : List.copyOf(resultColumns);
      if ((multiShard == null) != (mergePlan == null) || (multiShard == null) == (multiShardRefusal == null)) {
        throw new IllegalArgumentException("a multi-shard statement needs its merge plan, or a refusal instead");
      }
    }

    /** A SELECT whose result columns are unknown, and whose parameters may stand anywhere. */
    public ShardedSelect(LogicalTable routingTable, List<LogicalTable> tables, List<KeyCondition> conditions,
        SqlTemplate singleShard, SqlTemplate noShard, SqlTemplate multiShard, MergePlan mergePlan,
        String multiShardRefusal, String requiredDataSource, boolean combinable) {
      this(routingTable, tables, conditions, singleShard, noShard, multiShard, mergePlan, multiShardRefusal,
          requiredDataSource, combinable, false, null);
    }
  }

  /**
   * INSERT or REPLACE of rows into a sharded table: each row goes to the shard of its key, and the rows of one shard
   * make one physical statement, {@code head + rows joined by ", " + tail}.
   *
   * @param verb {@code INSERT} or {@code REPLACE}, for messages
   * @param table the table written
   * @param head the statement before the first row, the physical table's name in it (and the key column appended
   *     to the column list when keys are generated): {@code INSERT INTO {orders} (order_id, status) VALUES }
   * @param rows every row with its key, in the order written
   * @param tail the statement after the last row: {@code  ON DUPLICATE KEY UPDATE status = VALUES(status)}
   * @param generatesKeys whether the table's key generator makes the rows' keys
   * @param rowsCountOne whether every row inserted counts 1 and a failure leaves no row of the statement (a plain
   *     {@code INSERT … VALUES}: no IGNORE, REPLACE or ON DUPLICATE KEY UPDATE) and no {@code ?} is outside the
   *     rows, so that the rows of several executions may be sent as one statement
   */
  record ShardedInsert(String verb, LogicalTable table, SqlTemplate head, List<InsertRow> rows, SqlTemplate tail,
      boolean generatesKeys, boolean rowsCountOne) implements Analysis {

    public ShardedInsert {
      rows = List.copyOf(rows);
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("an INSERT needs at least one row");
      }
    }
  }

  /**
   * UPDATE or DELETE of sharded tables, or INSERT … SELECT between co-located ones: the same statement on every
   * shard its key conditions leave, the counts summed.
   *
   * @param verb {@code UPDATE}, {@code DELETE} or {@code INSERT}, for messages
   * @param routingTable the table whose nodes tell where shard i is (the root of the bound tables)
   * @param tables the sharded tables the statement names, for messages
   * @param conditions per query block that reads sharded tables, what it says about the shard key (as for a SELECT)
   * @param template the statement for one shard: the user's text with physical table names, key IN lists split
   * @param multiShardRefusal why the statement cannot run on several shards (ORDER BY or LIMIT, …), or null
   * @param requiredDataSource the data source every shard must be on (the statement also names unsharded tables),
   *     or null
   */
  record ShardedWrite(String verb, LogicalTable routingTable, List<LogicalTable> tables, List<KeyCondition> conditions,
      SqlTemplate template, String multiShardRefusal, String requiredDataSource) implements Analysis {

    public ShardedWrite {
      tables = List.copyOf(tables);
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * INSERT, REPLACE, UPDATE or DELETE of a broadcast table: the same statement on every data source's copy.
   *
   * @param verb the statement's first word, for messages
   * @param table the broadcast table
   * @param template the statement, rendered for copy i as for shard i
   */
  record BroadcastWrite(String verb, LogicalTable table, SqlTemplate template) implements Analysis {}

  /**
   * A statement that changes the schema: CREATE, ALTER, DROP, TRUNCATE, RENAME. Run, it invalidates the cached
   * columns and plans.
   *
   * @param verb what it does, for messages: {@code CREATE TABLE}, {@code DROP INDEX}, …
   * @param routingTable the sharded or broadcast table whose physical tables it changes, one statement per node; null
   *     when it names no such table and runs as written on {@code dataSource}
   * @param template the statement for node i
   * @param dataSource where a statement that names no sharded or broadcast table runs, else null
   */
  record Ddl(String verb, LogicalTable routingTable, SqlTemplate template, String dataSource) implements Analysis {}
}
