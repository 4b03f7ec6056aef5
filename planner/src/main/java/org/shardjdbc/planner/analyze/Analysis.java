package org.shardjdbc.planner.analyze;

import java.util.List;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.rewrite.SqlTemplate;

/**
 * What the planner learned about a statement once, from its text alone: kept in the plan cache and routed again for
 * every execution with that execution's parameters.
 */
public sealed interface Analysis {

  /** A statement that names no sharded table: sent as it is to one data source. */
  record PassThrough(String dataSource) implements Analysis {}

  /** A SHOW statement or information_schema query, answered for the logical database. */
  record Catalog(CatalogQuery query) implements Analysis {}

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
