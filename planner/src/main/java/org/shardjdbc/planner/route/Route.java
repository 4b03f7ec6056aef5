package org.shardjdbc.planner.route;

import java.util.List;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Where one execution of a statement goes: its physical statements, in shard order, and how their rows are merged.
 *
 * @param statements one per shard asked
 * @param mergePlan how to merge several shards' rows; null when one statement answers and its rows stream through
 * @param limit the LIMIT of this execution with its parameters resolved, or null
 * @param combinable whether the statements of one server may be combined into one UNION ALL
 * @param preparableOnServer whether a server may prepare the statements with their markers: each marker stands
 *     where a bound value means what the same value written as a literal means, with a value mysql-connector-j
 *     would write as a literal of its bound type (a statement without markers always may)
 */
public record Route(List<ShardSql> statements, MergePlan mergePlan, ResolvedLimit limit, boolean combinable,
    boolean preparableOnServer) {

  public Route {
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one statement");
    }
  }

  /** A route whose statements a server prepares only when they have no markers. */
  public Route(List<ShardSql> statements, MergePlan mergePlan, ResolvedLimit limit, boolean combinable) {
    this(statements, mergePlan, limit, combinable, false);
  }

  public boolean singleShard() {
    return mergePlan == null;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (ShardSql statement : statements) {
      text.append(statement).append('\n');
    }
    if (mergePlan != null) {
      text.append(mergePlan).append('\n');
    }
    return text.toString();
  }
}
