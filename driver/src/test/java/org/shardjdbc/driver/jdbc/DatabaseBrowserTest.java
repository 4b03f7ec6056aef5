package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.runtime.ShardRuntimes;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.model.DataNode;

/**
 * DatabaseMetaData as a generic-JDBC database browser (DBeaver's generic driver, BI tools) uses it: the calls it makes
 * when it connects, lists the tables, and opens a table's columns, data, keys and DDL; then every combination of null,
 * empty, name and pattern arguments of the table-scoped calls. The logical database is {@code t_meta0} (data source
 * h0); {@code t_meta1} (h1) holds only physical tables and is hidden. No result ever names a physical table of a
 * sharded table or a hidden database.
 */
class DatabaseBrowserTest {
  private static final String LOGICAL = "t_meta0";
  private static final String HIDDEN = "t_meta1";
  /** A physical table of a sharded table, or a hidden database, anywhere in a value. */
  private static final Pattern PHYSICAL = Pattern.compile("(?i).*((orders|order_items)_\\d\\d(?!\\d)|" + HIDDEN + ").*",
      Pattern.DOTALL);
  private static final List<String> TABLES = List.of("countries", "customers", "order_items", "orders");

  private static ShardLayout layout;

  @BeforeAll
  static void createTables() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "t_meta", 2)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .bound("order_items", "order_id", "orders")
        .broadcast("countries")
        .build();
    layout.recreateDatabases();
    layout.createTable("countries", "(code CHAR(2) NOT NULL, name VARCHAR(40) NOT NULL, PRIMARY KEY (code))");
    layout.createTable("customers", "(customer_id BIGINT NOT NULL, name VARCHAR(40), country_code CHAR(2),"
        + " PRIMARY KEY (customer_id), KEY idx_country (country_code), FOREIGN KEY (country_code) REFERENCES countries (code))");
    layout.createTable("orders", "(order_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, country_code CHAR(2),"
        + " amount DECIMAL(12,2), PRIMARY KEY (order_id), KEY idx_customer (customer_id),"
        + " FOREIGN KEY (country_code) REFERENCES countries (code))");
    layout.createTable("order_items", "(item_id BIGINT NOT NULL, order_id BIGINT NOT NULL, sku VARCHAR(20) NOT NULL,"
        + " PRIMARY KEY (item_id), UNIQUE KEY uk_order_sku (order_id, sku))");
    List<DataNode> orders = layout.physicalTables("orders");
    List<DataNode> items = layout.physicalTables("order_items");
    for (int i = 0; i < orders.size(); i++) {
      ShardLayout.DataSource dataSource = layout.dataSource(items.get(i).dataSource());
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE `" + items.get(i).table() + "` ADD FOREIGN KEY (order_id) REFERENCES `"
            + orders.get(i).table() + "` (order_id)");
      }
    }
    layout.insert("countries", List.of("code", "name"),
        List.<Object[]>of(new Object[] {"FR", "France"}, new Object[] {"JP", "Japan"}));
    layout.insert("customers", List.of("customer_id", "name", "country_code"),
        List.<Object[]>of(new Object[] {1L, "Ann", "FR"}));
    List<Object[]> orderRows = new ArrayList<>();
    for (long id = 1; id <= 8; id++) {
      orderRows.add(new Object[] {id, 1L, id % 2 == 0 ? "FR" : "JP", id * 10});
    }
    layout.insert("orders", List.of("order_id", "customer_id", "country_code", "amount"), orderRows);
  }

  @AfterAll
  static void closeRuntime() {
    ShardRuntimes.close(layout.configFile().toString());
  }

  @Test
  void browserSession_seesTheLogicalDatabaseOnly() throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      // connect: what the tool shows about the server and the driver, and how it quotes
      DatabaseMetaData metadata = connection.getMetaData();
      assertEquals("shard-jdbc", metadata.getDriverName());
      assertTrue(metadata.getDatabaseProductVersion().startsWith(metadata.getDatabaseMajorVersion() + "."),
          metadata.getDatabaseProductVersion());
      assertTrue(metadata.getDriverMajorVersion() >= 0);
      assertEquals(4, metadata.getJDBCMajorVersion());
      assertEquals("`", metadata.getIdentifierQuoteString());
      assertEquals("\\", metadata.getSearchStringEscape());
      assertEquals(".", metadata.getCatalogSeparator());
      assertTrue(metadata.isCatalogAtStart());
      assertTrue(metadata.getSQLKeywords() != null);
      assertFalse(metadata.getNumericFunctions().isEmpty());
      assertTrue(metadata.supportsCatalogsInTableDefinitions());
      assertEquals(layout.url(), metadata.getURL());
      assertEquals(LOGICAL, connection.getCatalog());
      assertNull(connection.getSchema());

      // the navigator: catalogues, schemas, table types, data types, tables
      List<String> catalogs = column(metadata.getCatalogs(), "TABLE_CAT");
      assertTrue(catalogs.contains(LOGICAL), catalogs.toString());
      assertFalse(catalogs.contains(HIDDEN), catalogs.toString());
      assertEquals(List.of(), column(metadata.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of(), column(metadata.getSchemas(LOGICAL, null), "TABLE_SCHEM"));
      assertTrue(column(metadata.getTableTypes(), "TABLE_TYPE").contains("TABLE"));
      assertTrue(column(metadata.getTypeInfo(), "TYPE_NAME").contains("BIGINT"));
      assertEquals(TABLES, column(metadata.getTables(LOGICAL, null, "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME"));
      assertEquals(List.of(LOGICAL, LOGICAL, LOGICAL, LOGICAL),
          column(metadata.getTables(LOGICAL, null, null, null), "TABLE_CAT"));
      column(metadata.getFunctions(LOGICAL, null, "%"), "FUNCTION_NAME");
      column(metadata.getProcedures(LOGICAL, null, "%"), "PROCEDURE_NAME");

      // a table opened: columns, keys, indexes, references
      assertEquals(List.of("order_id", "customer_id", "country_code", "amount"),
          column(metadata.getColumns(LOGICAL, null, "orders", "%"), "COLUMN_NAME"));
      assertEquals(List.of("orders", "orders", "orders", "orders"),
          column(metadata.getColumns(LOGICAL, null, "orders", null), "TABLE_NAME"));
      assertEquals(List.of("order_id"), column(metadata.getPrimaryKeys(LOGICAL, null, "orders"), "COLUMN_NAME"));
      assertEquals(List.of("PRIMARY", "country_code", "idx_customer"),
          column(metadata.getIndexInfo(LOGICAL, null, "orders", false, true), "INDEX_NAME"));
      assertEquals(List.of("PRIMARY", "uk_order_sku", "uk_order_sku"),
          column(metadata.getIndexInfo(LOGICAL, null, "order_items", true, true), "INDEX_NAME"));
      assertEquals(List.of("countries"), column(metadata.getImportedKeys(LOGICAL, null, "orders"), "PKTABLE_NAME"));
      assertEquals(List.of("orders"), column(metadata.getImportedKeys(LOGICAL, null, "order_items"), "PKTABLE_NAME"));
      assertEquals(List.of("order_items"), column(metadata.getExportedKeys(LOGICAL, null, "orders"), "FKTABLE_NAME"));
      assertEquals(List.of("customers", "orders"),
          column(metadata.getExportedKeys(LOGICAL, null, "countries"), "FKTABLE_NAME"));
      assertEquals(List.of("order_id"),
          column(metadata.getCrossReference(LOGICAL, null, "orders", LOGICAL, null, "order_items"), "FKCOLUMN_NAME"));
      assertEquals(List.of(LOGICAL), column(metadata.getImportedKeys(LOGICAL, null, "order_items"), "PKTABLE_CAT"));
      assertEquals(List.of(LOGICAL), column(metadata.getImportedKeys(LOGICAL, null, "order_items"), "FKTABLE_CAT"));
      assertEquals(List.of("order_items_ibfk_1"),
          column(metadata.getImportedKeys(LOGICAL, null, "order_items"), "FK_NAME"));
      assertEquals(List.of("order_id"), column(metadata.getBestRowIdentifier(LOGICAL, null, "orders",
          DatabaseMetaData.bestRowSession, false), "COLUMN_NAME"));

      // its data, as the tool selects it (qualified by the catalogue) and counts it
      try (Statement statement = connection.createStatement()) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM `" + LOGICAL + "`.`orders` LIMIT 200")) {
          ResultSetMetaData columns = rows.getMetaData();
          assertEquals(4, columns.getColumnCount());
          assertEquals("order_id", columns.getColumnLabel(1));
          int count = 0;
          while (rows.next()) {
            count++;
          }
          assertEquals(8, count);
        }
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + LOGICAL + "`.`orders`")) {
          assertTrue(rows.next());
          assertEquals(8, rows.getLong(1));
        }
      }
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), pool.name());
      }
    }
  }

  @Test
  void everyArgumentCombination_answersWithLogicalNamesOnly() throws SQLException {
    List<String> catalogs = Arrays.asList(null, "", LOGICAL, HIDDEN);
    List<String> tables = Arrays.asList(null, "", "%", "ORDERS", "ord%", "order\\_items", "customers", "orders_00",
        "order_items_03");
    List<String> schemas = Arrays.asList(null, "");
    int calls = 0;
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      DatabaseMetaData metadata = connection.getMetaData();
      for (String catalog : catalogs) {
        for (String schema : schemas) {
          for (String table : tables) {
            String call = "(" + catalog + ", " + schema + ", " + table + ")";
            checkLogical("getTables" + call, metadata.getTables(catalog, schema, table, null));
            checkLogical("getColumns" + call, metadata.getColumns(catalog, schema, table, null));
            checkLogical("getTablePrivileges" + call, metadata.getTablePrivileges(catalog, schema, table));
            if (table == null || !table.contains("%") && !table.contains("\\")) {
              checkLogical("getPrimaryKeys" + call, metadata.getPrimaryKeys(catalog, schema, table));
              checkLogical("getIndexInfo" + call, metadata.getIndexInfo(catalog, schema, table, false, true));
              checkLogical("getImportedKeys" + call, metadata.getImportedKeys(catalog, schema, table));
              checkLogical("getExportedKeys" + call, metadata.getExportedKeys(catalog, schema, table));
              checkLogical("getBestRowIdentifier" + call,
                  metadata.getBestRowIdentifier(catalog, schema, table, DatabaseMetaData.bestRowSession, true));
              checkLogical("getVersionColumns" + call, metadata.getVersionColumns(catalog, schema, table));
              calls += 6;
            }
            calls += 3;
          }
          checkLogical("getSchemas(" + catalog + ", " + schema + ")", metadata.getSchemas(catalog, schema));
          checkLogical("getFunctions(" + catalog + ", " + schema + ")", metadata.getFunctions(catalog, schema, "%"));
          checkLogical("getProcedures(" + catalog + ", " + schema + ")", metadata.getProcedures(catalog, schema, null));
          calls += 3;
        }
      }
      checkLogical("getCatalogs", metadata.getCatalogs());
      assertEquals(4 * 2 * (9 * 3 + 6 * 6 + 3), calls);

      // the same answers whichever way the logical database is named or left out
      assertEquals(rowsOf(metadata.getTables(LOGICAL, null, "%", null)), rowsOf(metadata.getTables(null, null, "%", null)));
      assertEquals(rowsOf(metadata.getColumns(LOGICAL, null, "order%", null)),
          rowsOf(metadata.getColumns(null, "", "order%", "%")));
      assertEquals(rowsOf(metadata.getIndexInfo(LOGICAL, null, "orders", false, true)),
          rowsOf(metadata.getIndexInfo(null, null, "orders", false, true)));
      assertEquals(rowsOf(metadata.getPrimaryKeys(LOGICAL, null, "ORDERS")),
          rowsOf(metadata.getPrimaryKeys(null, null, "orders")));
      // a null table name means every table: the rows of each table, together
      List<List<Object>> everyTable = new ArrayList<>();
      for (String table : TABLES) {
        everyTable.addAll(rowsOf(metadata.getPrimaryKeys(LOGICAL, null, table)));
      }
      assertEquals(Set.copyOf(everyTable), Set.copyOf(rowsOf(metadata.getPrimaryKeys(LOGICAL, null, null))));
      assertEquals(4, everyTable.size());
      // physical names, hidden databases and empty names find nothing
      assertEquals(List.of(), rowsOf(metadata.getTables(null, null, "orders\\_00", null)));
      assertEquals(List.of(), rowsOf(metadata.getTables(HIDDEN, null, "%", null)));
      assertEquals(List.of(), rowsOf(metadata.getTables("", null, "%", null)));
      assertEquals(List.of(), rowsOf(metadata.getPrimaryKeys(LOGICAL, null, "")));
      assertEquals(List.of(), rowsOf(metadata.getIndexInfo(LOGICAL, null, "orders_01", false, true)));
      assertEquals(List.of("order_id"), column(metadata.getColumns(null, null, "ORD_RS", "order\\_id"), "COLUMN_NAME"));
    }
  }

  /** Reads a result whole and checks that no value names a physical table or a hidden database. */
  private static void checkLogical(String call, ResultSet result) throws SQLException {
    for (List<Object> row : rowsOf(result)) {
      for (Object value : row) {
        assertFalse(value != null && PHYSICAL.matcher(value.toString()).matches(), call + ": " + row);
      }
    }
  }

  private static List<List<Object>> rowsOf(ResultSet result) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (result) {
      int width = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }


  private static List<String> column(ResultSet result, String label) throws SQLException {
    List<String> values = new ArrayList<>();
    try (result) {
      while (result.next()) {
        values.add(result.getString(label));
      }
    }
    return values;
  }
}
