package org.shardjdbc.planner.analyze;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.JoinType;

/**
 * An outer join of a query block, seen by the sharded tables on each side. A side that keeps all its rows (the
 * preserved side) and holds no sharded table keeps rows that belong to no shard: run on several shards, each shard
 * would return every one of them ({@code countries c LEFT JOIN orders o}: every country once per shard). Such a join
 * is answered on one shard only, where it is exact when every sharded row it can match lives on that shard.
 *
 * @param type the join's type: LEFT, RIGHT or FULL (any other type but INNER and COMMA counts as LEFT)
 * @param left the block's sharded tables on the left side
 * @param right the block's sharded tables on the right side
 */
record OuterJoin(JoinType type, List<TableRef> left, List<TableRef> right) {

  OuterJoin {
    left = List.copyOf(left);
    right = List.copyOf(right);
  }

  boolean leftPreserved() {
    return type != JoinType.RIGHT;
  }

  boolean rightPreserved() {
    return type == JoinType.RIGHT || type == JoinType.FULL;
  }

  /** Whether a preserved side holds no sharded table while the other side holds one. */
  boolean keepsRowsOfNoShard() {
    return leftPreserved() && left.isEmpty() && !right.isEmpty() || rightPreserved() && right.isEmpty() && !left.isEmpty();
  }

  /**
   * Whether the side that supplies NULLs holds every sharded table of the block: then the ON condition's key
   * conditions tell which shard holds every sharded row the join can match.
   */
  boolean nullSupplyingSideHolds(List<TableRef> shardedTables) {
    if (type == JoinType.FULL) {
      return false;
    }
    return (leftPreserved() ? right : left).containsAll(shardedTables);
  }

  /** Why the join cannot run on several shards, naming the table whose rows it keeps. */
  String refusal(String preservedTable) {
    TableRef sharded = left.isEmpty() ? right.get(0) : left.get(0);
    String join = (type == JoinType.RIGHT || type == JoinType.FULL ? type.name() : "LEFT").toUpperCase(Locale.ROOT);
    return "a " + join + " JOIN that keeps every row of " + preservedTable + " while joining sharded table "
        + sharded.table().name() + " from several shards is not supported yet (each shard would return those rows)";
  }
}
