package org.shardjdbc.planner.analyze;

import java.util.List;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.rewrite.SqlTemplate;
import org.shardjdbc.planner.session.SessionCommand;

/**
 * What the planner learned about a statement once, from its text alone: kept in the plan cache and routed again for
 * every execution with that execution's parameters.
 */
public sealed interface Analysis {

  /** Transaction control, SET or USE: applied to the logical connection, never sent to a server as written. */
  record Session(SessionCommand command) implements Analysis {}

  /** A statement that names no sharded table: sent as it is to one data source. */
  record PassThrough(String dataSource) implements Analysis {}

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
   * @param multiShard the statement each shard runs when several answer, or null when several cannot answer
   * @param mergePlan how several shards' rows are merged, or null with multiShard
   * @param multiShardRefusal why the statement cannot run on several shards, or null when it can
   * @param requiredDataSource the data source every shard must be on (the statement also reads unsharded tables),
   *     or null
   * @param combinable whether the statements of several shards on one server may be combined with UNION ALL
   */
  record ShardedSelect(
      LogicalTable routingTable,
      List<LogicalTable> tables,
      List<KeyCondition> conditions,
      SqlTemplate singleShard,
      SqlTemplate multiShard,
      MergePlan mergePlan,
      String multiShardRefusal,
      String requiredDataSource,
      boolean combinable) implements Analysis {

    public ShardedSelect {
      tables = List.copyOf(tables);
      conditions = List.copyOf(conditions);
      if ((multiShard == null) != (mergePlan == null) || (multiShard == null) == (multiShardRefusal == null)) {
        throw new IllegalArgumentException("a multi-shard statement needs its merge plan, or a refusal instead");
      }
    }
  }
}
