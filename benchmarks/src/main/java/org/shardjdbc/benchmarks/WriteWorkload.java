package org.shardjdbc.benchmarks;

/**
 * The writes the write benchmark measures, on the sharded table {@code write_log} (shard key {@code id}, placed by
 * {@code id mod shardCount} like {@code orders}):
 *
 * <ul>
 *   <li>{@link #SINGLE_INSERT}: one new row, {@code INSERT INTO write_log (id, account, payload) VALUES (?, ?, ?)} as
 *       a prepared statement on a borrowed connection;
 *   <li>{@link #UPDATE_BY_KEY}: {@code UPDATE write_log SET account = account + 1, payload = ? WHERE id = ?} on one of
 *       {@value #UPDATED_ROWS} rows inserted before the trial, in turn;
 *   <li>{@link #BATCH_INSERT}: {@value #BATCH_ROWS} new rows of the INSERT in one {@code executeBatch}; the raw
 *       contender groups them by physical table by hand and sends each group as a JDBC batch, one data source per
 *       thread.
 * </ul>
 */
public enum WriteWorkload {
  SINGLE_INSERT,
  UPDATE_BY_KEY,
  BATCH_INSERT;

  static final int BATCH_ROWS = 10_000;
  /** The rows {@link #UPDATE_BY_KEY} updates, inserted before the trial. */
  static final int UPDATED_ROWS = 10_000;
  static final String LOGICAL_INSERT = "INSERT INTO write_log (id, account, payload) VALUES (?, ?, ?)";
  static final String LOGICAL_UPDATE = "UPDATE write_log SET account = account + 1, payload = ? WHERE id = ?";

  /** The rows one operation writes. */
  int rows() {
    return this == BATCH_INSERT ? BATCH_ROWS : 1;
  }

  /** The statement as the application writes it, on the logical table. */
  String logicalSql() {
    return this == UPDATE_BY_KEY ? LOGICAL_UPDATE : LOGICAL_INSERT;
  }

  /** The same statement on one physical table. */
  String physicalSql(String table) {
    return logicalSql().replace("write_log", table);
  }
}
