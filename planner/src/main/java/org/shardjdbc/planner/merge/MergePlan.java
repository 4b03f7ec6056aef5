package org.shardjdbc.planner.merge;

import java.util.List;

/**
 * How the rows of several shards become the one result of the logical statement. Operators apply in this order:
 * k-way merge by {@code shardOrder} (or concatenation when it is empty), group merge ({@code columnMerges} present),
 * {@code having}, re-sort by {@code finalOrder}, DISTINCT, LIMIT, and, for the paging wrapper, counting rows.
 *
 * @param hiddenColumns how many columns the driver appended to each shard's select list; they are dropped from
 *     the result
 * @param shardOrder the order each shard's rows arrive in (its ORDER BY); empty when unordered
 * @param columnMerges for a GROUP BY or aggregate query, how each column of a shard row is merged (one entry per
 *     column, hidden ones included); null for a query without aggregation
 * @param groupKeys the columns whose equal values form a group; empty with columnMerges for one group of all rows
 * @param having a condition on merged groups, or null
 * @param finalOrder an ORDER BY applied after grouping, when it differs from the shards' order; empty otherwise
 * @param distinct whether duplicate result rows are removed
 * @param limit the LIMIT to apply, or null
 * @param countRows whether the result is one row counting the merged rows ({@code SELECT count(0) FROM (…) t})
 * @param countLabel the column label of that count
 * @param collationKeys where the merge finds the server's weights of the strings of the columns it compares; a
 *     compared column without one is compared by its values (numbers, dates, and strings only where the driver
 *     knows the collation exactly)
 */
public record MergePlan(
    int hiddenColumns,
    List<SortKey> shardOrder,
    List<ColumnMerge> columnMerges,
    List<ColumnRef> groupKeys,
    RowExpression having,
    List<SortKey> finalOrder,
    boolean distinct,
    LimitSpec limit,
    boolean countRows,
    String countLabel,
    List<CollationKey> collationKeys) {

  public MergePlan {
    shardOrder = List.copyOf(shardOrder);
    columnMerges = columnMerges == null ? null : List.copyOf(columnMerges);
    groupKeys = List.copyOf(groupKeys);
    finalOrder = List.copyOf(finalOrder);
    collationKeys = List.copyOf(collationKeys);
    if (columnMerges == null && (!groupKeys.isEmpty() || having != null)) {
      throw new IllegalArgumentException("group keys or HAVING without column merges");
    }
    if (columnMerges != null && !groupKeys.isEmpty() && !orderedByGroupKeys(shardOrder, groupKeys)) {
      throw new IllegalArgumentException("a streaming group merge needs the shards ordered by the group keys " + groupKeys
          + ", not " + shardOrder);
    }
    for (CollationKey key : collationKeys) {
      checkCollationKey(key, hiddenColumns, columnMerges);
    }
  }

  private static void checkCollationKey(CollationKey key, int hiddenColumns, List<ColumnMerge> columnMerges) {
    for (ColumnRef column : List.of(key.weights(), key.padding())) {
      if (column.index() >= hiddenColumns) {
        throw new IllegalArgumentException("collation key " + key + ": " + column + " is not one of the " + hiddenColumns
            + " hidden columns");
      }
      ColumnMerge expected = new ColumnMerge.SameRowAs(key.column());
      if (columnMerges != null && !columnMerges.get(columnMerges.size() - hiddenColumns + column.index()).equals(expected)) {
        throw new IllegalArgumentException("collation key " + key + ": the group merge must take " + column
            + " as " + expected);
      }
    }
  }

  private static boolean orderedByGroupKeys(List<SortKey> order, List<ColumnRef> keys) {
    if (order.size() < keys.size()) {
      return false;
    }
    for (int i = 0; i < keys.size(); i++) {
      boolean found = false;
      for (int j = 0; j < keys.size(); j++) {
        found |= order.get(j).column().equals(keys.get(i));
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  public boolean aggregates() {
    return columnMerges != null;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Merge(");
    text.append(shardOrder.isEmpty() ? "concat" : "sorted" + shardOrder);
    if (columnMerges != null) {
      text.append(", group").append(groupKeys).append(' ').append(columnMerges);
    }
    if (having != null) {
      text.append(", having ").append(having);
    }
    if (!finalOrder.isEmpty()) {
      text.append(", order").append(finalOrder);
    }
    if (distinct) {
      text.append(", distinct");
    }
    if (limit != null) {
      text.append(", ").append(limit);
    }
    if (countRows) {
      text.append(", count rows");
    }
    if (!collationKeys.isEmpty()) {
      text.append(", collation").append(collationKeys);
    }
    if (hiddenColumns > 0) {
      text.append(", hidden=").append(hiddenColumns);
    }
    return text.append(')').toString();
  }
}
