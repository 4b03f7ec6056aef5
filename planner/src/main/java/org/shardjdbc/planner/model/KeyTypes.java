package org.shardjdbc.planner.model;

/**
 * The type of each sharded table's key column, as the servers define it: what routing needs to know which stored keys
 * a value of a query equals ({@link MatchingKeys}). The driver reads it from a table's first physical table.
 */
@FunctionalInterface
public interface KeyTypes {

  /**
   * @param table a sharded table
   * @return its key column's type; {@link KeyType#OTHER} when it is not known, which makes routing ask every shard
   *     for any value
   */
  KeyType keyType(LogicalTable table);
}
