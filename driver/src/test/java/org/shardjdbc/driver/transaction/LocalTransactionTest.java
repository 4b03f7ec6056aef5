package org.shardjdbc.driver.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Local transactions over three data sources on a real server: commit and rollback, reads that see the transaction's
 * own writes, a commit that fails part-way, savepoints, transaction control as SQL text, consistent snapshots, and
 * the isolation level and read-only mode on every physical connection.
 *
 * <p>Each data source's database has a table {@code marks} and a function {@code mark(k, note)} that inserts into
 * it, so that {@code SELECT mark(order_id, …) FROM orders WHERE order_id = k} writes on the data source of k through
 * the driver's routing (writes to sharded tables are another part of the driver); {@code marked(k)} reads it back.
 * Order k lives on shard k % 6: orders 0 and 1 on h0, 2 and 3 on h1, 4 and 5 on h2.
 */
class LocalTransactionTest {
  private static final int EVENTS = 18_000;
  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "ltx_h", 3)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .sharded("events", "event_id")
        .poolSize(4)
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    List<Object[]> orders = new ArrayList<>();
    for (long id = 0; id < 60; id++) {
      orders.add(new Object[] {id, "new"});
    }
    layout.insert("orders", List.of("order_id", "status"), orders);
    layout.createTable("events", "(event_id BIGINT PRIMARY KEY)");
    List<Object[]> events = new ArrayList<>();
    for (long id = 0; id < EVENTS; id++) {
      events.add(new Object[] {id});
    }
    layout.insert("events", List.of("event_id"), events);
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE marks (id BIGINT PRIMARY KEY, note VARCHAR(40))");
        statement.execute("CREATE FUNCTION mark(k BIGINT, note VARCHAR(40)) RETURNS INT DETERMINISTIC MODIFIES SQL DATA "
            + "BEGIN INSERT INTO marks VALUES (k, note); RETURN 1; END");
        statement.execute("CREATE FUNCTION marked(k BIGINT) RETURNS INT DETERMINISTIC READS SQL DATA "
            + "RETURN (SELECT COUNT(*) FROM marks WHERE id = k)");
      }
    }
  }

  @BeforeEach
  void clearMarks() throws SQLException {
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM marks");
      }
    }
  }

  @AfterEach
  void nothingCheckedOut() throws SQLException {
    try (Connection connection = connect()) {
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
    }
  }

  @Test
  void commit_acrossThreeDataSources_makesEveryWriteVisible() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      mark(statement, 0);
      mark(statement, 2);
      mark(statement, 4);
      assertEquals(3, markedThroughDriver(statement), "a read over every shard sees the transaction's own writes");
      assertEquals(List.of(0L, 0L, 0L), committed(0, 2, 4), "nothing is visible outside before commit");
      connection.commit();
      assertEquals(List.of(1L, 1L, 1L), committed(0, 2, 4));
      assertEquals(3, markedThroughDriver(statement), "the next transaction reads what the last one committed");
      connection.commit();
    }
  }

  @Test
  void rollback_acrossDataSources_undoesEveryWrite() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      mark(statement, 0);
      mark(statement, 2);
      mark(statement, 4);
      connection.rollback();
      assertEquals(0, markedThroughDriver(statement));
      connection.commit();
    }
    assertEquals(List.of(0L, 0L, 0L), committed(0, 2, 4));
  }

  @Test
  void commitFailure_namesTheDataSourcesThatCommittedAndThoseThatDidNot() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      mark(statement, 0);
      mark(statement, 2);
      mark(statement, 4);
      long h1 = connectionId(statement, 2);
      try (Connection admin = layout.dataSource("h1").server().connect(""); Statement kill = admin.createStatement()) {
        kill.execute("KILL CONNECTION " + h1);
      }
      SQLException failure = assertThrows(SQLException.class, connection::commit);
      assertTrue(failure.getMessage().startsWith("commit failed on data source h1: "), failure.getMessage());
      assertTrue(failure.getMessage().endsWith("; committed on [h0], not committed on [h1, h2] (rolled back: [h2])"),
          failure.getMessage());
      assertTrue(failure.getSQLState().startsWith("08"), failure.getSQLState());
      assertEquals(List.of(1L, 0L, 0L), committed(0, 2, 4));
      mark(statement, 3);
      connection.commit();
      assertEquals(List.of(1L), committed(3), "the broken connection was not lent again");
    }
  }

  @Test
  void savepoint_rollsBackToItAndUndoesDataSourcesFirstUsedAfterIt() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      mark(statement, 0);
      Savepoint savepoint = connection.setSavepoint();
      mark(statement, 1);
      mark(statement, 2);
      Savepoint later = connection.setSavepoint("later");
      mark(statement, 4);
      connection.rollback(savepoint);
      assertEquals(1, markedThroughDriver(statement), "only the write before the savepoint is left");
      SQLException gone = assertThrows(SQLException.class, () -> connection.rollback(later));
      assertTrue(gone.getMessage().endsWith("is not a savepoint of this connection's open transaction")
          || gone.getMessage().equals("SAVEPOINT later does not exist"), gone.getMessage());
      mark(statement, 3);
      connection.rollback(savepoint);
      mark(statement, 5);
      connection.releaseSavepoint(savepoint);
      assertThrows(SQLException.class, () -> connection.rollback(savepoint));
      connection.commit();
      assertEquals(List.of(1L, 0L, 0L, 0L, 0L, 1L), committed(0, 1, 2, 3, 4, 5));
      assertEquals(1, savepoint.getSavepointId());
      assertEquals("later", later.getSavepointName());
      assertThrows(SQLException.class, savepoint::getSavepointName);
    }
  }

  @Test
  void savepointsAsSqlText_followMySql() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("SAVEPOINT outside");
      SQLException missing = assertThrows(SQLException.class, () -> statement.execute("ROLLBACK TO outside"));
      assertEquals("SAVEPOINT outside does not exist", missing.getMessage());
      assertEquals(1305, missing.getErrorCode());
      assertEquals("42000", missing.getSQLState());
      statement.execute("START TRANSACTION");
      mark(statement, 0);
      statement.execute("SAVEPOINT a");
      mark(statement, 2);
      statement.execute("SAVEPOINT b");
      mark(statement, 4);
      statement.execute("ROLLBACK WORK TO SAVEPOINT B");
      statement.execute("RELEASE SAVEPOINT a");
      assertEquals(1305, assertThrows(SQLException.class, () -> statement.execute("ROLLBACK TO b")).getErrorCode(),
          "releasing a removes the later b");
      statement.execute("SAVEPOINT a");
      mark(statement, 1);
      statement.execute("SAVEPOINT a");
      mark(statement, 3);
      statement.execute("ROLLBACK TO a");
      statement.execute("COMMIT");
      assertEquals(List.of(1L, 1L, 1L, 0L, 0L), committed(0, 1, 2, 3, 4));
    }
  }

  @Test
  void setSavepoint_withAutocommitOnAndNoTransaction_isRefused() throws SQLException {
    try (Connection connection = connect()) {
      assertThrows(SQLException.class, connection::setSavepoint);
      assertThrows(SQLException.class, connection::commit, "commit with autocommit on, as mysql-connector-j refuses it");
      assertThrows(SQLException.class, connection::rollback);
    }
  }

  @Test
  void startTransaction_withAutocommitOn_endsAtCommitAndAutocommitGoesOn() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("/* unit of work */ START TRANSACTION");
      assertTrue(connection.getAutoCommit(), "START TRANSACTION does not change the autocommit mode");
      mark(statement, 0);
      mark(statement, 2);
      assertEquals(List.of(0L, 0L), committed(0, 2));
      statement.execute("COMMIT");
      assertEquals(List.of(1L, 1L), committed(0, 2));
      mark(statement, 4);
      assertEquals(List.of(1L), committed(4), "after COMMIT each statement commits again");
      statement.execute("BEGIN WORK");
      mark(statement, 1);
      statement.execute("ROLLBACK");
      assertEquals(List.of(0L), committed(1));
      statement.execute("BEGIN");
      mark(statement, 3);
      connection.commit();
      assertEquals(List.of(1L), committed(3), "JDBC commit ends a transaction begun as SQL text");
    }
  }

  @Test
  void setAutocommit_asSqlText_hasMySqlsSemantics() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("SET/*no space*/autocommit=0");
      assertFalse(connection.getAutoCommit());
      mark(statement, 0);
      statement.execute("BEGIN");
      assertEquals(List.of(1L), committed(0), "BEGIN commits the open transaction");
      mark(statement, 2);
      statement.execute("COMMIT");
      assertFalse(connection.getAutoCommit(), "COMMIT leaves autocommit off");
      mark(statement, 4);
      statement.execute("set @@session.autocommit = ON");
      assertEquals(List.of(1L, 1L), committed(2, 4), "turning autocommit on commits");

      statement.execute("BEGIN");
      mark(statement, 1);
      statement.execute("SET autocommit = 1");
      assertEquals(List.of(0L), committed(1), "autocommit was already on: the transaction stays open");
      statement.execute("ROLLBACK");
      assertEquals(List.of(0L), committed(1));

      statement.execute("BEGIN");
      mark(statement, 1);
      statement.execute("COMMIT AND CHAIN");
      mark(statement, 3);
      assertEquals(List.of(1L, 0L), committed(1, 3), "the chained transaction is open");
      statement.execute("ROLLBACK");
      assertEquals(List.of(0L), committed(3));

      connection.setAutoCommit(false);
      mark(statement, 5);
      connection.setAutoCommit(true);
      assertEquals(List.of(1L), committed(5), "setAutoCommit(true) commits");
    }
  }

  @Test
  void autocommitVariable_readsOnEveryDataSourceAsOnMySql() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      mark(statement, 0);
      assertEquals(List.of("1", "1", "1"), perDataSource(statement, "@@autocommit"), "BEGIN leaves autocommit on");
      statement.execute("SET autocommit = 0");
      assertEquals(List.of("0", "0", "0"), perDataSource(statement, "@@autocommit"));
      mark(statement, 2);
      statement.execute("COMMIT");
      assertEquals(List.of(1L, 1L), committed(0, 2));
      mark(statement, 4);
      assertEquals(List.of("0", "0", "0"), perDataSource(statement, "@@autocommit"));
      statement.execute("ROLLBACK");
      assertEquals(List.of(0L), committed(4), "with autocommit off the next statement began a transaction");
    }
  }

  @Test
  void consistentSnapshot_isTakenOnEveryDataSourceAtStart() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
      markDirectly(4);
      assertEquals(0, marked(statement, 4), "the snapshot was taken before the other connection's commit");
      statement.execute("COMMIT");
      statement.execute("BEGIN");
      markDirectly(5);
      assertEquals(1, marked(statement, 5), "without it, the snapshot is taken at the first read");
      statement.execute("COMMIT");
    }
  }

  @Test
  void isolationAndReadOnly_reachEveryPhysicalConnection() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertEquals(List.of("READ-COMMITTED", "READ-COMMITTED", "READ-COMMITTED"), perDataSource(statement,
          "@@transaction_isolation"), "outside a transaction");
      connection.setAutoCommit(false);
      mark(statement, 0);
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertEquals(List.of("READ-COMMITTED", "READ-COMMITTED", "READ-COMMITTED"), perDataSource(statement,
          "@@transaction_isolation"), "a transaction keeps the level it started with, on data sources it touches later too");
      connection.commit();
      assertEquals(List.of("SERIALIZABLE", "SERIALIZABLE", "SERIALIZABLE"), perDataSource(statement,
          "@@transaction_isolation"));
      connection.commit();
      assertEquals(Connection.TRANSACTION_SERIALIZABLE, connection.getTransactionIsolation());

      connection.setAutoCommit(true);
      connection.setReadOnly(true);
      assertEquals(List.of("1", "1", "1"), perDataSource(statement, "@@transaction_read_only"));
      SQLException refused = assertThrows(SQLException.class, () -> mark(statement, 2));
      assertTrue(refused.getMessage().startsWith("h1 (orders_"), refused.getMessage());
      statement.execute("START TRANSACTION READ WRITE");
      mark(statement, 2);
      statement.execute("COMMIT");
      assertEquals(List.of(1L), committed(2), "READ WRITE overrides the session's read-only mode");
      connection.setReadOnly(false);
      statement.execute("START TRANSACTION READ ONLY");
      assertThrows(SQLException.class, () -> mark(statement, 4));
      statement.execute("COMMIT");
      mark(statement, 4);
      assertEquals(List.of(1L), committed(4));
      assertFalse(connection.isReadOnly());
    }
  }

  @Test
  void deepPage_insideATransaction_keepsTheTransactionsConnections() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      mark(statement, 0);
      mark(statement, 2);
      try (ResultSet rows = statement.executeQuery("SELECT event_id FROM events ORDER BY event_id LIMIT 10000, 5")) {
        for (int i = 0; i < 5; i++) {
          assertTrue(rows.next());
          assertEquals(10_000 + i, rows.getLong(1));
        }
      }
      mark(statement, 4);
      connection.commit();
      assertEquals(List.of(1L, 1L, 1L), committed(0, 2, 4));
    }
  }

  @Test
  void close_rollsBackTheOpenTransaction() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      mark(statement, 0);
      mark(statement, 2);
    }
    assertEquals(List.of(0L, 0L), committed(0, 2));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(layout.url());
  }

  /** Writes a mark on the data source of order {@code id}, through the driver. */
  private static void mark(Statement statement, long id) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT mark(order_id, 'driver') FROM orders WHERE order_id = " + id)) {
      assertTrue(rows.next(), "order " + id);
      assertEquals(1, rows.getInt(1));
    }
  }

  /** Marks order {@code id} on its data source through a physical connection of its own, committed at once. */
  private static void markDirectly(long id) throws SQLException {
    ShardLayout.DataSource dataSource = layout.dataSource(layout.nodeOf("orders", id).dataSource());
    try (Connection connection = dataSource.server().connect(dataSource.database());
        PreparedStatement statement = connection.prepareStatement("INSERT INTO marks VALUES (?, 'direct')")) {
      statement.setLong(1, id);
      statement.executeUpdate();
    }
  }

  private static long marked(Statement statement, long id) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT marked(order_id) FROM orders WHERE order_id = " + id)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  /** Orders marked on their data sources, as the driver reads them: a query over every shard. */
  private static long markedThroughDriver(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE marked(order_id) = 1")) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  /** For each order, whether its mark is committed on its data source, read through a physical connection. */
  private static List<Long> committed(long... ids) throws SQLException {
    List<Long> counts = new ArrayList<>();
    for (long id : ids) {
      ShardLayout.DataSource dataSource = layout.dataSource(layout.nodeOf("orders", id).dataSource());
      try (Connection connection = dataSource.server().connect(dataSource.database());
          PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM marks WHERE id = ?")) {
        statement.setLong(1, id);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          counts.add(rows.getLong(1));
        }
      }
    }
    return counts;
  }

  /** The physical connection id the data source of order {@code id} answers on. */
  private static long connectionId(Statement statement, long id) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT CONNECTION_ID() FROM orders WHERE order_id = " + id)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  /** A session variable as each data source's physical connection sees it, in data source order. */
  private static List<String> perDataSource(Statement statement, String variable) throws SQLException {
    List<String> values = new ArrayList<>();
    for (long id : new long[] {0, 2, 4}) {
      try (ResultSet rows = statement.executeQuery("SELECT " + variable + " FROM orders WHERE order_id = " + id)) {
        assertTrue(rows.next());
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
