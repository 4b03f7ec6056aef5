package org.shardjdbc.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.merge.SortKey;
import org.shardjdbc.planner.route.ResolvedLimit;

/**
 * Combines the statements of several shards on one server into one, so that the server does the first level of the
 * merge and the query costs one round trip per server instead of one per table:
 *
 * <pre>
 * SELECT … FROM orders_000 … ORDER BY created_at LIMIT 10
 * SELECT … FROM orders_001 … ORDER BY created_at LIMIT 10
 *   becomes
 * (SELECT … FROM orders_000 … ORDER BY created_at LIMIT 10) UNION ALL (SELECT … FROM orders_001 … LIMIT 10)
 *   ORDER BY 3 LIMIT 10
 * </pre>
 *
 * The outer ORDER BY names the sort columns by position, or hidden ones by their alias, so that the combined rows
 * arrive in the order the merge expects; the outer LIMIT is the per-shard one (not for DISTINCT, whose shards may
 * repeat each other's rows). The first statement gives the union its column names and types; the others are written
 * as later branches ({@link ShardSql#laterBranchSql()}), without the items whose type alone matters.
 */
public final class CombineShardsPerServer {
  private CombineShardsPerServer() {}

  /**
   * @param statements statements of one data source, at least one
   * @param plan the merge plan of the statement
   * @param limit the resolved LIMIT, or null
   * @return one statement giving the same rows, in the order the merge expects
   */
  public static ShardSql combine(List<ShardSql> statements, MergePlan plan, ResolvedLimit limit) {
    if (statements.size() == 1) {
      return statements.get(0);
    }
    int length = 64;
    int parameterCount = 0;
    for (ShardSql statement : statements) {
      length += statement.sql().length() + 13;
      parameterCount += statement.parameters().size();
    }
    StringBuilder sql = new StringBuilder(length);
    List<Object> parameters = new ArrayList<>(parameterCount);
    List<String> tables = new ArrayList<>(statements.size());
    for (ShardSql statement : statements) {
      boolean first = sql.length() == 0;
      if (!first) {
        sql.append(" UNION ALL ");
      }
      sql.append('(').append(first ? statement.sql() : statement.laterBranchSql()).append(')');
      parameters.addAll(statement.parameters());
      tables.addAll(statement.tables());
    }
    if (!plan.shardOrder().isEmpty()) {
      sql.append(" ORDER BY ");
      for (int i = 0; i < plan.shardOrder().size(); i++) {
        SortKey key = plan.shardOrder().get(i);
        if (i > 0) {
          sql.append(", ");
        }
        if (key.column().hidden()) {
          sql.append("`__h").append(key.column().index()).append('`');
        } else {
          sql.append(key.column().index() + 1);
        }
        if (key.descending()) {
          sql.append(" DESC");
        }
      }
    }
    // the shards of a DISTINCT query may repeat each other's rows, so their union's first rows may be too few
    if (!plan.aggregates() && !plan.distinct() && limit != null) {
      sql.append(" LIMIT ").append(limit.perShardCount());
    }
    return new ShardSql(statements.get(0).dataSource(), tables, sql.toString(), parameters);
  }
}
