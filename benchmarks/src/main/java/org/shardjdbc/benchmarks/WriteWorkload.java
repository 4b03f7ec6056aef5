package org.shardjdbc.benchmarks;

/**
 * The writes the write benchmark measures, on the sharded table {@code write_log} (shard key {@code id}, placed by
 * {@code id mod shardCount} like {@code orders}):
 *
 * <ul>
 *   <li>{@link #SINGLE_INSERT}: one row, {@code INSERT INTO write_log (id, account, payload) VALUES (?, ?, ?)} as a
 *       prepared statement on a borrowed connection;
 *   <li>{@link #BATCH_INSERT}: {@value #BATCH_ROWS} rows of the same statement in one {@code executeBatch}; the raw
 *       contender groups them by physical table by hand and sends each group as a JDBC batch, one data source per
 *       thread.
 * </ul>
 */
public enum WriteWorkload {
  SINGLE_INSERT,
  BATCH_INSERT;

  static final int BATCH_ROWS = 10_000;
  static final String LOGICAL_SQL = "INSERT INTO write_log (id, account, payload) VALUES (?, ?, ?)";

  /** The rows one operation inserts. */
  int rows() {
    return this == SINGLE_INSERT ? 1 : BATCH_ROWS;
  }

  /** The same statement on one physical table. */
  static String physicalSql(String table) {
    return "INSERT INTO " + table + " (id, account, payload) VALUES (?, ?, ?)";
  }
}
