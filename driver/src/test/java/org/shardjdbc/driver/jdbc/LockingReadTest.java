package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.StringEquality;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Locking reads ({@code FOR UPDATE [NOWAIT | SKIP LOCKED]}, {@code LOCK IN SHARE MODE}) over 8 shards of {@code jobs}
 * (2 data sources x 4 tables, job k on shard k % 8), against the same rows in one unsharded database.
 *
 * <p>The rows are those of the unsharded database (differential cases, with autocommit and inside a transaction);
 * the locks are seen by a second logical connection: it waits and times out on a locked row, fails at once with
 * NOWAIT, skips with SKIP LOCKED; and a {@code SKIP LOCKED … LIMIT n} without ORDER BY locks exactly the rows it
 * returns, even when they come from several shards. Shard 0 has two new jobs (0 and 8), the others 50 each.
 */
class LockingReadTest {
  private static final int JOBS = 400;
  private static final String TABLE = "(job_id BIGINT PRIMARY KEY, status VARCHAR(10) NOT NULL, payload VARCHAR(40),"
      + " KEY idx_status (status, job_id))";
  private static ShardLayout layout;
  private static ShardLayout single;
  private static int newJobs;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "lck_h", 2)
        .tablesPerDataSource(4)
        .sharded("jobs", "job_id")
        .poolSize(4)
        .build();
    single = DifferentialDatabase.singleLayout(TestServers.shared(), "lck_single");
    layout.recreateDatabases();
    single.recreateDatabases();
    layout.createTable("jobs", TABLE);
    single.createTable("jobs", TABLE);
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < JOBS; id++) {
      boolean isNew = id % 8 != 0 || id < 16;
      newJobs += isNew ? 1 : 0;
      rows.add(new Object[] {id, isNew ? "new" : "done", "payload " + id});
    }
    layout.insert("jobs", List.of("job_id", "status", "payload"), rows);
    single.insert("jobs", List.of("job_id", "status", "payload"), rows);
  }

  @AfterEach
  void everyConnectionBackInItsPool() throws SQLException {
    try (Connection connection = connect()) {
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), pool.name());
      }
    }
  }

  /** The same locking read through the driver and on one database, with autocommit and inside a transaction. */
  @TestFactory
  Stream<DynamicTest> lockingReads_returnTheRowsOfOneDatabase() {
    List<String> ordered = List.of(
        "SELECT job_id, status FROM jobs WHERE status = 'new' ORDER BY job_id LIMIT 7 FOR UPDATE",
        "SELECT job_id, payload FROM jobs WHERE status = 'new' ORDER BY job_id DESC LIMIT 3, 4 FOR UPDATE NOWAIT",
        "SELECT job_id FROM jobs WHERE job_id IN (1, 2, 3, 17, 399) ORDER BY job_id FOR UPDATE SKIP LOCKED",
        "SELECT status, COUNT(*), MAX(job_id) FROM jobs GROUP BY status ORDER BY status LOCK IN SHARE MODE",
        "SELECT * FROM jobs WHERE job_id = 42 FOR UPDATE",
        "SELECT COUNT(*) FROM jobs WHERE status = 'new' FOR UPDATE",
        "SELECT job_id FROM jobs WHERE job_id BETWEEN 10 AND 20 ORDER BY job_id LIMIT 100 FOR UPDATE",
        "SELECT job_id FROM jobs WHERE status = 'done' ORDER BY payload LIMIT 2 LOCK IN SHARE MODE");
    List<String> unordered = List.of(
        "SELECT job_id, status FROM jobs WHERE job_id < 30 FOR UPDATE",
        "SELECT job_id FROM jobs WHERE status = 'done' FOR UPDATE SKIP LOCKED");
    List<DynamicTest> tests = new ArrayList<>();
    for (boolean transaction : new boolean[] {false, true}) {
      String mode = transaction ? "in a transaction: " : "autocommit: ";
      for (String sql : ordered) {
        tests.add(DynamicTest.dynamicTest(mode + sql, () -> compare(sql, transaction, true)));
      }
      for (String sql : unordered) {
        tests.add(DynamicTest.dynamicTest(mode + sql, () -> compare(sql, transaction, false)));
      }
    }
    return tests.stream();
  }

  private static void compare(String sql, boolean transaction, boolean ordered) throws SQLException {
    QueryResult expected;
    try (Connection connection = DriverManager.getConnection(single.url()); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      expected = QueryResult.read(rows);
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(!transaction);
      try (ResultSet rows = statement.executeQuery(sql)) {
        QueryResult actual = QueryResult.read(rows);
        assertTrue(!actual.rows().isEmpty(), sql);
        assertNull(expected.firstDifference(actual, ordered, StringEquality.EXACT), sql);
      }
      if (transaction) {
        connection.rollback();
      }
    }
  }

  /** Without ORDER BY, any matching rows are right: as many as the LIMIT says, each a matching row. */
  @Test
  void limitWithoutOrderBy_returnsThatManyMatchingRows() throws SQLException {
    for (boolean transaction : new boolean[] {false, true}) {
      try (Connection connection = connect(); Statement statement = connection.createStatement()) {
        connection.setAutoCommit(!transaction);
        for (String limit : List.of("LIMIT 5", "LIMIT 3, 4", "LIMIT 60", "LIMIT 0", "LIMIT 100000")) {
          List<Long> ids = ids(statement, "SELECT job_id FROM jobs WHERE status = 'new' " + limit + " FOR UPDATE SKIP LOCKED");
          int count = Integer.parseInt(limit.substring(limit.lastIndexOf(' ') + 1));
          assertEquals(Math.min(count, newJobs - (limit.contains(",") ? 3 : 0)), ids.size(), limit);
          assertEquals(ids.size(), new HashSet<>(ids).size(), limit);
          for (long id : ids) {
            assertTrue(id % 8 != 0 || id < 16, id + " is a new job");
          }
        }
        if (transaction) {
          connection.rollback();
        }
      }
    }
  }

  @Test
  void forUpdate_locksTheRowsOfEveryShardUntilCommit() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement first = a.createStatement();
        Statement second = b.createStatement()) {
      a.setAutoCommit(false);
      assertEquals(newJobs, ids(first, "SELECT job_id FROM jobs WHERE status = 'new' FOR UPDATE").size());
      second.execute("SET innodb_lock_wait_timeout = 1");
      b.setAutoCommit(false);
      for (long id : new long[] {1, 6}) {
        SQLException waited = assertThrows(SQLException.class,
            () -> ids(second, "SELECT job_id FROM jobs WHERE job_id = " + id + " FOR UPDATE"));
        assertEquals(1205, waited.getErrorCode(), waited.getMessage());
        assertTrue(waited.getMessage().startsWith((id == 1 ? "h0 (jobs_01)" : "h1 (jobs_06)") + ": "), waited.getMessage());
      }
      SQLException nowait = assertThrows(SQLException.class,
          () -> ids(second, "SELECT job_id FROM jobs WHERE job_id IN (2, 3, 5) FOR UPDATE NOWAIT"));
      assertTrue(nowait.getErrorCode() == 1205 || nowait.getErrorCode() == 3572, nowait.getMessage());
      assertEquals(List.of(), ids(second, "SELECT job_id FROM jobs WHERE status = 'new' FOR UPDATE SKIP LOCKED"));
      assertEquals(List.of(16L, 24L), ids(second, "SELECT job_id FROM jobs WHERE job_id IN (1, 16, 24) ORDER BY job_id "
          + "FOR UPDATE SKIP LOCKED"), "rows that are not new are not locked");
      a.commit();
      assertEquals(List.of(1L, 2L), ids(second, "SELECT job_id FROM jobs WHERE job_id IN (1, 2) ORDER BY job_id FOR UPDATE NOWAIT"));
      b.rollback();
    }
  }

  @Test
  void lockInShareMode_letsOthersShareButNotUpdate() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement first = a.createStatement();
        Statement second = b.createStatement()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      assertEquals(List.of(3L, 4L), ids(first, "SELECT job_id FROM jobs WHERE job_id IN (3, 4) ORDER BY job_id LOCK IN SHARE MODE"));
      assertEquals(List.of(3L, 4L), ids(second, "SELECT job_id FROM jobs WHERE job_id IN (3, 4) ORDER BY job_id LOCK IN SHARE MODE"));
      b.rollback();
      assertThrows(SQLException.class, () -> ids(second, "SELECT job_id FROM jobs WHERE job_id = 4 FOR UPDATE NOWAIT"));
      a.rollback();
      assertEquals(List.of(4L), ids(second, "SELECT job_id FROM jobs WHERE job_id = 4 FOR UPDATE NOWAIT"));
      b.rollback();
    }
  }

  /**
   * Shard 0 has 2 new jobs: LIMIT 5 takes them and 3 of shard 1, and locks those 5 only, as a second connection's
   * SKIP LOCKED over every shard shows; with an offset, the rows skipped are locked too, as MySQL locks them.
   */
  @Test
  void skipLockedLimit_locksOnlyTheRowsItReturns() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement first = a.createStatement();
        Statement second = b.createStatement()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      List<Long> taken = ids(first, "SELECT job_id FROM jobs WHERE status = 'new' LIMIT 5 FOR UPDATE SKIP LOCKED");
      assertEquals(List.of(0L, 8L, 1L, 9L, 17L), taken, "shard 0's two jobs, then shard 1's first three");
      List<Long> rest = ids(second, "SELECT job_id FROM jobs WHERE status = 'new' FOR UPDATE SKIP LOCKED");
      assertEquals(newJobs - 5, rest.size(), "the first connection locks the 5 rows it returned, no more");
      Set<Long> both = new HashSet<>(rest);
      both.addAll(taken);
      assertEquals(newJobs, both.size());
      b.rollback();

      List<Long> next = ids(second, "SELECT job_id FROM jobs WHERE status = 'new' LIMIT 2, 3 FOR UPDATE SKIP LOCKED");
      assertEquals(List.of(41L, 49L, 57L), next, "skips what the first connection holds, then 2 rows, returns 3");
      assertEquals(newJobs - 5, ids(first, "SELECT job_id FROM jobs WHERE status = 'new' FOR UPDATE SKIP LOCKED").size(),
          "the first connection sees its own 5 rows, and the second holds the 3 rows it returned and the 2 it skipped");
      a.rollback();
      b.rollback();
    }
  }

  /** An ORDER BY over several shards locks each shard's own first rows: EXPLAIN says so. */
  @Test
  void explain_saysWhatALockingReadLocks() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertEquals("every shard locks the rows it returns, up to 2 per shard, including those the merge leaves out, "
          + "until the transaction ends", explainLocking(statement,
          "EXPLAIN SELECT job_id FROM jobs ORDER BY job_id LIMIT 2 FOR UPDATE SKIP LOCKED"));
      assertTrue(explainLocking(statement, "EXPLAIN SELECT job_id FROM jobs LIMIT 2 FOR UPDATE SKIP LOCKED")
          .startsWith("in a transaction, shards are read in turn"));
    }
  }

  private static String explainLocking(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        if (rows.getString(1).equals("(locking)")) {
          return rows.getString(2);
        }
      }
    }
    throw new AssertionError("no (locking) row in " + sql);
  }

  @Test
  void autocommit_releasesTheLocksWithTheStatement() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement first = a.createStatement();
        Statement second = b.createStatement()) {
      assertEquals(newJobs, ids(first, "SELECT job_id FROM jobs WHERE status = 'new' FOR UPDATE").size());
      b.setAutoCommit(false);
      assertEquals(List.of(1L, 2L), ids(second, "SELECT job_id FROM jobs WHERE job_id IN (1, 2) ORDER BY job_id FOR UPDATE NOWAIT"));
      b.rollback();
    }
  }

  /** A deep page inside a transaction reads whole on the transaction's connections and keeps them. */
  @Test
  void deepLockingPage_keepsTheTransactionsConnections() throws SQLException {
    try (Connection a = connect(); Connection b = connect(); Statement first = a.createStatement();
        Statement second = b.createStatement()) {
      a.setAutoCommit(false);
      List<Long> before = connectionIds(a);
      assertEquals(List.of(300L, 301L), ids(first, "SELECT job_id FROM jobs ORDER BY job_id LIMIT 300, 2 FOR UPDATE"));
      assertEquals(before, connectionIds(a));
      b.setAutoCommit(false);
      assertThrows(SQLException.class, () -> ids(second, "SELECT job_id FROM jobs WHERE job_id = 300 FOR UPDATE NOWAIT"));
      a.commit();
      assertEquals(List.of(300L), ids(second, "SELECT job_id FROM jobs WHERE job_id = 300 FOR UPDATE NOWAIT"));
      b.rollback();
    }
  }

  /** The physical connection of each data source, as the transaction's statements see it. */
  private static List<Long> connectionIds(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT CONNECTION_ID() FROM jobs WHERE job_id = ?")) {
      List<Long> ids = new ArrayList<>();
      for (long job : new long[] {0, 4}) {
        statement.setLong(1, job);
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    }
  }

  private static List<Long> ids(Statement statement, String sql) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(layout.url());
  }
}
