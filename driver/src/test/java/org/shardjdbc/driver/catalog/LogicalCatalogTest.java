package org.shardjdbc.driver.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;
import org.shardjdbc.driver.testing.StringEquality;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * The logical catalogue (SHOW statements, information_schema) shows logical tables only, and answers as the same
 * statement does on one unsharded database holding the same tables ({@value DifferentialDatabase#SINGLE_DATABASE}),
 * up to the database's name.
 */
class LogicalCatalogTest {
  private static DifferentialDatabase database;
  private static Connection shard;
  private static Connection single;

  @BeforeAll
  static void connect() throws SQLException {
    database = DifferentialDatabase.shared();
    shard = database.connectShard();
    single = database.connectSingle();
  }

  @AfterAll
  static void close() throws SQLException {
    for (DataSourcePool pool : shard.unwrap(ShardConnection.class).runtime().pools().values()) {
      assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
    }
    shard.close();
    single.close();
  }

  @Test
  void databaseName_isTheDefaultDataSourcesDatabase() throws SQLException {
    String logical = database.layout().defaultDataSource().database();
    assertEquals(logical, shard.getCatalog());
    assertEquals(List.of(List.of(logical)), query(shard, "SELECT DATABASE()").rows());
    assertEquals(query(single, "SELECT VERSION(), @@version_comment, @@lower_case_table_names").rows(),
        query(shard, "SELECT VERSION(), @@version_comment, @@lower_case_table_names").rows());
  }

  @Test
  void showTables_listsLogicalTablesOnly() throws SQLException {
    String label = "Tables_in_" + shard.getCatalog();
    assertSameRows("SHOW TABLES", label, "Tables_in_" + DifferentialDatabase.SINGLE_DATABASE);
    assertEquals(List.of(List.of("countries"), List.of("customers"), List.of("order_items"), List.of("orders")),
        sorted(query(shard, "SHOW TABLES").rows()));
    assertSameRows("SHOW FULL TABLES", label, "Tables_in_" + DifferentialDatabase.SINGLE_DATABASE);
    assertSameRows("SHOW TABLES LIKE 'order%'", label + " (order%)", "Tables_in_t_single (order%)");
    assertSameRows("SHOW TABLES LIKE 'ORDER%'", label + " (ORDER%)", "Tables_in_t_single (ORDER%)");
    assertSameRows("SHOW TABLES LIKE 'orders\\_%'", label + " (orders\\_%)", "Tables_in_t_single (orders\\_%)");
    assertSameRows("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE' AND " + label + " <> 'customers'", label,
        "Tables_in_t_single", "SHOW FULL TABLES WHERE Table_type = 'BASE TABLE' AND Tables_in_t_single <> 'customers'");
    assertSameRows("SHOW TABLES FROM " + shard.getCatalog(), label, "Tables_in_t_single", "SHOW TABLES FROM t_single");
    SQLSyntaxErrorException hidden = assertThrows(SQLSyntaxErrorException.class,
        () -> query(shard, "SHOW TABLES FROM " + database.layout().dataSources().get(1).database()));
    assertEquals(1049, hidden.getErrorCode());
  }

  @Test
  void showTableStatus_hasTheServersColumns() throws SQLException {
    QueryResult expected = query(single, "SHOW TABLE STATUS");
    QueryResult actual = query(shard, "SHOW TABLE STATUS");
    assertEquals(expected.labels(), actual.labels());
    assertEquals(expected.types(), actual.types());
    assertEquals(names(expected), names(actual));
    assertEquals(List.of("orders"), names(query(shard, "SHOW TABLE STATUS LIKE 'orders'")));
    assertEquals(names(query(single, "SHOW TABLE STATUS WHERE Engine = 'InnoDB' AND Name LIKE '%s'")),
        names(query(shard, "SHOW TABLE STATUS WHERE Engine = 'InnoDB' AND Name LIKE '%s'")));
  }

  @Test
  void showDatabases_hidesTheOtherDataSourcesDatabases() throws SQLException {
    List<List<Object>> rows = query(shard, "SHOW DATABASES").rows();
    assertTrue(rows.contains(List.of(shard.getCatalog())), rows.toString());
    for (int i = 1; i < database.layout().dataSources().size(); i++) {
      assertFalse(rows.contains(List.of(database.layout().dataSources().get(i).database())), rows.toString());
    }
    assertEquals(List.of(List.of(shard.getCatalog())), query(shard, "SHOW DATABASES LIKE '" + shard.getCatalog() + "'").rows());
    assertEquals("Database (" + shard.getCatalog() + ")",
        query(shard, "SHOW DATABASES LIKE '" + shard.getCatalog() + "'").labels().get(0));
  }

  @Test
  void showColumnsIndexAndCreateTable_describeTheLogicalTable() throws SQLException {
    for (String sql : List.of("SHOW COLUMNS FROM orders", "SHOW FULL COLUMNS FROM orders", "SHOW FIELDS IN orders",
        "DESCRIBE orders", "DESC orders", "DESC orders order_id", "EXPLAIN order_items", "DESCRIBE orders 'c%'",
        "SHOW COLUMNS FROM orders LIKE '%_id'", "SHOW COLUMNS FROM orders WHERE `Null` = 'NO'",
        "SHOW CREATE TABLE orders", "SHOW CREATE TABLE order_items", "SHOW COLUMNS FROM countries",
        "SHOW COLUMNS FROM customers")) {
      assertSame(sql, query(single, sql), query(shard, sql));
    }
    String logical = shard.getCatalog();
    assertSame("SHOW COLUMNS FROM orders FROM " + logical, query(single, "SHOW COLUMNS FROM orders FROM t_single"),
        query(shard, "SHOW COLUMNS FROM orders FROM " + logical));
    assertSame("DESCRIBE " + logical + ".orders", query(single, "DESCRIBE t_single.orders"),
        query(shard, "DESCRIBE " + logical + ".orders"));
    assertEquals("orders", query(shard, "SHOW CREATE TABLE orders").rows().get(0).get(0));
    for (String sql : List.of("SHOW INDEX FROM orders", "SHOW INDEXES FROM order_items", "SHOW KEYS IN orders")) {
      QueryResult expected = query(single, sql);
      QueryResult actual = query(shard, sql);
      assertEquals(expected.labels(), actual.labels(), sql);
      assertEquals(indexColumns(expected), indexColumns(actual), sql);
    }
  }

  /** information_schema queries: filters, joins, subqueries, parameters, qualified column names. */
  @Test
  void informationSchema_showsLogicalTablesOnly() throws SQLException {
    List<String> queries = List.of(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
        "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME",
        "SELECT t.table_name FROM information_schema.tables AS t WHERE t.table_schema = DATABASE() AND t.table_name LIKE 'order%'",
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'orders\\_%'",
        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name LIKE 'order\\_items\\_%'",
        "SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length,"
            + " numeric_precision, numeric_scale, datetime_precision, character_set_name, collation_name, column_type,"
            + " column_key, extra FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position",
        "SELECT table_name, COUNT(*) AS n FROM information_schema.columns WHERE table_schema = DATABASE() GROUP BY table_name",
        "SELECT c.table_name, c.column_name FROM information_schema.tables t JOIN information_schema.columns c"
            + " ON c.table_schema = t.table_schema AND c.table_name = t.table_name"
            + " WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND c.data_type = 'decimal'",
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN"
            + " (SELECT table_name FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'order_id')",
        "SELECT table_name, index_name, non_unique, seq_in_index, column_name, collation, nullable, index_type"
            + " FROM information_schema.statistics WHERE table_schema = DATABASE()",
        "SELECT constraint_name, table_name, column_name, ordinal_position, referenced_table_name"
            + " FROM information_schema.key_column_usage WHERE table_schema = DATABASE()",
        "SELECT constraint_name, table_name, constraint_type FROM information_schema.table_constraints WHERE table_schema = DATABASE()",
        "SELECT constraint_name, table_name, referenced_table_name FROM information_schema.referential_constraints"
            + " WHERE constraint_schema = DATABASE()",
        "SELECT information_schema.TABLES.TABLE_NAME FROM information_schema.TABLES WHERE information_schema.TABLES.TABLE_SCHEMA = DATABASE()",
        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = DATABASE()",
        "SELECT character_set_name FROM information_schema.character_sets WHERE character_set_name = 'utf8mb4'",
        "SELECT DISTINCT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders'",
        "SELECT COUNT(*) FROM information_schema.columns c, customers u WHERE c.table_schema = DATABASE() AND c.table_name = 'customers' AND u.customer_id = 1");
    for (String sql : queries) {
      assertSame(sql, query(single, sql), query(shard, sql));
    }
    // the other data sources' databases are hidden (the unsharded server holds them too: no comparison)
    assertEquals(List.of(List.of(1L)), query(shard, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE 't\\_h%'").rows());
    assertEquals(List.of(List.of(4L)), query(shard, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema LIKE 't\\_h%'").rows());
    try (PreparedStatement statement = shard.prepareStatement(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position")) {
      statement.setString(1, "order_items");
      assertEquals(List.of(List.of("item_id"), List.of("order_id"), List.of("sku"), List.of("price"), List.of("quantity")),
          QueryResult.read(statement.executeQuery()).rows());
    }
  }

  @Test
  void informationSchemaWithShardedTables_isRefused() {
    SQLFeatureNotSupportedException refused = assertThrows(SQLFeatureNotSupportedException.class, () -> query(shard,
        "SELECT o.order_id FROM orders o WHERE EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'orders')"));
    assertTrue(refused.getMessage().contains("information_schema"), refused.getMessage());
  }

  /**
   * A layout whose default data source holds no physical table of the sharded one: its first physical table's rows are
   * read on the other data source and added to the default data source's views.
   */
  @Test
  void firstPhysicalTableOnAnotherDataSource_isAddedUnderItsLogicalName() throws SQLException, Exception {
    TestServer server = TestServers.shared();
    server.recreateDatabase("t_cat_default");
    server.recreateDatabase("t_cat_shards");
    try (Connection connection = server.connect("t_cat_default"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))");
    }
    try (Connection connection = server.connect("t_cat_shards"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events_0 (event_id BIGINT PRIMARY KEY, kind VARCHAR(10) NOT NULL, KEY idx_kind (kind))");
      statement.execute("CREATE TABLE events_1 (event_id BIGINT PRIMARY KEY, kind VARCHAR(10) NOT NULL, KEY idx_kind (kind))");
    }
    Path config = Files.createTempFile(Path.of("target"), "catalog-", ".yaml");
    Files.writeString(config, "dataSources:\n"
        + "  main: { url: \"" + server.jdbcUrl("t_cat_default") + "\", username: \"" + server.user() + "\", password: \""
        + server.password() + "\" }\n"
        + "  shards: { url: \"" + server.jdbcUrl("t_cat_shards") + "\", username: \"" + server.user() + "\", password: \""
        + server.password() + "\" }\n"
        + "tables:\n"
        + "  events: { shardKey: event_id, nodes: { shards: \"events_${0..1}\" } }\n"
        + "defaultDataSource: main\n");
    config.toFile().deleteOnExit();
    try (Connection connection = DriverManager.getConnection("jdbc:shard:" + config.toAbsolutePath())) {
      assertEquals(List.of(List.of("events"), List.of("notes")), sorted(query(connection, "SHOW TABLES").rows()));
      assertEquals(List.of(List.of("events", "BASE TABLE", "t_cat_default")), query(connection,
          "SELECT table_name, table_type, table_schema FROM information_schema.tables WHERE table_name = 'events'"
              + " AND table_schema = DATABASE()").rows());
      assertEquals(List.of(List.of("event_id", 1L), List.of("kind", 2L)), query(connection,
          "SELECT column_name, ordinal_position FROM information_schema.columns WHERE table_schema = DATABASE()"
              + " AND table_name = 'events' ORDER BY ordinal_position").rows().stream()
              .map(row -> List.<Object>of(row.get(0), ((Number) row.get(1)).longValue())).toList());
      assertEquals(query(connection, "SELECT * FROM information_schema.tables WHERE 1 = 0").types(),
          query(connection, "SELECT * FROM information_schema.tables WHERE table_name = 'events'").types());
      assertEquals(List.of(List.of("events", "idx_kind", "kind")), query(connection, "SELECT table_name, index_name, column_name"
          + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND non_unique = 1").rows());
      assertEquals(0, query(connection, "SELECT * FROM information_schema.tables WHERE table_schema = 't_cat_shards'").rows().size());
      assertEquals("events", query(connection, "SHOW CREATE TABLE events").rows().get(0).get(0));
      assertNull(query(connection, "SHOW TABLE STATUS LIKE 'events'").rows().get(0).get(10), "Auto_increment");
    }
  }

  private static List<Object> indexColumns(QueryResult result) {
    List<Object> columns = new ArrayList<>();
    for (List<Object> row : result.rows()) {
      columns.add(List.of(String.valueOf(row.get(0)), row.get(1), row.get(2), row.get(3), row.get(4)));
    }
    return columns;
  }

  private static List<Object> names(QueryResult result) {
    List<Object> names = new ArrayList<>();
    for (List<Object> row : result.rows()) {
      names.add(row.get(0));
    }
    names.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    return names;
  }

  private static void assertSameRows(String sql, String label, String singleLabel) throws SQLException {
    assertSameRows(sql, label, singleLabel, sql);
  }

  private static void assertSameRows(String sql, String label, String singleLabel, String singleSql) throws SQLException {
    QueryResult expected = query(single, singleSql);
    QueryResult actual = query(shard, sql);
    assertEquals(List.of(singleLabel), expected.labels().subList(0, 1), singleSql);
    assertEquals(label, actual.labels().get(0), sql);
    assertEquals(expected.labels().subList(1, expected.labels().size()), actual.labels().subList(1, actual.labels().size()), sql);
    assertEquals(expected.types(), actual.types(), sql);
    assertEquals(sorted(expected.rows()), sorted(actual.rows()), sql);
  }

  private static void assertSame(String sql, QueryResult expected, QueryResult actual) throws SQLException {
    String difference = expected.firstDifference(actual, false, StringEquality.EXACT);
    assertNull(difference, () -> sql + ": " + difference + "\n  expected " + expected.describe(10) + "\n  actual "
        + actual.describe(10));
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
    return sorted;
  }

  private static QueryResult query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      return QueryResult.read(result);
    }
  }
}
