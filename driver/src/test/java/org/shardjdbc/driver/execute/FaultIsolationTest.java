package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * One sick server must not stall the others: client threads run point selects on the shards of two healthy data
 * sources (h0, h1 on the shared server) and of a third (h2, a server of its own), and scatter counts over all, while
 * h2's server is frozen (SIGSTOP), let go, killed and started again. Counted per phase: the healthy shards' selects
 * never fail and keep running while h2 is down; h2's selects fail with an SQLException naming h2, and once the driver
 * has noticed, at once (SQLState 08001) rather than each after a timeout; the driver takes h2 back by itself after it
 * returns; and no connection is left checked out.
 */
class FaultIsolationTest {
  private static final int ROWS = 600;
  private static final int CLIENTS = 8;
  private static final int QUERY_TIMEOUT_SECONDS = 5;
  private static final String SICK = "h2";

  private static TestServer sickServer;
  private static ShardLayout layout;

  /** What the clients are living through; each outcome is counted under the phase it ended in. */
  private enum Phase { WARMING_UP, BEFORE, FREEZING, FROZEN, THAWING, THAWED, KILLING, KILLED, RESTARTING, RESTARTED, DONE }

  private volatile Phase phase = Phase.WARMING_UP;
  private final Map<Phase, Counts> counts = new EnumMap<>(Phase.class);

  /** Outcomes of one phase. */
  private static final class Counts {
    final AtomicLong healthyDone = new AtomicLong();
    final AtomicLong healthyFailed = new AtomicLong();
    final AtomicLong sickDone = new AtomicLong();
    final AtomicLong sickFailed = new AtomicLong();
    final AtomicLong sickFailedFast = new AtomicLong();
    final AtomicLong scatterDone = new AtomicLong();
    final AtomicLong scatterFailed = new AtomicLong();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    @Override
    public String toString() {
      return "healthy " + healthyDone + " done / " + healthyFailed + " failed, sick " + sickDone + " done / " + sickFailed
          + " failed (" + sickFailedFast + " at once), scatter " + scatterDone + " done / " + scatterFailed + " failed";
    }
  }

  @BeforeAll
  static void load() throws SQLException {
    sickServer = TestServers.startEmbedded();
    layout = isolationLayout().build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      rows.add(new Object[] {id, "s" + id});
    }
    layout.insert("orders", List.of("order_id", "status"), rows);
  }

  @AfterAll
  static void stop() {
    if (sickServer != null) {
      sickServer.resume();
      sickServer.stop();
    }
  }

  @Test
  void sickServer_frozenKilledRestarted_healthyShardsKeepRunning() throws Exception {
    for (Phase each : Phase.values()) {
      counts.put(each, new Counts());
    }
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    try (Connection probe = DriverManager.getConnection(layout.url())) {
      DataSourceHealth sick = probe.unwrap(ShardConnection.class).runtime().pool(SICK).health();
      for (int i = 0; i < CLIENTS; i++) {
        boolean scatters = i == 0;
        running.add(clients.submit(() -> {
          clientLoop(scatters);
          return null;
        }));
      }
      awaitEveryKindOnce(counts.get(Phase.WARMING_UP));
      phase = Phase.BEFORE;
      Thread.sleep(2000);

      phase = Phase.FREEZING;
      sickServer.pause();
      awaitHealth(sick, false);
      phase = Phase.FROZEN;
      Thread.sleep(3000);
      phase = Phase.THAWING;
      sickServer.resume();
      awaitHealth(sick, true);
      phase = Phase.THAWED;
      Thread.sleep(2000);

      phase = Phase.KILLING;
      sickServer.kill();
      awaitHealth(sick, false);
      phase = Phase.KILLED;
      Thread.sleep(3000);
      phase = Phase.RESTARTING;
      sickServer.start();
      awaitHealth(sick, true);
      phase = Phase.RESTARTED;
      Thread.sleep(2000);
      phase = Phase.DONE;
      for (Future<?> client : running) {
        client.get(QUERY_TIMEOUT_SECONDS * 4L, TimeUnit.SECONDS);
      }
      for (DataSourcePool pool : probe.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
    } finally {
      phase = Phase.DONE;
      clients.shutdownNow();
      sickServer.resume();
      counts.forEach((each, outcome) -> System.out.println(each + ": " + outcome));
    }

    for (Phase each : Phase.values()) {
      Counts outcome = counts.get(each);
      assertTrue(outcome.unexpected.isEmpty(), each + ": " + outcome.unexpected);
      assertEquals(0, outcome.healthyFailed.get(), each + ": " + outcome);
    }
    for (Phase healthy : List.of(Phase.BEFORE, Phase.THAWED, Phase.RESTARTED)) {
      Counts outcome = counts.get(healthy);
      assertTrue(outcome.healthyDone.get() > 0 && outcome.sickDone.get() > 0 && outcome.scatterDone.get() > 0,
          healthy + ": " + outcome);
      assertEquals(0, outcome.sickFailed.get() + outcome.scatterFailed.get(), healthy + ": " + outcome);
    }
    for (Phase down : List.of(Phase.FROZEN, Phase.KILLED)) {
      Counts outcome = counts.get(down);
      assertTrue(outcome.healthyDone.get() > 0, down + ": " + outcome);
      assertEquals(0, outcome.sickDone.get() + outcome.scatterDone.get(), down + ": " + outcome);
      // a timeout each would allow one failure per client in the phase's 3 s; failing at once allows thousands
      assertTrue(outcome.sickFailedFast.get() > 10L * CLIENTS, down + ": " + outcome);
      // only a select already waiting on h2 when the driver noticed may fail otherwise: one per client at most
      assertTrue(outcome.sickFailed.get() - outcome.sickFailedFast.get() <= CLIENTS, down + ": " + outcome);
      assertTrue(outcome.scatterFailed.get() > 0, down + ": " + outcome);
    }
  }

  /** The first statements of a runtime parse and connect: wait until each kind has run once. */
  private static void awaitEveryKindOnce(Counts outcome) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (outcome.healthyDone.get() == 0 || outcome.sickDone.get() == 0 || outcome.scatterDone.get() == 0) {
      assertTrue(System.nanoTime() < deadline, "warming up: " + outcome);
      Thread.sleep(20);
    }
  }

  /** The layout of these tests: h0 and h1 on the shared server, h2 on the one that freezes; 2 tables each. */
  private static ShardLayout.Builder isolationLayout() {
    return ShardLayout.builder()
        .dataSource(TestServers.shared(), "isolation_h0")
        .dataSource(TestServers.shared(), "isolation_h1")
        .dataSource(sickServer, "isolation_h2")
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .poolSize(4);
  }

  /**
   * Without the health probe (probing every 10 minutes), a statement on a frozen server still ends: {@code cancel()}
   * returns at once and the statement fails naming the data source once the server has not answered the cancel within
   * cancelTimeoutMs; a query timeout does the same, reported as an SQLTimeoutException.
   */
  @Test
  void cancelAndTimeout_onAFrozenServer_returnAndEndTheStatement() throws Exception {
    ShardLayout withoutProbes = isolationLayout()
        .prop("healthProbeIntervalMs", "600000")
        .prop("cancelTimeoutMs", "1000")
        .build();
    long sickKey = 4;
    assertEquals(SICK, dataSourceOf(sickKey));
    ExecutorService threads = Executors.newCachedThreadPool();
    try (Connection connection = DriverManager.getConnection(withoutProbes.url());
        PreparedStatement cancelled = connection.prepareStatement("SELECT status FROM orders WHERE order_id = ?");
        PreparedStatement timed = connection.prepareStatement("SELECT status FROM orders WHERE order_id = ?")) {
      cancelled.setLong(1, sickKey);
      timed.setLong(1, sickKey);
      timed.setQueryTimeout(1);
      assertEquals("s4", selectOne(cancelled));
      sickServer.pause();
      try {
        Future<String> waiting = threads.submit(() -> selectOne(cancelled));
        Thread.sleep(500);
        threads.submit(() -> {
          cancelled.cancel();
          return null;
        }).get(30, TimeUnit.SECONDS);
        SQLException cancelFailure = failureOf(waiting);
        assertTrue(cancelFailure.getMessage().contains(SICK + " (orders_04)"), cancelFailure.toString());

        SQLException timeout = failureOf(threads.submit(() -> selectOne(timed)));
        assertTrue(timeout instanceof SQLTimeoutException, timeout.toString());
        assertTrue(timeout.getMessage().startsWith("query timeout of 1 s expired: " + SICK + " (orders_04)"),
            timeout.getMessage());
      } finally {
        sickServer.resume();
      }
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Giving back a connection can itself block on the server: HikariCP rolls back a transaction it thinks is open (a
   * statement ran with autocommit off, as every transaction's connection does) and resets autocommit. On a frozen
   * server that waits for as long as the freeze, so the health monitor must still abort the connection while it is
   * being given back (the soak saw a transaction's commit wait out a 30 s freeze).
   */
  @Test
  void givingBackAConnection_toAFrozenServer_endsOnceItIsFoundUnavailable() throws Exception {
    ShardLayout probing = isolationLayout()
        .prop("healthProbeIntervalMs", "200")
        .prop("healthProbeTimeoutMs", "1000")
        .build();
    ExecutorService threads = Executors.newCachedThreadPool();
    try (Connection connection = DriverManager.getConnection(probing.url())) {
      DataSourcePool pool = connection.unwrap(ShardConnection.class).runtime().pool(SICK);
      DataSourcePool.Lease lease = pool.acquire();
      lease.connection().setAutoCommit(false);
      try (Statement read = lease.connection().createStatement()) {
        read.execute("SELECT 1");
      }
      sickServer.pause();
      try {
        Future<?> givingBack = threads.submit(lease::close);
        awaitHealth(pool.health(), false);
        // still frozen: only the abort can end it
        givingBack.get(30, TimeUnit.SECONDS);
        assertEquals(0, pool.borrowedConnections(), "connections of " + SICK + " still checked out");
      } finally {
        sickServer.resume();
      }
      awaitHealth(pool.health(), true);
      try (DataSourcePool.Lease again = pool.acquire(); Statement read = again.connection().createStatement();
          ResultSet one = read.executeQuery("SELECT 1")) {
        assertTrue(one.next() && one.getInt(1) == 1);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static String selectOne(PreparedStatement select) throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** The SQLException a statement ended with; it must end within a minute. */
  private static SQLException failureOf(Future<String> statement) throws Exception {
    try {
      String result = statement.get(60, TimeUnit.SECONDS);
      throw new AssertionError("the statement on the frozen server returned " + result);
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof SQLException, e.getCause().toString());
      return (SQLException) e.getCause();
    }
  }

  private static void awaitHealth(DataSourceHealth health, boolean available) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (health.available() != available) {
      assertTrue(System.nanoTime() < deadline, "still " + health);
      Thread.sleep(20);
    }
  }

  /** Point selects by key, one in three on the sick data source's shards; the first client also scatters. */
  private void clientLoop(boolean scatters) throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url());
        PreparedStatement select = connection.prepareStatement("SELECT status FROM orders WHERE order_id = ?");
        Statement scatter = connection.createStatement()) {
      select.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      scatter.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      long iteration = 0;
      while (phase != Phase.DONE) {
        if (scatters && iteration++ % 20 == 0) {
          scatter(scatter);
        } else {
          pointSelect(select);
        }
      }
    }
  }

  private void pointSelect(PreparedStatement select) {
    long key = ThreadLocalRandom.current().nextLong(ROWS);
    boolean sick = dataSourceOf(key).equals(SICK);
    try {
      select.setLong(1, key);
      try (ResultSet rows = select.executeQuery()) {
        String status = rows.next() ? rows.getString(1) : null;
        Counts outcome = counts.get(phase);
        if (!("s" + key).equals(status) || rows.next()) {
          outcome.unexpected.add("order " + key + " read as " + status);
        }
        (sick ? outcome.sickDone : outcome.healthyDone).incrementAndGet();
      }
    } catch (SQLException e) {
      Counts outcome = counts.get(phase);
      if (!sick) {
        outcome.healthyFailed.incrementAndGet();
        outcome.unexpected.add("healthy order " + key + ": " + e);
        return;
      }
      outcome.sickFailed.incrementAndGet();
      if (!e.getMessage().contains(SICK + " (orders_")) {
        outcome.unexpected.add("a failure that does not name " + SICK + ": " + e);
      }
      if (isFailFast(e)) {
        outcome.sickFailedFast.incrementAndGet();
      }
    } catch (RuntimeException e) {
      counts.get(phase).unexpected.add("order " + key + ": " + e);
    }
  }

  private void scatter(Statement scatter) {
    try (ResultSet rows = scatter.executeQuery("SELECT COUNT(*) FROM orders")) {
      rows.next();
      Counts outcome = counts.get(phase);
      if (rows.getLong(1) != ROWS) {
        outcome.unexpected.add("count " + rows.getLong(1));
      }
      outcome.scatterDone.incrementAndGet();
    } catch (SQLException e) {
      Counts outcome = counts.get(phase);
      outcome.scatterFailed.incrementAndGet();
      if (!e.getMessage().contains(SICK + " (orders_")) {
        outcome.unexpected.add("a scatter failure that does not name " + SICK + ": " + e);
      }
    }
  }

  private static boolean isFailFast(SQLException e) {
    return e instanceof SQLTransientConnectionException && "08001".equals(e.getSQLState())
        && e.getMessage().startsWith(SICK + " (orders_") && e.getMessage().contains(": unavailable since ");
  }

  /** Data source of a key under mod over 6 tables, 2 per data source. */
  private static String dataSourceOf(long key) {
    return "h" + (key % 6) / 2;
  }
}
