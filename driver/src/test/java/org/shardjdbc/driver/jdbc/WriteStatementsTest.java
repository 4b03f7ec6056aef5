package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.model.DataNode;

/**
 * INSERT, UPDATE, DELETE, batches, generated keys and DDL through the driver, on 2 data sources x 2 tables: where rows
 * land, the update counts, refusals, and that no connection stays borrowed. The tables are made by the driver's own DDL.
 */
class WriteStatementsTest {
  private static ShardLayout layout;
  private Connection connection;
  private Statement statement;

  @BeforeAll
  static void createTables() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "wr_h", 2)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .bound("order_items", "order_id", "orders")
        .sharded("events", "event_id", "snowflake")
        .sharded("engines", "id")
        .broadcast("countries")
        .build();
    layout.recreateDatabases();
    try (Connection connection = DriverManager.getConnection(layout.url()); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (order_id BIGINT PRIMARY KEY, status VARCHAR(20), amount INT NOT NULL DEFAULT 0)");
      statement.execute("CREATE TABLE IF NOT EXISTS order_items (order_id BIGINT, item_no INT, qty INT, "
          + "PRIMARY KEY (order_id, item_no), FOREIGN KEY (order_id) REFERENCES orders (order_id))");
      statement.execute("CREATE TABLE events (event_id BIGINT PRIMARY KEY, payload VARCHAR(50))");
      statement.execute("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(50))");
      statement.execute("CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(50))");
    }
  }

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection(layout.url());
    statement = connection.createStatement();
    for (String table : List.of("order_items", "orders", "events", "countries", "notes")) {
      statement.executeUpdate("DELETE FROM " + table);
    }
  }

  @AfterEach
  void close() throws SQLException {
    ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
    connection.close();
    for (DataSourcePool pool : runtime.pools().values()) {
      assertEquals(0, pool.borrowedConnections(), "connections left borrowed from " + pool.name());
    }
  }

  @Test
  void insert_putsEachRowOnItsKeysShard() throws SQLException {
    assertEquals(4, statement.executeUpdate(
        "INSERT INTO orders (order_id, status) VALUES (1, 'a'), (2, 'b'), (6, 'c'), (-1, 'd')"));
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO `orders` (`status`, order_id) VALUES (?, ?)")) {
      insert.setString(1, "e");
      insert.setLong(2, 7);
      assertEquals(1, insert.executeUpdate());
    }
    assertEquals(1, statement.executeUpdate("INSERT INTO orders VALUES (9, 'f', 3)"), "no column list: the table's order");
    assertPlacement("orders", List.of(1L, 2L, 6L, -1L, 7L, 9L));
  }

  @Test
  void upsertsAndReplace_countAsMysqlDoes() throws SQLException {
    statement.executeUpdate("INSERT INTO orders (order_id, amount) VALUES (1, 10), (2, 20)");
    String upsert = "INSERT INTO orders (order_id, amount) VALUES (1, 5), (3, 7) ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)";
    assertEquals(3, statement.executeUpdate(upsert), "1 updated (2) + 1 inserted (1)");
    assertEquals(15, amount(1));
    assertEquals(2, statement.executeUpdate("REPLACE INTO orders (order_id, amount) VALUES (2, 1)"), "deleted and inserted");
    assertEquals(1, statement.executeUpdate("INSERT IGNORE INTO orders (order_id) VALUES (2), (4)"), "one ignored");
  }

  @Test
  void updateAndDelete_areRoutedByTheKey() throws SQLException {
    statement.executeUpdate("INSERT INTO orders (order_id, status) VALUES (1, 'x'), (2, 'x'), (3, 'y'), (4, 'x')");
    assertEquals(1, statement.executeUpdate("UPDATE orders SET status = 'z' WHERE order_id = 3"));
    assertEquals(3, statement.executeUpdate("UPDATE orders SET amount = amount + 1 WHERE status = 'x'"), "every shard, summed");
    assertEquals(0, statement.executeUpdate("UPDATE orders SET amount = 9 WHERE order_id = 1 AND order_id = 2"));
    assertEquals(1, statement.executeUpdate("DELETE FROM orders WHERE order_id = 4 ORDER BY amount LIMIT 1"));
    assertEquals(2, statement.executeUpdate("DELETE FROM orders WHERE order_id IN (1, 2, 5)"));
    assertPlacement("orders", List.of(3L));
  }

  @Test
  void writesThatCannotBeExact_areRefused() throws SQLException {
    statement.executeUpdate("INSERT INTO orders (order_id) VALUES (1)");
    SQLFeatureNotSupportedException keyChange = assertThrows(SQLFeatureNotSupportedException.class,
        () -> statement.executeUpdate("UPDATE orders SET order_id = 2 WHERE order_id = 1"));
    assertTrue(keyChange.getMessage().contains("changing the shard key is not supported"), keyChange.getMessage());
    assertEquals("0A000", keyChange.getSQLState());
    SQLFeatureNotSupportedException limit = assertThrows(SQLFeatureNotSupportedException.class,
        () -> statement.executeUpdate("DELETE FROM orders ORDER BY amount LIMIT 1"));
    assertTrue(limit.getMessage().contains("over several shards"), limit.getMessage());
    SQLException missingKey = assertThrows(SQLException.class,
        () -> statement.executeUpdate("INSERT INTO orders (status) VALUES ('x')"));
    assertTrue(missingKey.getMessage().contains("orders without its shard key order_id"), missingKey.getMessage());
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (order_id) VALUES (?)")) {
      insert.setNull(1, java.sql.Types.BIGINT);
      SQLException nullKey = assertThrows(SQLException.class, insert::executeUpdate);
      assertEquals("the shard key orders.order_id of row 1 is NULL: a row needs a key to have a shard", nullKey.getMessage());
    }
    assertPlacement("orders", List.of(1L));
  }

  @Test
  void multiRowInsert_thatFailsOnOneShard_changesNothing() throws SQLException {
    statement.executeUpdate("INSERT INTO orders (order_id) VALUES (3)");
    SQLException duplicate = assertThrows(SQLException.class,
        () -> statement.executeUpdate("INSERT INTO orders (order_id) VALUES (1), (2), (3), (4)"));
    assertEquals(1062, duplicate.getErrorCode());
    assertTrue(duplicate.getMessage().contains("the statement changed nothing"), duplicate.getMessage());
    assertPlacement("orders", List.of(3L));
  }

  @Test
  void broadcastWrites_reachEveryCopy() throws SQLException {
    assertEquals(2, statement.executeUpdate("INSERT INTO countries VALUES ('FR', 'France'), ('DE', 'Germany')"));
    assertEquals(1, statement.executeUpdate("UPDATE countries SET name = 'Deutschland' WHERE code = 'DE'"));
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection physical = dataSource.server().connect(dataSource.database());
          ResultSet rows = physical.createStatement().executeQuery("SELECT name FROM countries ORDER BY code")) {
        assertTrue(rows.next());
        assertEquals("Deutschland", rows.getString(1));
        assertTrue(rows.next());
        assertEquals("France", rows.getString(1));
        assertFalse(rows.next());
      }
    }
  }

  @Test
  void batches_countInTheCallersOrder_andNameFailures() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (order_id, status) VALUES (?, ?)")) {
      for (long id : new long[] {1, 2, 3, 2, 5}) {
        insert.setLong(1, id);
        insert.setString(2, "s" + id);
        insert.addBatch();
      }
      BatchUpdateException failed = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertArrayEquals(new int[] {1, 1, 1, Statement.EXECUTE_FAILED, 1}, failed.getUpdateCounts());
      assertEquals(1062, failed.getErrorCode());
      assertTrue(failed.getMessage().startsWith("statement 4 of the batch failed"), failed.getMessage());
    }
    statement.addBatch("UPDATE orders SET amount = 1 WHERE order_id = 1");
    statement.addBatch("UPDATE orders SET amount = 2");
    statement.addBatch("DELETE FROM orders WHERE order_id = 5");
    statement.addBatch("INSERT INTO orders (order_id) VALUES (6), (7)");
    assertArrayEquals(new int[] {1, 4, 1, 2}, statement.executeBatch());
    assertPlacement("orders", List.of(1L, 2L, 3L, 6L, 7L));
  }

  @Test
  void generatedKeys_inRowOrder() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (payload) VALUES (?), (?)",
        Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "a");
      insert.setString(2, "b");
      assertEquals(2, insert.executeUpdate());
      List<Long> keys = keys(insert.getGeneratedKeys());
      assertEquals(2, keys.size());
      try (ResultSet rows = statement.executeQuery("SELECT payload FROM events WHERE event_id = " + keys.get(1))) {
        assertTrue(rows.next());
        assertEquals("b", rows.getString(1));
      }
      assertPlacement("events", keys);
    }
    assertEquals(1, statement.executeUpdate("INSERT INTO notes (text) VALUES ('x')", Statement.RETURN_GENERATED_KEYS));
    assertEquals(1, keys(statement.getGeneratedKeys()).size());
    statement.executeUpdate("INSERT INTO notes (text) VALUES ('y')");
    assertThrows(SQLException.class, statement::getGeneratedKeys);
  }

  @Test
  void ddl_changesEveryPhysicalTable_andTheCachedColumns() throws SQLException {
    statement.execute("CREATE TABLE scratch (id BIGINT PRIMARY KEY)");
    statement.execute("DROP TABLE scratch");
    statement.execute("ALTER TABLE events ADD COLUMN note VARCHAR(10)");
    try {
      assertEquals(1, statement.executeUpdate("INSERT INTO events VALUES (5, 'p', 'n')"), "the new column is known");
    } finally {
      statement.execute("ALTER TABLE events DROP COLUMN note");
    }
    SQLException failed = assertThrows(SQLException.class, () -> statement.execute("ALTER TABLE events ADD COLUMN payload INT"));
    assertTrue(failed.getMessage().startsWith("ALTER TABLE on events failed: "), failed.getMessage());
    assertTrue(failed.getMessage().contains("done on 0 of 4 physical tables"), failed.getMessage());
  }

  /**
   * CREATE/DROP INDEX and TRUNCATE on a logical table apply to every physical table; DDL on a table the configuration
   * does not name goes to the default data source only.
   */
  @Test
  void ddl_indexesAndTruncate_reachEveryPhysicalTable_andOtherTablesTheDefaultDataSource() throws SQLException {
    statement.execute("CREATE INDEX orders_by_status ON orders (status)");
    assertEquals(List.of(1L, 1L, 1L, 1L), perPhysicalTable("orders", "SELECT COUNT(*) FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%s' AND INDEX_NAME = 'orders_by_status'"));
    statement.execute("DROP INDEX orders_by_status ON orders");
    assertEquals(List.of(0L, 0L, 0L, 0L), perPhysicalTable("orders", "SELECT COUNT(*) FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%s' AND INDEX_NAME = 'orders_by_status'"));
    // events: no foreign key refers to it, which TRUNCATE would refuse
    statement.executeUpdate("INSERT INTO events (event_id, payload) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
    assertEquals(List.of(1L, 1L, 1L, 1L), perPhysicalTable("events", "SELECT COUNT(*) FROM %s"));
    statement.execute("TRUNCATE TABLE events");
    assertEquals(List.of(0L, 0L, 0L, 0L), perPhysicalTable("events", "SELECT COUNT(*) FROM %s"));
    statement.execute("CREATE TABLE unconfigured (id INT)");
    try {
      List<Long> copies = new ArrayList<>();
      for (ShardLayout.DataSource dataSource : layout.dataSources()) {
        try (Connection physical = dataSource.server().connect(dataSource.database());
            ResultSet rows = physical.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'unconfigured'")) {
          assertTrue(rows.next());
          copies.add(rows.getLong(1));
        }
      }
      assertEquals(layout.defaultDataSource().name(), layout.dataSources().get(0).name());
      assertEquals(List.of(1L, 0L), copies, "only on the default data source");
    } finally {
      statement.execute("DROP TABLE unconfigured");
    }
  }

  /** A query's single number on each physical table of a logical table, {@code %s} standing for the table's name. */
  private static List<Long> perPhysicalTable(String table, String query) throws SQLException {
    List<Long> values = new ArrayList<>();
    for (DataNode node : layout.table(table).nodes()) {
      ShardLayout.DataSource dataSource = layout.dataSource(node.dataSource());
      try (Connection physical = dataSource.server().connect(dataSource.database());
          ResultSet rows = physical.createStatement().executeQuery(String.format(query, node.table()))) {
        assertTrue(rows.next(), node.toString());
        values.add(rows.getLong(1));
      }
    }
    return values;
  }

  /**
   * DDL commits the open transaction, as MySQL's does, and runs with the session's variables: a table created after
   * {@code SET default_storage_engine} has that engine on every physical table.
   */
  @Test
  void ddl_commitsTheOpenTransaction_andRunsWithTheSessionsVariables() throws SQLException {
    connection.setAutoCommit(false);
    statement.executeUpdate("INSERT INTO orders (order_id) VALUES (7)");
    statement.execute("SET default_storage_engine = MyISAM");
    statement.execute("CREATE TABLE engines (id BIGINT PRIMARY KEY)");
    try {
      connection.rollback();
      assertPlacement("orders", List.of(7L));
      List<String> engines = new ArrayList<>();
      for (DataNode node : layout.table("engines").nodes()) {
        ShardLayout.DataSource dataSource = layout.dataSource(node.dataSource());
        try (Connection physical = dataSource.server().connect(dataSource.database());
            ResultSet rows = physical.createStatement().executeQuery("SELECT ENGINE FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + node.table() + "'")) {
          assertTrue(rows.next(), node.toString());
          engines.add(rows.getString(1));
        }
      }
      assertEquals(List.of("MyISAM", "MyISAM", "MyISAM", "MyISAM"), engines);
    } finally {
      connection.setAutoCommit(true);
      statement.execute("SET default_storage_engine = InnoDB");
      statement.execute("DROP TABLE engines");
    }
  }

  @Test
  void selectWithContradictingKeys_returnsWhatOneDatabaseReturns() throws SQLException {
    statement.executeUpdate("INSERT INTO orders (order_id) VALUES (1), (2)");
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) AS n FROM orders WHERE order_id = 1 AND order_id = 2")) {
      assertTrue(rows.next());
      assertEquals(0, rows.getLong("n"));
      assertFalse(rows.next());
    }
    try (ResultSet rows = statement.executeQuery("SELECT order_id, status FROM orders WHERE order_id IN (NULL)")) {
      ResultSetMetaData metadata = rows.getMetaData();
      assertEquals(2, metadata.getColumnCount());
      assertEquals("status", metadata.getColumnLabel(2));
      assertFalse(rows.next());
    }
  }

  @Test
  void insertSelect_betweenBoundTables_runsOnEachShard() throws SQLException {
    statement.executeUpdate("INSERT INTO orders (order_id, amount) VALUES (1, 10), (2, 20), (3, 30)");
    assertEquals(2, statement.executeUpdate(
        "INSERT INTO order_items (order_id, item_no, qty) SELECT o.order_id, 1, o.amount FROM orders o WHERE o.order_id >= 2"));
    assertPlacement("order_items", List.of(2L, 3L));
    SQLFeatureNotSupportedException refused = assertThrows(SQLFeatureNotSupportedException.class,
        () -> statement.executeUpdate("INSERT INTO order_items (order_id, item_no) SELECT amount, 1 FROM orders"));
    assertTrue(refused.getMessage().contains("the SELECT must give the shard key"), refused.getMessage());
  }

  @Test
  void batchWithOtherStatements_runsThemInTurn() throws SQLException {
    statement.addBatch("INSERT INTO orders (order_id) VALUES (1)");
    statement.addBatch("SET autocommit = 1");
    statement.addBatch("INSERT INTO countries VALUES ('FR', 'France')");
    statement.addBatch("UPDATE orders SET amount = 5");
    assertArrayEquals(new int[] {1, 0, 1, 1}, statement.executeBatch());
    assertEquals(5, amount(1));
  }

  @Test
  void preparedBatch_returnsTheGeneratedKeysInOrder() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (payload) VALUES (?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (String payload : List.of("a", "b", "c", "d", "e")) {
        insert.setString(1, payload);
        insert.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1, 1, 1}, insert.executeBatch());
      List<Long> keys = keys(insert.getGeneratedKeys());
      assertEquals(5, keys.size());
      assertPlacement("events", keys);
      try (ResultSet rows = statement.executeQuery("SELECT payload FROM events WHERE event_id = " + keys.get(3))) {
        assertTrue(rows.next());
        assertEquals("d", rows.getString(1));
      }
    }
  }

  @Test
  void broadcastWrite_thatFailsOnOneCopy_changesNoCopy() throws SQLException {
    ShardLayout.DataSource second = layout.dataSources().get(1);
    try (Connection physical = second.server().connect(second.database())) {
      physical.createStatement().executeUpdate("INSERT INTO countries VALUES ('FR', 'only here')");
    }
    SQLException failed = assertThrows(SQLException.class,
        () -> statement.executeUpdate("INSERT INTO countries VALUES ('FR', 'France')"));
    assertEquals(1062, failed.getErrorCode());
    assertTrue(failed.getMessage().startsWith("h1 (countries): "), failed.getMessage());
    assertTrue(failed.getMessage().endsWith("the statement changed nothing (rolled back on [h0 (countries), h1 (countries)])"),
        failed.getMessage());
    ShardLayout.DataSource first = layout.dataSources().get(0);
    try (Connection physical = first.server().connect(first.database());
        ResultSet rows = physical.createStatement().executeQuery("SELECT COUNT(*) FROM countries")) {
      assertTrue(rows.next());
      assertEquals(0, rows.getLong(1), "the copy on h0 was rolled back");
    }
  }

  @Test
  void ddlThatFailsOnOnePhysicalTable_namesWhereItRan() throws SQLException {
    DataNode third = layout.table("events").node(2);
    ShardLayout.DataSource dataSource = layout.dataSource(third.dataSource());
    try (Connection physical = dataSource.server().connect(dataSource.database())) {
      physical.createStatement().execute("ALTER TABLE " + third.table() + " ADD COLUMN extra INT");
    }
    try {
      SQLException failed = assertThrows(SQLException.class, () -> statement.execute("ALTER TABLE events ADD COLUMN extra INT"));
      assertTrue(failed.getMessage().startsWith("ALTER TABLE on events failed: " + third.dataSource() + " ("
          + third.table() + "): "), failed.getMessage());
      assertTrue(failed.getMessage().contains("failed on [" + third.dataSource() + " (" + third.table() + ")]"),
          failed.getMessage());
      assertEquals(1060, failed.getErrorCode(), "the server's duplicate column error");
    } finally {
      statement.execute("ALTER TABLE events DROP COLUMN IF EXISTS extra");
    }
  }

  @Test
  void inATransaction_aFailedWriteOverSeveralShards_isUndoneAlone() throws SQLException {
    connection.setAutoCommit(false);
    statement.executeUpdate("INSERT INTO orders (order_id) VALUES (1)");
    SQLException duplicate = assertThrows(SQLException.class,
        () -> statement.executeUpdate("INSERT INTO orders (order_id) VALUES (5), (6), (1)"));
    assertEquals(1062, duplicate.getErrorCode());
    assertEquals(1, statement.executeUpdate("INSERT INTO orders (order_id) VALUES (2)"));
    connection.commit();
    connection.setAutoCommit(true);
    assertPlacement("orders", List.of(1L, 2L));
  }

  @Test
  void explain_showsTheWritesPhysicalStatements() throws SQLException {
    try (ResultSet rows = statement.executeQuery("EXPLAIN UPDATE orders SET status = 'x' WHERE order_id IN (1, 2)")) {
      List<String> statements = new ArrayList<>();
      while (rows.next()) {
        statements.add(rows.getString(1) + ": " + rows.getString(2));
      }
      DataNode one = layout.nodeOf("orders", 1L);
      DataNode two = layout.nodeOf("orders", 2L);
      assertEquals(List.of(one.dataSource() + ": UPDATE " + one.table() + " SET status = 'x' WHERE order_id IN (1)",
          two.dataSource() + ": UPDATE " + two.table() + " SET status = 'x' WHERE order_id IN (2)"), statements);
    }
  }

  /**
   * LAST_INSERT_ID() is the logical connection's own: two connections that insert in turn each read their own key,
   * though one pooled physical connection may run both INSERTs; a generated snowflake key counts, an INSERT that
   * generates none leaves it, and the function anywhere else is refused.
   */
  @Test
  void lastInsertId_isTheLogicalConnectionsOwn() throws SQLException {
    try (Connection other = DriverManager.getConnection(layout.url()); Statement second = other.createStatement()) {
      assertEquals(0, lastInsertId(second, "SELECT LAST_INSERT_ID()"));
      statement.executeUpdate("INSERT INTO notes (text) VALUES ('first'), ('and more')", Statement.RETURN_GENERATED_KEYS);
      long mine = keys(statement.getGeneratedKeys()).get(0);
      second.executeUpdate("INSERT INTO notes (text) VALUES ('second')", Statement.RETURN_GENERATED_KEYS);
      long theirs = keys(second.getGeneratedKeys()).get(0);
      assertEquals(mine + 2, theirs);
      assertEquals(mine, lastInsertId(statement, "SELECT LAST_INSERT_ID()"));
      assertEquals(theirs, lastInsertId(second, "select last_insert_id() AS id;"));
      statement.executeUpdate("INSERT INTO countries (code, name) VALUES ('NL', 'Netherlands')");
      assertEquals(mine, lastInsertId(statement, "SELECT LAST_INSERT_ID() id"));
      statement.executeUpdate("INSERT INTO events (payload) VALUES ('e')", Statement.RETURN_GENERATED_KEYS);
      long event = keys(statement.getGeneratedKeys()).get(0);
      assertEquals(event, lastInsertId(statement, "SELECT LAST_INSERT_ID()"));
      try (ResultSet rows = statement.executeQuery("SELECT LAST_INSERT_ID() AS `last id`")) {
        assertEquals("last id", rows.getMetaData().getColumnLabel(1));
        assertEquals("BIGINT UNSIGNED", rows.getMetaData().getColumnTypeName(1));
      }
      for (String sql : List.of("SELECT LAST_INSERT_ID() + 1", "SELECT LAST_INSERT_ID() FROM notes",
          "INSERT INTO notes (text) VALUES (LAST_INSERT_ID())", "SELECT ROW_COUNT()", "SELECT FOUND_ROWS()")) {
        SQLFeatureNotSupportedException refusal = assertThrows(SQLFeatureNotSupportedException.class,
            () -> statement.execute(sql), sql);
        assertTrue(refusal.getMessage().contains("() in this statement is not supported"), refusal.getMessage());
      }
    }
  }

  private static long lastInsertId(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      long id = rows.getLong(1);
      assertFalse(rows.next());
      return id;
    }
  }

  private static List<Long> keys(ResultSet keys) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (keys) {
      while (keys.next()) {
        values.add(keys.getLong(1));
      }
    }
    return values;
  }

  private long amount(long orderId) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT amount FROM orders WHERE order_id = " + orderId)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  /** Every physical table holds exactly the rows whose key maps to it. */
  private static void assertPlacement(String table, List<Long> keys) throws SQLException {
    int found = 0;
    for (DataNode node : layout.table(table).nodes()) {
      ShardLayout.DataSource dataSource = layout.dataSource(node.dataSource());
      String key = layout.table(table).shardKey();
      try (Connection physical = dataSource.server().connect(dataSource.database());
          ResultSet rows = physical.createStatement().executeQuery("SELECT " + key + " FROM " + node.table())) {
        while (rows.next()) {
          long value = rows.getLong(1);
          assertTrue(keys.contains(value), node + " holds unexpected key " + value);
          assertEquals(node, layout.nodeOf(table, value), "key " + value + " is on " + node);
          found++;
        }
      }
    }
    assertEquals(keys.size(), found, "rows of " + table);
  }
}
