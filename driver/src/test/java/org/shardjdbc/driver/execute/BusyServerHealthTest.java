package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TcpProxy;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * A busy server is not a sick one. In a benchmark run (deep page queries at 16 threads over 8 servers, 2 saturated
 * cores), every connection to one server was streaming a multi-second result when the health monitor probed it; the
 * probe (a new connection and {@code SELECT 1}) took longer than its timeout, and the driver marked the server
 * unavailable and aborted the reads that were still receiving rows.
 *
 * <p>Here the one data source sits behind a proxy that holds every new connection, so no probe can ever answer, and the
 * monitor probes every 100 ms: a result read row by row for several seconds, with one pause long enough for a probe
 * to start, must arrive whole, with the data source available throughout. A server that freezes in the middle of a
 * result is still found (and frozen servers under load in {@link FaultIsolationTest}).
 */
class BusyServerHealthTest {
  private static final int ROWS_PER_USER = 3000;
  private static final long PROBE_TIMEOUT_MS = 2000;
  /** Longer than a probe interval and a tick, shorter than the probe timeout: a probe starts, rows come before its end. */
  private static final long PAUSE_MS = 600;

  private static TcpProxy proxy;
  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    proxy = new TcpProxy(TestServers.shared());
    layout = ShardLayout.builder()
        .dataSource(proxy.server(), "busy_h0")
        .tablesPerDataSource(2)
        .sharded("events", "user_id")
        .poolSize(1)
        .prop("healthProbeIntervalMs", "100")
        .prop("healthProbeTimeoutMs", Long.toString(PROBE_TIMEOUT_MS))
        .build();
    layout.recreateDatabases();
    layout.createTable("events", "(user_id BIGINT, seq INT, PRIMARY KEY (user_id, seq))");
    List<Object[]> rows = new ArrayList<>();
    for (long user = 0; user < 2; user++) {
      for (int seq = 0; seq < ROWS_PER_USER; seq++) {
        rows.add(new Object[] {user, seq});
      }
    }
    layout.insert("events", List.of("user_id", "seq"), rows);
  }

  @AfterEach
  void forwardAgain() {
    proxy.forwardAgain();
  }

  @AfterAll
  static void stop() throws SQLException {
    if (proxy != null) {
      proxy.close();
    }
    try (Connection connection = TestServers.shared().connect("");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS busy_h0");
    }
  }

  /** One shard's rows, streamed through untouched (the pass-through result). */
  @Test
  void singleShardRead_whileNoProbeCanAnswer_completesAndStaysAvailable() throws Exception {
    List<Long> expected = new ArrayList<>();
    for (int seq = 0; seq < ROWS_PER_USER; seq++) {
      expected.add((long) seq);
    }
    assertReadWhole("SELECT seq FROM events WHERE user_id = 0 ORDER BY seq", expected, 1);
  }

  /** Both shards' rows, sorted by the merge. */
  @Test
  void mergedRead_whileNoProbeCanAnswer_completesAndStaysAvailable() throws Exception {
    List<Long> expected = new ArrayList<>();
    for (int seq = 0; seq < ROWS_PER_USER; seq++) {
      expected.add(seq * 2L);
      expected.add(seq * 2L + 1);
    }
    assertReadWhole("SELECT seq * 2 + user_id AS k FROM events ORDER BY k", expected, 2);
  }

  /**
   * A server that freezes in the middle of a result sends no more rows: it is found unavailable all the same, and the
   * read fails naming it instead of waiting for ever; once it answers again, it is taken back. The rows are large
   * enough (15 MB in all) that the socket buffers cannot hold the rest of the result when the proxy freezes.
   */
  @Test
  void readFromAServerThatFreezes_failsNamingIt_andItIsTakenBack() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (Connection connection = DriverManager.getConnection(layout.url());
        Statement statement = connection.createStatement()) {
      DataSourcePool pool = connection.unwrap(ShardConnection.class).runtime().pool("h0");
      warmUp(statement);
      Future<Long> reading = reader.submit(() -> {
        long read = 0;
        try (ResultSet rows = statement.executeQuery("SELECT seq, REPEAT('x', 5000) FROM events WHERE user_id = 0")) {
          while (rows.next()) {
            if (++read == 100) {
              proxy.freeze();
            }
          }
        }
        return read;
      });
      ExecutionException failure = assertThrows(ExecutionException.class, () -> reading.get(60, TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof SQLException, failure.getCause().toString());
      assertTrue(failure.getCause().getMessage().startsWith("h0 (events_00)"), failure.getCause().getMessage());
      assertFalse(pool.health().available());

      proxy.forwardAgain();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!pool.health().available()) {
        assertTrue(System.nanoTime() < deadline, "still " + pool.health());
        Thread.sleep(20);
      }
      assertEquals(0, pool.borrowedConnections());
      warmUp(statement);
    } finally {
      reader.shutdownNow();
    }
  }

  private static void warmUp(Statement statement) throws SQLException {
    try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM events")) {
      assertTrue(count.next());
      assertEquals(2L * ROWS_PER_USER, count.getLong(1));
    }
  }

  /**
   * Reads the query's rows with a 1 ms sleep every {@code rowsPerMillisecond} rows (several seconds in all, many probe
   * intervals) and one pause of {@value #PAUSE_MS} ms after the first 100 rows, while the proxy holds new connections.
   */
  private static void assertReadWhole(String sql, List<Long> expected, int rowsPerMillisecond) throws Exception {
    try (Connection connection = DriverManager.getConnection(layout.url());
        Statement statement = connection.createStatement()) {
      DataSourcePool pool = connection.unwrap(ShardConnection.class).runtime().pool("h0");
      warmUp(statement);
      proxy.holdNewConnections();
      List<Long> read = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          read.add(rows.getLong(1));
          if (read.size() == 100) {
            Thread.sleep(PAUSE_MS);
          } else if (read.size() % rowsPerMillisecond == 0) {
            Thread.sleep(1);
          }
        }
      }
      assertEquals(expected.size(), read.size());
      assertEquals(expected, read);
      // a probe started during the read has had its verdict once its timeout is over; none starts without a statement
      Thread.sleep(PROBE_TIMEOUT_MS + 500);
      assertTrue(proxy.heldConnections() > 0, "no probe was made during the pause");
      assertTrue(pool.health().available(), pool.health().toString());
      assertEquals(0, pool.borrowedConnections());
    }
  }
}
