package org.shardjdbc.driver.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Named locks through the driver: {@code GET_LOCK} and its kin go to the lock data source (h1 here, while unsharded
 * tables live on h0), are one lock for every logical connection, are counted as MySQL counts them, keep their
 * physical connection out of the pool exactly while one is held, share that connection with a transaction on the
 * lock data source, and end with the logical connection. Orders 1 and 3 live on h1, 0 and 2 on h0.
 */
class NamedLockTest {
  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "nlk_h", 2)
        .tablesPerDataSource(1)
        .sharded("orders", "order_id")
        .poolSize(3)
        .extraYaml("lockDataSource: h1")
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < 8; id++) {
      rows.add(new Object[] {id, "new"});
    }
    layout.insert("orders", List.of("order_id", "status"), rows);
  }

  @AfterEach
  void everyConnectionBackInItsPool() throws SQLException {
    try (Connection connection = connect()) {
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), pool.name());
      }
    }
  }

  @Test
  void getLock_isOneLockForEveryLogicalConnection() throws SQLException {
    try (Connection a = connect(); Connection b = connect()) {
      assertEquals(1L, value(a, "SELECT GET_LOCK('nlk-one', 0)"));
      assertEquals(0L, value(b, "SELECT GET_LOCK('nlk-one', 0)"));
      assertEquals(0L, value(b, "SELECT IS_FREE_LOCK('nlk-one')"));
      assertNotNull(value(b, "SELECT IS_USED_LOCK('nlk-one')"));
      assertEquals("1 named lock(s) on h1", session(a).namedLocks());
      assertBorrowed(1, 0);
      assertEquals(0L, value(b, "SELECT RELEASE_LOCK('nlk-one')"), "another connection's lock");
      assertEquals(1L, value(a, "SELECT RELEASE_LOCK('nlk-one')"));
      assertBorrowed(0, 0);
      assertEquals(1L, value(b, "SELECT GET_LOCK('nlk-one', 0)"));
      assertEquals(0L, value(a, "SELECT GET_LOCK('nlk-one', 0)"));
    }
  }

  @Test
  void locks_areCountedAsMysqlCountsThem() throws SQLException {
    try (Connection a = connect(); Connection b = connect()) {
      assertEquals(List.of(1L, 1L), row(a, "SELECT GET_LOCK('nlk-count', 0), GET_LOCK('nlk-count', 0) AS again"));
      assertEquals(1L, value(a, "SELECT GET_LOCK('nlk-count', 0)"));
      assertEquals(1L, value(a, "SELECT RELEASE_LOCK('nlk-count')"));
      assertEquals(List.of(1L, 0L), row(a, "SELECT RELEASE_LOCK('nlk-count'), IS_FREE_LOCK('nlk-count')"));
      assertEquals(0L, value(b, "SELECT GET_LOCK('nlk-count', 0)"), "still held once");
      assertBorrowed(1, 0);
      assertEquals(1L, value(a, "SELECT RELEASE_LOCK('nlk-count')"));
      assertNull(value(a, "SELECT RELEASE_LOCK('nlk-count')"), "no such lock any more");
      assertBorrowed(0, 0);
      assertEquals(1L, value(b, "SELECT GET_LOCK('nlk-count', 0)"));
    }
  }

  @Test
  void releaseAllLocks_returnsTheCountAndGivesTheConnectionBack() throws SQLException {
    try (Connection a = connect(); Connection b = connect()) {
      assertEquals(List.of(1L, 1L, 1L), row(a, "SELECT GET_LOCK('nlk-all-1', 0), GET_LOCK('nlk-all-1', 0), GET_LOCK('nlk-all-2', 0)"));
      assertEquals(3L, value(a, "SELECT RELEASE_ALL_LOCKS()"));
      assertBorrowed(0, 0);
      assertEquals(List.of(1L, 1L), row(b, "SELECT GET_LOCK('nlk-all-1', 0), GET_LOCK('nlk-all-2', 0)"));
    }
  }

  @Test
  void failedGetLock_holdsNothing() throws SQLException {
    try (Connection a = connect(); Connection b = connect()) {
      assertEquals(1L, value(b, "SELECT GET_LOCK('nlk-busy', 0)"));
      assertEquals(0L, value(a, "SELECT GET_LOCK('nlk-busy', 0)"));
      assertNull(value(a, "SELECT GET_LOCK(NULL, 0)"));
      assertEquals("0 named lock(s)", session(a).namedLocks());
      assertBorrowed(1, 0);
      try (Statement statement = a.createStatement()) {
        statement.setQueryTimeout(1);
        assertThrows(SQLException.class, () -> statement.executeQuery("SELECT GET_LOCK('nlk-busy', 30)"));
      }
      assertEquals("0 named lock(s)", session(a).namedLocks());
      assertBorrowed(1, 0);
    }
  }

  @Test
  void parameters_andTheServersColumnTypes() throws SQLException {
    try (Connection a = connect(); PreparedStatement take = a.prepareStatement("SELECT GET_LOCK(?, ?) AS taken");
        PreparedStatement release = a.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      take.setString(1, "nlk-param");
      take.setInt(2, 0);
      try (ResultSet rows = take.executeQuery()) {
        assertEquals("taken", rows.getMetaData().getColumnLabel(1));
        assertTrue(rows.getMetaData().getColumnType(1) == Types.INTEGER || rows.getMetaData().getColumnType(1) == Types.BIGINT);
        assertTrue(rows.next());
        assertEquals(1, rows.getInt("taken"));
        assertTrue(!rows.next());
      }
      release.setString(1, "nlk-param");
      try (ResultSet rows = release.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt(1));
      }
    }
  }

  @Test
  void close_releasesTheLocks() throws SQLException {
    try (Connection b = connect()) {
      Connection a = connect();
      assertEquals(List.of(1L, 1L), row(a, "SELECT GET_LOCK('nlk-close-1', 0), GET_LOCK('nlk-close-2', 0)"));
      a.close();
      assertBorrowed(0, 0);
      assertEquals(List.of(1L, 1L), row(b, "SELECT GET_LOCK('nlk-close-1', 0), GET_LOCK('nlk-close-2', 0)"));
    }
  }

  @Test
  void waitingGetLock_isGrantedWhenTheHolderReleases() throws Exception {
    try (Connection a = connect(); Connection b = connect()) {
      assertEquals(1L, value(a, "SELECT GET_LOCK('nlk-wait', 0)"));
      CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
        try {
          return value(b, "SELECT GET_LOCK('nlk-wait', 60)");
        } catch (SQLException e) {
          return e;
        }
      });
      Thread.sleep(300);
      assertTrue(!waiting.isDone(), "waits while the lock is held");
      assertEquals(1L, value(a, "SELECT RELEASE_LOCK('nlk-wait')"));
      assertEquals(1L, waiting.get(30, TimeUnit.SECONDS));
      assertEquals(1L, value(b, "SELECT RELEASE_LOCK('nlk-wait')"));
    }
  }

  /** Orders 1 and 3 live on h1, the lock data source: a transaction there runs on the lock's own connection. */
  @Test
  void transactionOnTheLockDataSource_sharesTheLockConnection() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement statement = a.createStatement()) {
      assertEquals(1L, value(a, "SELECT GET_LOCK('nlk-tx', 0)"));
      Object holder = value(b, "SELECT IS_USED_LOCK('nlk-tx')");
      statement.execute("BEGIN");
      assertEquals(holder, value(a, "SELECT CONNECTION_ID() FROM orders WHERE order_id = 1"));
      assertEquals(holder, value(a, "SELECT IS_USED_LOCK('nlk-tx')"));
      statement.execute("COMMIT");
      assertEquals(0L, value(b, "SELECT GET_LOCK('nlk-tx', 0)"), "commit does not release a named lock");
      a.setAutoCommit(false);
      assertEquals(holder, value(a, "SELECT CONNECTION_ID() FROM orders WHERE order_id = 3"));
      a.rollback();
      assertEquals(0L, value(b, "SELECT GET_LOCK('nlk-tx', 0)"), "rollback does not release a named lock");
      a.setAutoCommit(true);
      assertEquals(List.of(1L, 1L), row(a, "SELECT RELEASE_LOCK('nlk-tx'), @@autocommit"), "back to autocommit");
      assertBorrowed(0, 0);
    }
  }

  /** A lock taken inside a transaction is taken on the transaction's connection, which the session keeps after it. */
  @Test
  void lockTakenInATransaction_outlivesTheTransaction() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement statement = a.createStatement()) {
      statement.execute("BEGIN");
      Object transactionConnection = value(a, "SELECT CONNECTION_ID() FROM orders WHERE order_id = 1");
      assertEquals(1L, value(a, "SELECT GET_LOCK('nlk-in-tx', 0)"));
      assertEquals(transactionConnection, value(b, "SELECT IS_USED_LOCK('nlk-in-tx')"));
      statement.execute("ROLLBACK");
      assertEquals(0L, value(b, "SELECT GET_LOCK('nlk-in-tx', 0)"));
      assertBorrowed(1, 0);
      statement.execute("BEGIN");
      assertEquals(1L, value(a, "SELECT RELEASE_LOCK('nlk-in-tx')"));
      assertBorrowed(1, 0);
      statement.execute("COMMIT");
      assertBorrowed(0, 0);
      assertEquals(1L, value(b, "SELECT GET_LOCK('nlk-in-tx', 0)"));
    }
  }

  @Test
  void namedLockBesideAShardedTable_isRefused() throws SQLException {
    try (Connection a = connect(); Statement statement = a.createStatement()) {
      SQLFeatureNotSupportedException refused = assertThrows(SQLFeatureNotSupportedException.class,
          () -> statement.executeQuery("SELECT GET_LOCK('nlk-mixed', 0), COUNT(*) FROM orders"));
      assertEquals("0A000", refused.getSQLState());
      assertEquals("GET_LOCK() in a statement that reads sharded table orders is not supported: named locks live on "
          + "data source h1; take, release or inspect them in a SELECT of their own", refused.getMessage());
      assertEquals(1L, value(a, "SELECT IS_FREE_LOCK('nlk-mixed')"));
    }
  }

  private static void assertBorrowed(int lockDataSource, int other) throws SQLException {
    try (Connection connection = connect()) {
      ShardConnection shard = connection.unwrap(ShardConnection.class);
      assertEquals(lockDataSource, shard.runtime().pool("h1").borrowedConnections(), "h1, the lock data source");
      assertEquals(other, shard.runtime().pool("h0").borrowedConnections(), "h0");
    }
  }

  private static LogicalSession session(Connection connection) throws SQLException {
    return connection.unwrap(ShardConnection.class).session();
  }

  private static Object value(Connection connection, String sql) throws SQLException {
    return row(connection, sql).get(0);
  }

  /** The one row of a query, integers as Long. */
  private static List<Object> row(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      List<Object> values = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        Object value = rows.getObject(i);
        values.add(value instanceof Number number && !(value instanceof java.math.BigDecimal) ? (Object) number.longValue() : value);
      }
      assertTrue(!rows.next(), sql);
      return values;
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(layout.url());
  }
}
