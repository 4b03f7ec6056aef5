package org.shardjdbc.planner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.MySqlTokenizer;

/** Catalogue statements in, physical SQL out: which statements are recognised and what the servers are asked. */
class CatalogSqlTest {
  /** orders: 2 shards on h1 (the default data source), 2 on h2; items: first shard on h2; countries broadcast. */
  private static final ShardingModel MODEL = new ShardingModel(List.of("h1", "h2"), "h1", List.of(
      new LogicalTable("orders", "order_id", new ModAlgorithm(), List.of(new DataNode("h1", "orders_0"),
          new DataNode("h1", "orders_1"), new DataNode("h2", "orders_2"), new DataNode("h2", "orders_3")), null, false, null),
      new LogicalTable("items", "item_id", new ModAlgorithm(), List.of(new DataNode("h2", "items_0"),
          new DataNode("h1", "items_1")), null, false, null),
      new LogicalTable("countries", null, null, List.of(new DataNode("h1", "countries"), new DataNode("h2", "countries")),
          null, true, null)));
  private static final CatalogNames NAMES = new CatalogNames("h1", Map.of("h1", "shop", "h2", "shop_2"), true);
  private static final CatalogSql SQL = new CatalogSql(MODEL, NAMES);
  private static final InformationSchemaView TABLES = new InformationSchemaView("tables", List.of(
      new InformationSchemaView.Column("TABLE_SCHEMA", "VARCHAR"), new InformationSchemaView.Column("TABLE_NAME", "VARCHAR"),
      new InformationSchemaView.Column("TABLE_ROWS", "BIGINT UNSIGNED"), new InformationSchemaView.Column("CREATE_TIME", "DATETIME")));

  private static CatalogQuery recognize(String sql) throws SQLException {
    return CatalogStatements.recognize(sql, MySqlTokenizer.tokenize(sql), MODEL);
  }

  @Test
  void recognize_catalogueStatementsOnly() throws SQLException {
    assertEquals(new CatalogQuery.Show(CatalogQuery.ShowKind.FULL_TABLES, "shop", "'o%'", null),
        recognize("SHOW FULL TABLES FROM shop LIKE 'o%';"));
    assertEquals(new CatalogQuery.Show(CatalogQuery.ShowKind.TABLE_STATUS, null, null, "Rows > 0"),
        recognize("show table status where Rows > 0"));
    assertEquals(new CatalogQuery.Show(CatalogQuery.ShowKind.DATABASES, null, null, null), recognize("SHOW SCHEMAS"));
    assertNull(recognize("SHOW VARIABLES LIKE 'version%'"));
    assertNull(recognize("SHOW COLUMNS FROM customers"), "an unsharded table is answered by the default data source");
    assertNull(recognize("DESCRIBE countries"), "a broadcast table has a copy on the default data source");
    assertNull(recognize("EXPLAIN SELECT * FROM orders"));
    assertNull(recognize("SELECT * FROM orders"));
    assertThrows(SQLFeatureNotSupportedException.class,
        () -> recognize("SELECT * FROM orders WHERE status IN (SELECT table_name FROM information_schema.tables)"));
  }

  @Test
  void tableShow_asksTheFirstPhysicalTable() throws SQLException {
    assertEquals(new CatalogSql.PhysicalStatement("h1", "SHOW FULL COLUMNS FROM `orders_0` LIKE 'a%'"),
        SQL.tableShow((CatalogQuery.TableShow) recognize("SHOW FULL COLUMNS FROM orders FROM shop LIKE 'a%'")));
    assertEquals(new CatalogSql.PhysicalStatement("h2", "DESCRIBE `items_0` item_id"),
        SQL.tableShow((CatalogQuery.TableShow) recognize("DESCRIBE shop.items item_id")));
    assertEquals(new CatalogSql.PhysicalStatement("h1", "SHOW CREATE TABLE `orders_0`"),
        SQL.tableShow((CatalogQuery.TableShow) recognize("SHOW CREATE TABLE `orders`")));
    assertEquals(new CatalogSql.PhysicalStatement("h1", "SHOW INDEX FROM orders FROM other"),
        SQL.tableShow((CatalogQuery.TableShow) recognize("SHOW INDEX FROM orders FROM other")),
        "a table of another database is not the logical one");
  }

  @Test
  void show_isTheSelectOfInformationSchemaThatAnswersIt() throws SQLException {
    assertEquals("SELECT `TABLE_NAME` AS `Tables_in_shop (o\\_%)` FROM information_schema.`TABLES`"
            + " WHERE `TABLE_SCHEMA` = 'shop' AND `TABLE_NAME` LIKE BINARY 'o\\_%' ORDER BY 1",
        SQL.show((CatalogQuery.Show) recognize("SHOW TABLES LIKE 'o\\_%'"), TABLES));
    assertEquals("SELECT * FROM (SELECT `TABLE_NAME` AS `Name`, `TABLE_ROWS` AS `Rows`, `CREATE_TIME` AS `Create_time`"
            + " FROM information_schema.`TABLES` WHERE `TABLE_SCHEMA` = 'shop') AS `show_rows` WHERE Rows > 0 ORDER BY 1",
        SQL.show((CatalogQuery.Show) recognize("SHOW TABLE STATUS WHERE Rows > 0"), TABLES));
    SQLSyntaxErrorException hidden = assertThrows(SQLSyntaxErrorException.class,
        () -> SQL.show((CatalogQuery.Show) recognize("SHOW TABLES IN shop_2"), TABLES));
    assertEquals(1049, hidden.getErrorCode());
  }

  @Test
  void informationSchemaSelect_readsTheLogicalRows() throws SQLException {
    CatalogQuery.InformationSchemaSelect select = (CatalogQuery.InformationSchemaSelect) recognize(
        "SELECT table_name, t.TABLE_ROWS FROM information_schema.TABLES t WHERE information_schema.TABLES.TABLE_SCHEMA = ?");
    assertEquals(List.of("table_name", "TABLE_ROWS"), select.selectedColumns());
    CatalogSql.RemoteRead remote = SQL.remoteRead(TABLES, "h2");
    assertEquals("SELECT * FROM information_schema.`TABLES` WHERE `TABLE_SCHEMA` = ? AND `TABLE_NAME` IN (?)", remote.sql());
    assertEquals(List.of("shop_2", "items_0"), remote.parameters());
    Object[] row = SQL.logicalRow(TABLES, "h2", new Object[] {"shop_2", "items_0", 7L, null});
    assertEquals(List.of("shop", "items", 7L), Arrays.asList(row).subList(0, 3));
    String sql = SQL.render(select, Map.of("TABLES", TABLES), Map.of("TABLES", List.<Object[]>of(row)));
    assertEquals("SELECT table_name, t.TABLE_ROWS FROM (SELECT `TABLE_SCHEMA` AS `TABLE_SCHEMA`, CASE WHEN `TABLE_SCHEMA` ="
        + " 'shop' AND `TABLE_NAME` = 'orders_0' THEN 'orders' ELSE `TABLE_NAME` END AS `table_name`, `TABLE_ROWS` AS"
        + " `TABLE_ROWS`, `CREATE_TIME` AS `CREATE_TIME` FROM information_schema.`TABLES` WHERE `TABLE_SCHEMA` NOT IN"
        + " ('shop_2') AND NOT (`TABLE_SCHEMA` = 'shop' AND `TABLE_NAME` IN ('orders_1', 'items_1')) UNION ALL SELECT"
        + " 'shop', 'items', CAST(7 AS UNSIGNED), CAST(NULL AS DATETIME(6))) t WHERE `TABLES`.TABLE_SCHEMA = ?", sql);
    assertTrue(CatalogSql.views(select).contains("TABLES"));
  }
}
