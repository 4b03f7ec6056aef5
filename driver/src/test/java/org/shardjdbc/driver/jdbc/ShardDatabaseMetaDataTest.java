package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/** DatabaseMetaData shows the logical database: logical tables, never physical ones (SPEC §7). */
class ShardDatabaseMetaDataTest {

  @Test
  void tablesColumnsKeysAndIndexes_areLogical() throws SQLException {
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertNotNull(metadata.getDatabaseProductName());
      assertEquals("shard-jdbc", metadata.getDriverName());
      assertEquals("`", metadata.getIdentifierQuoteString());

      List<String> tables = strings(metadata.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME");
      assertTrue(tables.containsAll(List.of("countries", "customers", "order_items", "orders")), tables.toString());
      assertFalse(tables.stream().anyMatch(name -> name.matches("orders_\\d+|order_items_\\d+")), tables.toString());
      assertEquals(List.of("orders"), strings(metadata.getTables(null, null, "orde_s", null), "TABLE_NAME"));

      List<String> columns = strings(metadata.getColumns(null, null, "orders", "%"), "COLUMN_NAME");
      assertEquals(DifferentialDatabase.shared().data().table("orders").columns(), columns);
      assertEquals(List.of("orders"), strings(metadata.getColumns(null, null, "orders", "order_id"), "TABLE_NAME"));
      assertEquals(List.of(connection.getCatalog()), strings(metadata.getColumns(null, null, "order_items", "sku"), "TABLE_CAT"));
      assertEquals(List.of("order_id"), strings(metadata.getPrimaryKeys(null, null, "orders"), "COLUMN_NAME"));
      assertTrue(strings(metadata.getIndexInfo(null, null, "orders", false, true), "INDEX_NAME").contains("idx_customer"));
      assertEquals(List.of("customer_id"), strings(metadata.getPrimaryKeys(null, null, "customers"), "COLUMN_NAME"));

      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), pool.name());
      }
    }
  }

  private static List<String> strings(ResultSet rows, String column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        values.add(rows.getString(column));
      }
    }
    return values;
  }
}
