package org.shardjdbc.samples.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The legacy table: {@code legacy_orders} on one server, outside the sharded layout, with the column
 * {@code is_import} that the migration sets to 1 on each row it has copied.
 */
final class LegacyOrders {
  static final String COLUMNS = "customer_id, amount, status, note, created_at";

  private LegacyOrders() {}

  /** Creates the legacy table with {@code rows} generated orders, ids 1 .. rows, none imported. */
  static void create(Connection legacy, int rows) throws SQLException {
    try (Statement statement = legacy.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS legacy_orders");
      statement.execute("CREATE TABLE legacy_orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,"
          + " amount DECIMAL(12,2) NOT NULL, status VARCHAR(10) NOT NULL, note VARCHAR(100), created_at DATETIME NOT NULL,"
          + " is_import TINYINT NOT NULL DEFAULT 0, KEY idx_import (is_import, id))");
      // MariaDB's sequence engine makes the rows on the server
      statement.execute("INSERT INTO legacy_orders (id, " + COLUMNS + ") SELECT seq, seq * 7 % 5000,"
          + " (seq * 31 % 100000) / 100, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'returned'),"
          + " IF(seq % 10 = 0, NULL, CONCAT('note ', seq)),"
          + " TIMESTAMP '2015-01-01 00:00:00' + INTERVAL (seq * 7919 % 300000000) SECOND FROM seq_1_to_" + rows);
    }
  }

  /** Rows not yet marked as imported. */
  static long notImported(Connection legacy) throws SQLException {
    try (Statement statement = legacy.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM legacy_orders WHERE is_import = 0")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * A digest of the rows' content, the same for {@code legacy_orders} (by {@code id}) and the sharded {@code orders}
   * (by {@code order_id}) when they hold the same rows: count, sum of keys, sum of each row's CRC32.
   */
  static String digest(Connection connection, String table, String key) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT COUNT(*), SUM(" + key + "), SUM(CRC32(CONCAT_WS('|', " + key + ", " + COLUMNS + "))) FROM " + table)) {
      rows.next();
      return rows.getLong(1) + " rows, keys " + rows.getString(2) + ", crc " + rows.getString(3);
    }
  }
}
