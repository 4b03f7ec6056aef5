package org.shardjdbc.samples.migration;

import java.sql.SQLException;
import java.util.List;

/** Writes a chunk of legacy rows into the sharded orders table, all of them or, on failure, an exception. */
interface ChunkWriter extends AutoCloseable {
  /** The target's columns, in the order of a row: the key, then the legacy table's other columns. */
  String COLUMNS = "order_id, customer_id, amount, status, note, created_at";

  /** An upsert of every column but the key, so that writing a row again leaves the source's values. */
  String UPSERT = " ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), amount = VALUES(amount),"
      + " status = VALUES(status), note = VALUES(note), created_at = VALUES(created_at)";

  /**
   * @param rows each {@code [id, customer_id, amount, status, note, created_at]}
   */
  void write(List<Object[]> rows) throws SQLException;

  @Override
  void close() throws SQLException;

  /** Opens one writer per worker. */
  @FunctionalInterface
  interface Factory {
    ChunkWriter open() throws SQLException;
  }

  /** {@code INSERT INTO table (columns) VALUES (?, …), … ON DUPLICATE KEY UPDATE …} for {@code rows} rows. */
  static String upsert(String table, int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(COLUMNS).append(") VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
    }
    return sql.append(UPSERT).toString();
  }
}
