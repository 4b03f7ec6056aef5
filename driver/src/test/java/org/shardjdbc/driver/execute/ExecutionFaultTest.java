package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Failures on real servers: a shard server stopped in the middle of a query, a statement timeout, a cancel from
 * another thread, a shard's own SQL error, and a pool much smaller than the number of shards. After each, no
 * physical connection may be left checked out.
 */
class ExecutionFaultTest {
  private static final int ROWS = 400;
  private static TestServer second;
  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    second = TestServers.startEmbedded();
    layout = ShardLayout.builder()
        .dataSource(TestServers.shared(), "fault_h0")
        .dataSource(second, "fault_h1")
        .tablesPerDataSource(4)
        .sharded("orders", "order_id")
        .sharded("events", "event_id")
        .poolSize(3)
        .prop("maxConcurrencyPerDataSource", "4")
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20), amount DECIMAL(12,2))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      rows.add(new Object[] {id, id % 3 == 0 ? "paid" : "new", id * 1.5});
    }
    layout.insert("orders", List.of("order_id", "status", "amount"), rows);
    layout.createTable("events", "(event_id BIGINT PRIMARY KEY, payload VARCHAR(100))");
    List<org.shardjdbc.planner.model.DataNode> tables = layout.physicalTables("events");
    for (int shard = 0; shard < tables.size(); shard++) {
      org.shardjdbc.planner.model.DataNode node = tables.get(shard);
      ShardLayout.DataSource dataSource = layout.dataSource(node.dataSource());
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + node.table() + " SELECT seq * " + tables.size() + " + " + shard
            + ", REPEAT('e', 100) FROM seq_0_to_" + (EVENTS / tables.size() - 1));
      }
    }
  }

  private static final int EVENTS = 80_000;

  @Test
  void deepPage_leavesTheRestUnreadAndFreesConnections() throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
        "SELECT event_id FROM events ORDER BY event_id LIMIT ?, 5")) {
      for (int offset : new int[] {20_000, 50_000}) {
        statement.setInt(1, offset);
        try (ResultSet rows = statement.executeQuery()) {
          for (int i = 0; i < 5; i++) {
            assertTrue(rows.next());
            assertEquals(offset + i, rows.getLong(1));
          }
          assertFalse(rows.next());
        }
        assertNothingCheckedOut(connection);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.stop();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(layout.url());
  }

  private static void assertNothingCheckedOut(Connection connection) throws SQLException {
    for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
      assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
    }
  }

  @Test
  void shardErrorNamesDataSourceAndTablesAndKeepsSqlState() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT no_such_column FROM orders"));
      assertTrue(error.getMessage().startsWith("h0 (orders_0") || error.getMessage().startsWith("h1 (orders_"), error.getMessage());
      assertEquals("42S22", error.getSQLState());
      assertEquals(1054, error.getErrorCode());
      assertTrue(error.getCause() instanceof SQLException);
      assertNothingCheckedOut(connection);
    }
  }

  @Test
  void queryTimeout_cancelsEveryShardAndFreesConnections() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException error = assertThrows(SQLException.class, () -> {
        try (ResultSet rows = statement.executeQuery("SELECT order_id, SLEEP(0.05) FROM orders ORDER BY order_id")) {
          while (rows.next()) {
            // reading is where the timeout shows
          }
        }
      });
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15, "the timeout did not stop the query");
      assertTrue(error instanceof SQLTimeoutException, error.toString());
      assertTrue(error.getMessage().startsWith("query timeout of 1 s expired: h"), error.getMessage());
      assertNothingCheckedOut(connection);
    }
  }

  @Test
  void cancelFromAnotherThread_stopsTheQuery() throws Exception {
    ExecutorService canceller = Executors.newSingleThreadExecutor();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      Future<?> cancel = canceller.submit(() -> {
        Thread.sleep(500);
        statement.cancel();
        return null;
      });
      long start = System.nanoTime();
      assertThrows(SQLException.class, () -> {
        try (ResultSet rows = statement.executeQuery("SELECT order_id, SLEEP(0.05) FROM orders")) {
          while (rows.next()) {
            // cancelled while reading
          }
        }
      });
      cancel.get();
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15, "cancel did not stop the query");
      assertNothingCheckedOut(connection);
    } finally {
      canceller.shutdownNow();
    }
  }

  @Test
  void smallPool_manyShardsAndThreads_neverDeadlocks() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try (Connection probe = connect()) {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(clients.submit(() -> {
          try (Connection connection = connect();
              PreparedStatement statement = connection.prepareStatement(
                  "SELECT order_id FROM orders WHERE amount >= ? ORDER BY order_id DESC LIMIT 5, 1000")) {
            statement.setInt(1, 0);
            long sum = 0;
            long previous = Long.MAX_VALUE;
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                long id = rows.getLong(1);
                assertTrue(id < previous, "order broken at " + id);
                previous = id;
                sum += id;
              }
            }
            return sum;
          }
        }));
      }
      long expected = 0;
      for (long id = 0; id < ROWS - 5; id++) {
        expected += id;
      }
      for (Future<Long> result : results) {
        assertEquals(expected, result.get(60, TimeUnit.SECONDS));
      }
      assertNothingCheckedOut(probe);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void maxRows_limitsMergedAndSingleShardResults() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.setMaxRows(7);
      assertEquals(7, count(statement.executeQuery("SELECT * FROM orders ORDER BY order_id")));
      assertEquals(7, count(statement.executeQuery("SELECT * FROM orders WHERE order_id IN (0, 8, 16, 24, 32, 40, 48, 56, 64, 72)")));
      statement.setMaxRows(0);
      statement.setFetchSize(10);
      assertEquals(ROWS, count(statement.executeQuery("SELECT * FROM orders")));
      assertNothingCheckedOut(connection);
    }
  }

  private static int count(ResultSet rows) throws SQLException {
    int count = 0;
    try (rows) {
      while (rows.next()) {
        count++;
      }
    }
    return count;
  }

  /** Test order is not fixed, so the test starts again the server it stops. */
  @Test
  void serverStoppedMidQuery_failsWithItsNameAndFreesConnections() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      SQLException error;
      try {
        error = assertThrows(SQLException.class, () -> {
          // unordered, and far more bytes than socket buffers hold, so that h1 is killed in the middle of its result
          try (ResultSet rows = statement.executeQuery("SELECT order_id, REPEAT('x', 200000) FROM orders")) {
            int read = 0;
            while (rows.next()) {
              if (++read == 1) {
                second.kill();
              }
            }
          }
        });
      } finally {
        if (!second.running()) {
          second.start();
        }
      }
      assertTrue(error.getMessage().startsWith("h1 (orders_"), error.getMessage());
      assertNothingCheckedOut(connection);
      awaitAvailable(connection, "h1");
      assertEquals(ROWS, count(statement.executeQuery("SELECT * FROM orders")));
    }
  }

  /**
   * Waits until the health monitor has taken a data source back (at most a minute): a probe must get an answer after
   * a server returns.
   */
  static void awaitAvailable(Connection connection, String dataSource) throws SQLException {
    DataSourceHealth health = connection.unwrap(ShardConnection.class).runtime().pool(dataSource).health();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!health.available()) {
      assertTrue(System.nanoTime() < deadline, dataSource + " was not taken back: " + health);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
