package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.config.ResilienceSettings;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/** One data source's pool and health, on the shared test server, with a pool of one connection. */
class DataSourcePoolTest {
  private DataSourcePool pool;

  @BeforeEach
  void open() {
    TestServer server = TestServers.shared();
    HikariConfig config = new HikariConfig();
    config.setPoolName("pool-test");
    config.setJdbcUrl(server.jdbcUrl(""));
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(0);
    config.setInitializationFailTimeout(-1);
    pool = new DataSourcePool("h7", new HikariDataSource(config), ResilienceSettings.DEFAULTS);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void abortedConnection_isNeverLentAgain() throws SQLException {
    DataSourcePool.Lease lease = pool.acquire();
    assertEquals(1, selectOne(lease));
    pool.abort(lease.connection());
    // its holder gives it back as if nothing happened, as a statement does whose result was read before the abort
    lease.close();
    try (DataSourcePool.Lease next = pool.acquire()) {
      assertEquals(1, selectOne(next));
    }
    assertEquals(0, pool.borrowedConnections());
  }

  @Test
  void othersWaiting_whileAStatementWaitsForAConnection() throws Exception {
    assertFalse(pool.othersWaiting());
    try (DataSourcePool.Lease lease = pool.acquire()) {
      assertFalse(pool.othersWaiting(), "the holder alone");
      Thread waiter = new Thread(() -> {
        try (DataSourcePool.Lease next = pool.acquire()) {
          selectOne(next);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      waiter.start();
      long deadline = System.nanoTime() + 4_000_000_000L;
      while (!pool.othersWaiting() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(pool.othersWaiting(), "a second statement waits for the pool's one connection");
      lease.close();
      waiter.join(5_000);
      assertFalse(waiter.isAlive());
    }
    assertFalse(pool.othersWaiting());
    assertEquals(0, pool.borrowedConnections());
  }

  @Test
  void mayDropConnection_onceUntilThePoolMadeTheDroppedConnectionAgain() throws SQLException {
    DataSourcePool.Lease lease = pool.acquire();
    assertTrue(pool.mayDropConnection(), "nobody waits, and the pool is whole");
    lease.discard();
    assertEquals(0, pool.pool().getHikariPoolMXBean().getTotalConnections());
    assertFalse(pool.mayDropConnection(), "the dropped connection was not made again");
    try (DataSourcePool.Lease next = pool.acquire()) {
      assertEquals(1, selectOne(next));
      assertTrue(pool.mayDropConnection(), "the pool made a connection again");
      next.discard();
    }
    assertEquals(0, pool.borrowedConnections());
  }

  @Test
  void reserved_holdsThePoolsRoom_untilConnectedOnAnotherThreadOrGivenBack() throws Exception {
    DataSourcePool.Lease reserved = pool.reserve();
    assertNull(reserved.connection(), "no connection borrowed yet");
    assertEquals(1, pool.borrowedConnections());
    assertNull(pool.tryAcquire(), "the pool's one connection is reserved");
    reserved.close();
    reserved.close();
    assertEquals(0, pool.borrowedConnections());

    DataSourcePool.Lease lease = pool.reserve();
    AtomicInteger selected = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    Thread runner = new Thread(() -> {
      try (lease) {
        lease.connect();
        selected.set(selectOne(lease));
      } catch (SQLException | RuntimeException e) {
        failures.add(e);
      }
    });
    runner.start();
    runner.join(10_000);
    assertEquals(List.of(), failures);
    assertEquals(1, selected.get());
    assertEquals(0, pool.borrowedConnections());
  }

  @Test
  void reservedAndStoppedByTheHealthMonitor_failsToConnect_andGivesTheRoomBack() throws SQLException {
    DataSourcePool.Lease reserved = pool.reserve();
    pool.abortBorrowed(Runnable::run);
    SQLTransientConnectionException error = assertThrows(SQLTransientConnectionException.class, reserved::connect);
    assertEquals("h7: the connection was stopped by the health monitor as it was lent", error.getMessage());
    assertEquals(0, pool.borrowedConnections());

    DataSourcePool.Lease unavailable = pool.reserve();
    assertTrue(pool.health().markUnavailable("no answer to SELECT 1 within 1500 ms"));
    error = assertThrows(SQLTransientConnectionException.class, unavailable::connect);
    assertTrue(error.getMessage().startsWith("h7: unavailable since "), error.getMessage());
    assertEquals(0, pool.borrowedConnections());
    assertTrue(pool.health().markAvailable());
    try (DataSourcePool.Lease lease = pool.acquire()) {
      assertEquals(1, selectOne(lease));
    }
  }

  @Test
  void abortAfterGivingBack_changesNothing() throws SQLException {
    DataSourcePool.Lease lease = pool.acquire();
    lease.close();
    pool.abort(lease.connection());
    try (DataSourcePool.Lease next = pool.acquire()) {
      assertEquals(1, selectOne(next));
    }
  }

  @Test
  void unavailable_failsAtOnceNamingTheDataSource_untilAvailableAgain() throws SQLException {
    assertTrue(pool.health().markUnavailable("no answer to SELECT 1 within 1500 ms"));
    SQLTransientConnectionException error = assertThrows(SQLTransientConnectionException.class, pool::acquire);
    assertEquals("08001", error.getSQLState());
    assertTrue(error.getMessage().startsWith("h7: unavailable since "), error.getMessage());
    assertTrue(error.getMessage().contains("(no answer to SELECT 1 within 1500 ms)"), error.getMessage());
    assertNull(pool.tryAcquire());
    assertEquals(0, pool.borrowedConnections());

    assertTrue(pool.health().markAvailable());
    try (DataSourcePool.Lease lease = pool.acquire()) {
      assertEquals(1, selectOne(lease));
    }
  }

  @Test
  void failuresInARow_makeItUnavailable_aSuccessBetweenDoesNot() {
    DataSourceHealth health = pool.health();
    health.recordFailure("refused");
    health.recordFailure("refused");
    health.recordSuccess();
    health.recordFailure("refused");
    health.recordFailure("refused");
    assertTrue(health.available(), health.toString());
    health.recordFailure("Connection refused");
    assertFalse(health.available());
    assertEquals("h7: unavailable (3 failures in a row, the last: Connection refused)", health.toString());
    assertEquals(1, health.outages());
  }

  @Test
  void stuck_whenABorrowedConnectionOutlastsTheIntervalWithoutProgress() throws Exception {
    assertFalse(pool.stuckLongerThan(50));
    try (DataSourcePool.Lease lease = pool.acquire()) {
      Thread.sleep(120);
      assertTrue(pool.stuckLongerThan(50));
    }
    assertFalse(pool.stuckLongerThan(50));
  }

  @Test
  void rowsRead_areProgress_untilTheyStop() throws Exception {
    try (DataSourcePool.Lease lease = pool.acquire()) {
      Thread.sleep(120);
      assertTrue(pool.stuckLongerThan(50));
      lease.rowRead();
      assertFalse(pool.stuckLongerThan(50));
      Thread.sleep(120);
      assertTrue(pool.stuckLongerThan(50));
    }
  }

  @Test
  void progressSince_countsRowsAndConnectionsGivenBackWhole_notBrokenOnes() throws Exception {
    long start = System.nanoTime();
    pool.acquire().discard();
    assertFalse(pool.progressSince(start));
    DataSourcePool.Lease reading = pool.acquire();
    assertFalse(pool.progressSince(start));
    reading.rowRead();
    assertTrue(pool.progressSince(start));

    long later = System.nanoTime();
    assertFalse(pool.progressSince(later));
    reading.close();
    assertTrue(pool.progressSince(later));
  }

  @Test
  void threadsTakingAndGivingBackEveryConnection_leaveNoneBorrowed() throws Exception {
    HikariConfig config = new HikariConfig();
    TestServer server = TestServers.shared();
    config.setPoolName("pool-test-4");
    config.setJdbcUrl(server.jdbcUrl(""));
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(4);
    try (DataSourcePool four = new DataSourcePool("h4", new HikariDataSource(config), ResilienceSettings.DEFAULTS)) {
      List<Thread> threads = new ArrayList<>();
      AtomicInteger selected = new AtomicInteger();
      for (int t = 0; t < 8; t++) {
        threads.add(new Thread(() -> {
          for (int i = 0; i < 100; i++) {
            try (DataSourcePool.Lease lease = four.acquire()) {
              selected.addAndGet(selectOne(lease));
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join(30_000);
        assertFalse(thread.isAlive());
      }
      assertEquals(800, selected.get());
      assertEquals(0, four.borrowedConnections());
      assertFalse(four.othersWaiting());
      Thread.sleep(60);
      assertFalse(four.stuckLongerThan(50), "no lease is left in its slot");
    }
  }

  private static int selectOne(DataSourcePool.Lease lease) throws SQLException {
    try (Statement statement = lease.connection().createStatement(); ResultSet row = statement.executeQuery("SELECT 1")) {
      assertTrue(row.next());
      return row.getInt(1);
    }
  }
}
