package org.shardjdbc.driver.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 * XA transactions ({@code transaction.type: xa}) over three data sources on a real server: two-phase commit, one
 * phase for one data source, rollback, a branch lost before prepare, savepoints, and recovery: prepared branches of a
 * process whose lease is gone are committed when the log says COMMIT and rolled back otherwise, while those of a live
 * process are left alone. Account k lives on data source h(k % 3).
 */
class XaTransactionTest {
  private static final int ACCOUNTS = 6;
  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "xa_h", 3)
        .tablesPerDataSource(1)
        .sharded("accounts", "account_id")
        .poolSize(4)
        .extraYaml("transaction: { type: xa, leaseMs: 1000 }")
        .build();
    layout.recreateDatabases();
    layout.createTable("accounts", "(account_id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
  }

  @BeforeEach
  void resetBalances() throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ACCOUNTS; id++) {
      rows.add(new Object[] {id, 100L});
    }
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM " + physical(dataSource.name()));
      }
    }
    layout.insert("accounts", List.of("account_id", "balance"), rows);
  }

  /** The XA recovery thread borrows a connection of each pool for a moment every half lease: a leak stays. */
  @AfterEach
  void nothingLeft() throws Exception {
    try (Connection connection = connect()) {
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.borrowedConnections() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
    }
    assertEquals(List.of(), prepared(), "branches left prepared");
  }

  @Test
  void commit_overThreeDataSources_twoPhases_leavesNoLogRow() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (long id = 0; id < 3; id++) {
        assertEquals(1, statement.executeUpdate("UPDATE accounts SET balance = balance + 5 WHERE account_id = " + id));
      }
      assertEquals(615, sumThroughDriver(statement), "the transaction reads its own writes on every data source");
      assertEquals(List.of(100L, 100L, 100L), committed(0, 1, 2), "nothing is visible outside before commit");
      connection.commit();
      assertEquals(List.of(105L, 105L, 105L), committed(0, 1, 2));
      assertEquals(0, logRows(), "a committed transaction's decision is deleted");
      assertEquals(1, leases(), "this process holds one lease");
    }
  }

  /**
   * With autocommit on, a statement that writes several data sources is one XA transaction of its own: its branches
   * are prepared (the server counts three XA PREPAREs) before any commits, as a commit inside BEGIN … COMMIT is.
   */
  @Test
  void autocommitWrite_overThreeDataSources_isOneXaTransaction() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      long prepares = xaPrepares();
      assertEquals(3,
          statement.executeUpdate("UPDATE accounts SET balance = balance + 2 WHERE account_id IN (0, 1, 2)"));
      assertEquals(3, xaPrepares() - prepares, "one branch per data source, prepared");
      assertTrue(connection.getAutoCommit());
      assertEquals(606, sumThroughDriver(statement));
      assertEquals(0, logRows());
    }
    assertEquals(List.of(102L, 102L, 102L), committed(0, 1, 2));
  }

  @Test
  void autocommitWrite_failingOnOneDataSource_writesNothing() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      SQLException failure = assertThrows(SQLException.class,
          () -> statement.executeUpdate("INSERT INTO accounts VALUES (9, 1), (11, 1), (1, 1)"));
      assertEquals(1062, failure.getErrorCode(), failure.getMessage());
      assertEquals(600, sumThroughDriver(statement), "nothing of the statement is left on any data source");
      assertTrue(connection.getAutoCommit());
    }
  }

  @Test
  void commit_onOneDataSource_isOnePhase() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("UPDATE accounts SET balance = balance - 7 WHERE account_id = 0");
      statement.executeUpdate("UPDATE accounts SET balance = balance + 7 WHERE account_id = 3");
      connection.commit();
    }
    assertEquals(List.of(93L, 107L), committed(0, 3));
  }

  @Test
  void rollback_undoesEveryBranch() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("UPDATE accounts SET balance = 0 WHERE account_id IN (0, 1, 2)");
      connection.rollback();
      assertEquals(600, sumThroughDriver(statement));
      connection.commit();
    }
    assertEquals(List.of(100L, 100L, 100L), committed(0, 1, 2));
  }

  @Test
  void branchLostBeforePrepare_rollsEveryDataSourceBack() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE account_id IN (0, 1, 2)");
      long h1;
      try (ResultSet rows = statement.executeQuery("SELECT CONNECTION_ID() FROM accounts WHERE account_id = 1")) {
        assertTrue(rows.next());
        h1 = rows.getLong(1);
      }
      try (Connection admin = layout.dataSource("h1").server().connect(""); Statement kill = admin.createStatement()) {
        kill.execute("KILL CONNECTION " + h1);
      }
      SQLException failure = assertThrows(SQLException.class, connection::commit);
      assertTrue(failure.getMessage().startsWith("commit failed: data source h1 could not prepare: "),
          failure.getMessage());
      assertTrue(failure.getMessage().endsWith("; rolled back on [h0, h1, h2]"), failure.getMessage());
    }
    assertEquals(List.of(100L, 100L, 100L), committed(0, 1, 2));
  }

  @Test
  void savepoint_rollsBackLaterWorkOnlyAndDataSourcesTouchedAfterIt() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("UPDATE accounts SET balance = 1 WHERE account_id = 0");
      Savepoint savepoint = connection.setSavepoint();
      statement.executeUpdate("UPDATE accounts SET balance = 2 WHERE account_id = 0");
      statement.executeUpdate("UPDATE accounts SET balance = 3 WHERE account_id = 1");
      connection.rollback(savepoint);
      statement.executeUpdate("UPDATE accounts SET balance = 4 WHERE account_id = 2");
      connection.commit();
    }
    assertEquals(List.of(1L, 100L, 4L), committed(0, 1, 2));
  }

  @Test
  void consistentSnapshot_isRefused_readOnlyTransactionsStayLocal() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      SQLFeatureNotSupportedException refused = assertThrows(SQLFeatureNotSupportedException.class,
          () -> statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT"));
      assertTrue(refused.getMessage().contains("transaction.type: xa"), refused.getMessage());
      statement.execute("START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT");
      assertEquals(600, sumThroughDriver(statement));
      statement.execute("COMMIT");
    }
  }

  /**
   * Prepared branches as a process leaves them when it dies between prepare and commit: one transaction whose
   * COMMIT was logged, one whose was not; and a transaction of a process whose lease holds. Recovery commits the
   * first, rolls back the second and leaves the third.
   */
  @Test
  void recovery_finishesDeadProcessesTransactions_byTheLog_andLeavesLiveOnes() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertEquals(600, sumThroughDriver(statement), "the runtime is up and has created the log");
    }
    awaitLogTables();
    String dead = "00000000dead0001";
    String live = "00000000a11e0001";
    String committedId = XaId.gtrid(logId(), dead, 1);
    String undecidedId = XaId.gtrid(logId(), dead, 2);
    String liveId = XaId.gtrid(logId(), live, 1);
    try (Connection log = logConnection(); Statement statement = log.createStatement()) {
      statement.execute("INSERT INTO " + XaLog.LEASE_TABLE + " VALUES ('" + live + "', 'test', NOW(6) + INTERVAL 1 HOUR)");
      statement.execute("INSERT INTO " + XaLog.LOG_TABLE + " VALUES ('" + committedId + "', '" + dead
          + "', 'COMMIT', 'h0,h1', NOW(6))");
    }
    prepareBranch(committedId, 0, 50);
    prepareBranch(committedId, 1, 150);
    prepareBranch(undecidedId, 3, 0);
    prepareBranch(undecidedId, 5, 0);
    prepareBranch(liveId, 4, 0);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (prepared().size() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(List.of(liveId + "/h1"), prepared(), "only the live process's branch is left");
    assertEquals(List.of(50L, 150L, 100L, 100L, 100L, 100L), committed(0, 1, 2, 3, 4, 5),
        "the logged transaction committed, the other rolled back");
    Thread.sleep(1500);
    assertEquals(List.of(liveId + "/h1"), prepared(), "a live process's branch is never recovered");
    deadline = System.nanoTime() + 30_000_000_000L;
    while (logRows() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(0, logRows(), "decisions are deleted once their branches are finished (three leases after)");
    try (Connection admin = layout.dataSource("h1").server().connect(""); Statement statement = admin.createStatement()) {
      statement.execute("XA ROLLBACK " + new XaId(liveId, "h1").sql());
    }
    try (Connection log = logConnection(); Statement statement = log.createStatement()) {
      statement.execute("DELETE FROM " + XaLog.LEASE_TABLE + " WHERE instance_id = '" + live + "'");
    }
  }

  /**
   * Another application (another logical database, whose transaction log is elsewhere) runs XA transactions through
   * the driver on the same server, with data sources of the same names, and its process died with a branch prepared.
   * This application's recovery sees that branch in {@code XA RECOVER}, which lists the whole server, and must leave
   * it to the processes of its own log: here it finds no decision, and rolling it back would split the other
   * application's transaction if its log says COMMIT. A dead process's branch of this log, prepared beside it, shows
   * that recovery ran meanwhile.
   */
  @Test
  void recovery_leavesBranchesOfAnotherLogAlone() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertEquals(600, sumThroughDriver(statement), "the runtime is up and recovers");
    }
    awaitLogTables();
    String foreignLog = "00000000000f0e10";
    assertTrue(!foreignLog.equals(logId()));
    String foreignId = XaId.gtrid(foreignLog, "00000000dead0003", 1);
    String ownId = XaId.gtrid(logId(), "00000000dead0003", 1);
    prepareBranch(foreignId, 0, 77);
    prepareBranch(ownId, 1, 0);
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (prepared().contains(ownId + "/h1") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(List.of(foreignId + "/h0"), prepared(), "this log's dead branch is rolled back, the other log's not");
      Thread.sleep(1500);
      assertEquals(List.of(foreignId + "/h0"), prepared(), "another log's branch is left alone for several rounds");
    } finally {
      try (Connection admin = TestServers.shared().connect(""); Statement statement = admin.createStatement()) {
        statement.execute("XA ROLLBACK " + new XaId(foreignId, "h0").sql());
      } catch (SQLException alreadyGone) {
        // rolled back by this application's recovery: an assertion above failed
      }
    }
    assertEquals(List.of(100L, 100L), committed(0, 1));
  }

  /** The id of this application's log (the tables exist). */
  private static String logId() throws SQLException {
    try (Connection log = logConnection(); Statement statement = log.createStatement();
        ResultSet rows = statement.executeQuery("SELECT log_id FROM " + XaLog.ID_TABLE)) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }

  /** Sets account k's balance in a prepared branch of {@code gtrid} on its data source, from a connection of its own. */
  private static void prepareBranch(String gtrid, long account, long balance) throws SQLException {
    String dataSource = layout.nodeOf("accounts", account).dataSource();
    ShardLayout.DataSource target = layout.dataSource(dataSource);
    String xid = new XaId(gtrid, dataSource).sql();
    try (Connection connection = target.server().connect(target.database());
        Statement statement = connection.createStatement()) {
      statement.execute("XA START " + xid);
      statement.executeUpdate("UPDATE " + physical(dataSource) + " SET balance = " + balance + " WHERE account_id = "
          + account);
      statement.execute("XA END " + xid);
      statement.execute("XA PREPARE " + xid);
    }
  }

  /** Waits until the runtime's recovery has created the log's tables and chosen its id. */
  private static void awaitLogTables() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        logRows();
        if (count("SELECT COUNT(*) FROM " + XaLog.ID_TABLE) == 1) {
          return;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      assertTrue(System.nanoTime() < deadline, "the log's id was not chosen within 10 s");
      Thread.sleep(100);
    }
  }

  /** The driver's prepared branches on the server, as {@code gtrid/data source}, sorted. */
  private static List<String> prepared() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = TestServers.shared().connect(""); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("XA RECOVER")) {
      while (rows.next()) {
        XaId id = XaId.recovered(rows.getInt("formatID"), rows.getInt("gtrid_length"), rows.getInt("bqual_length"),
            rows.getBytes("data"));
        if (id != null && id.bqual().matches("h[0-2]")) {
          ids.add(id.toString());
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /** The server's count of XA PREPARE statements. */
  private static long xaPrepares() throws SQLException {
    try (Connection connection = TestServers.shared().connect(""); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_xa_prepare'")) {
      assertTrue(rows.next());
      return rows.getLong(2);
    }
  }

  private static long logRows() throws SQLException {
    return count("SELECT COUNT(*) FROM " + XaLog.LOG_TABLE);
  }

  private static long leases() throws SQLException {
    return count("SELECT COUNT(*) FROM " + XaLog.LEASE_TABLE);
  }

  private static long count(String sql) throws SQLException {
    try (Connection log = logConnection(); Statement statement = log.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Connection logConnection() throws SQLException {
    ShardLayout.DataSource log = layout.defaultDataSource();
    return log.server().connect(log.database());
  }

  private static String physical(String dataSource) {
    return layout.physicalTables("accounts").stream().filter(node -> node.dataSource().equals(dataSource))
        .findFirst().orElseThrow().table();
  }

  private static long sumThroughDriver(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT SUM(balance) FROM accounts")) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  private static List<Long> committed(long... ids) throws SQLException {
    List<Long> balances = new ArrayList<>();
    for (long id : ids) {
      ShardLayout.DataSource dataSource = layout.dataSource(layout.nodeOf("accounts", id).dataSource());
      try (Connection connection = dataSource.server().connect(dataSource.database());
          PreparedStatement statement = connection.prepareStatement("SELECT balance FROM " + physical(dataSource.name())
              + " WHERE account_id = ?")) {
        statement.setLong(1, id);
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
          balances.add(rows.getLong(1));
        }
      }
    }
    return balances;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(layout.url());
  }
}
