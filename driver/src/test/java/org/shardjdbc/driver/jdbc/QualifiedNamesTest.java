package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.ShardLayout;

/**
 * Names qualified by a database: the logical database is the default data source's database (here {@code t_h0}),
 * which {@code getCatalog()} reports; {@code t_h0.orders} is the logical table, {@code t_h0.customers} the unsharded
 * table, and {@code t_h1.orders}, the name of a logical table in another database, is refused.
 */
class QualifiedNamesTest {
  private static final String DATABASE = ShardLayout.SHOP_PREFIX + "0";

  @Test
  void getCatalog_isTheDefaultDataSourcesDatabase_andMetadataShowsIt() throws SQLException {
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      assertEquals(DATABASE, connection.getCatalog());
      try (ResultSet tables = connection.getMetaData().getTables(null, null, "order%", null)) {
        int rows = 0;
        while (tables.next()) {
          rows++;
          assertEquals(DATABASE, tables.getString("TABLE_CAT"), tables.getString("TABLE_NAME"));
        }
        assertEquals(2, rows, "orders and order_items");
      }
    }
  }

  @Test
  void logicalDatabaseQualifier_meansTheLogicalTable() throws SQLException {
    assertSameRows("SELECT order_id, status FROM " + DATABASE + ".orders WHERE order_id IN (21, 386, 1220)",
        "SELECT order_id, status FROM orders WHERE order_id IN (21, 386, 1220)", 3);
    assertSameRows("SELECT " + DATABASE + ".orders.order_id FROM " + DATABASE + ".orders WHERE " + DATABASE
        + ".orders.order_id = 21", "SELECT orders.order_id FROM orders WHERE orders.order_id = 21", 1);
    assertSameRows("SELECT COUNT(*) FROM `" + DATABASE + "`.`orders` o JOIN " + DATABASE + ".countries c"
        + " ON c.code = o.country_code", "SELECT COUNT(*) FROM orders o JOIN countries c ON c.code = o.country_code", 1);
    assertSameRows("SELECT o.order_id, i.item_id FROM " + DATABASE + ".orders o JOIN " + DATABASE + ".order_items i"
        + " ON i.order_id = o.order_id WHERE o.order_id = 1220",
        "SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON i.order_id = o.order_id WHERE o.order_id = 1220",
        -1);
    assertSameRows("SELECT customer_id, name FROM " + DATABASE + ".customers", "SELECT customer_id, name FROM customers",
        -1);
  }

  @Test
  void logicalTableInAnotherDatabase_isRefused() throws SQLException {
    try (Connection connection = DifferentialDatabase.shared().connectShard();
        Statement statement = connection.createStatement()) {
      for (String sql : List.of("SELECT * FROM t_h1.orders WHERE order_id = 21", "SELECT * FROM t_h1.countries",
          "UPDATE t_h1.orders SET status = 'x' WHERE order_id = 21", "DELETE FROM t_h1.countries")) {
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
            () -> statement.execute(sql), sql);
        assertEquals("0A000", e.getSQLState());
        assertTrue(e.getMessage().startsWith("t_h1."), e.getMessage());
      }
    }
  }

  /** The rows through the driver equal the rows of the unsharded query; {@code rows} of them unless negative. */
  private static void assertSameRows(String shardSql, String singleSql, int rows) throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    try (Connection shard = database.connectShard(); Connection single = database.connectSingle()) {
      List<List<Object>> expected = read(single, singleSql);
      List<List<Object>> actual = read(shard, shardSql);
      assertTrue(!expected.isEmpty(), "the unsharded copy has rows for " + singleSql);
      if (rows >= 0) {
        assertEquals(rows, expected.size(), singleSql);
      }
      expected.sort(QualifiedNamesTest::compare);
      actual.sort(QualifiedNamesTest::compare);
      assertEquals(expected, actual, shardSql);
    }
  }

  private static int compare(List<Object> a, List<Object> b) {
    return a.toString().compareTo(b.toString());
  }

  private static List<List<Object>> read(Connection connection, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
