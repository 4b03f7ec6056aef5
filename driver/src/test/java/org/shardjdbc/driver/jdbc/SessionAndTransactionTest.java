package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * SET and USE act on the logical connection; statements on unsharded tables pass through, inside a transaction on
 * the connection it keeps per data source until commit or rollback. Transactions over several data sources are
 * tested in {@code LocalTransactionTest}, what reaches the pools in {@code PoolHygieneTest}.
 */
class SessionAndTransactionTest {
  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "tx_h", 2)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < 40; id++) {
      rows.add(new Object[] {id, "new"});
    }
    layout.insert("orders", List.of("order_id", "status"), rows);
    try (Connection connection = DriverManager.getConnection(layout.url()); Statement statement = connection.createStatement()) {
      statement.executeUpdate("CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(20))");
    }
  }

  @Test
  void setAndUse_changeTheLogicalConnectionOnly() throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url()); Statement statement = connection.createStatement()) {
      statement.execute("SET NAMES utf8mb4");
      assertEquals("tx_h0", connection.getCatalog(), "the logical database is the default data source's");
      statement.execute("USE tx_h0");
      SQLFeatureNotSupportedException otherDatabase = assertThrows(SQLFeatureNotSupportedException.class,
          () -> statement.execute("USE anything"));
      assertEquals("USE anything is not supported: the logical database is tx_h0 and the driver reaches no other",
          otherDatabase.getMessage());
      assertThrows(SQLException.class, () -> connection.setCatalog("anything"));
      statement.execute("SET autocommit = 0");
      assertFalse(connection.getAutoCommit());
      statement.execute("SET @@session.autocommit = ON");
      assertTrue(connection.getAutoCommit());
      statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, connection.getTransactionIsolation());
      SQLFeatureNotSupportedException refused = assertThrows(SQLFeatureNotSupportedException.class,
          () -> statement.execute("SET SESSION sql_mode = 'ANSI'"));
      assertTrue(refused.getMessage().startsWith("SET sql_mode: mode ANSI is not supported"), refused.getMessage());
      assertEquals("0A000", refused.getSQLState());
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
        assertTrue(rows.next());
        assertEquals(40, rows.getLong(1));
      }
    }
  }

  @Test
  void unshardedWrites_inATransaction_commitAndRollBack() throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        assertEquals(1, statement.executeUpdate("INSERT INTO notes VALUES (1, 'rolled back')"));
        assertEquals(1, count(statement, "SELECT COUNT(*) FROM notes WHERE id = 1"), "a transaction reads its own writes");
        connection.rollback();
        assertEquals(0, count(statement, "SELECT COUNT(*) FROM notes WHERE id = 1"));
        statement.executeUpdate("INSERT INTO notes VALUES (2, 'kept')");
        assertEquals(10, count(statement, "SELECT COUNT(*) FROM orders WHERE order_id < 10"), "reads of shards in a transaction");
        connection.commit();
      }
      connection.setAutoCommit(true);
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), pool.name());
      }
    }
    try (Connection other = DriverManager.getConnection(layout.url()); Statement statement = other.createStatement()) {
      assertEquals(1, count(statement, "SELECT COUNT(*) FROM notes WHERE id = 2"));
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
