package org.shardjdbc.driver.execute;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.shardjdbc.driver.config.ResilienceSettings;

/**
 * The connection pool of one data source, with one permit per pooled connection so that a query can ask for extra
 * connections without waiting: a query waits for its first connection of a pool, never for a second one while it
 * holds one (that is how pools deadlock under load).
 *
 * <p>The permits also bound what one server can hold of the driver: at most one statement per pooled connection is in
 * flight on it, whatever the other data sources do. While its {@link DataSourceHealth} says unavailable, asking for a
 * connection fails at once; the pool keeps track of its borrowed connections and of the threads waiting for one, so
 * that the {@link HealthMonitor} can see work stuck on the server and close those connections under it.
 */
public final class DataSourcePool implements AutoCloseable {
  static final long WAIT_SLICE_MILLIS = 200;
  private final String name;
  private final HikariDataSource pool;
  private final DataSourceHealth health;
  private final HikariPool hikariPool;
  private final Semaphore permits;
  private final long connectionTimeoutMillis;
  /** Borrowed leases and waiting acquisitions, each with the System.nanoTime() it started at. */
  private final Map<Object, Long> busy = new ConcurrentHashMap<>();
  /** System.nanoTime() when a connection was last lent or given back: the server was still making progress. */
  private volatile long lastProgress = System.nanoTime();

  /**
   * @param settings the failure threshold and probe interval of the data source's health
   */
  public DataSourcePool(String name, HikariDataSource pool, ResilienceSettings settings) {
    this.name = name;
    this.pool = pool;
    this.health = new DataSourceHealth(name, settings.healthFailureThreshold(), settings.healthProbeIntervalMs());
    this.hikariPool = (HikariPool) Objects.requireNonNull(pool.getHikariPoolMXBean(), "the pool is not started");
    this.permits = new Semaphore(pool.getMaximumPoolSize(), true);
    this.connectionTimeoutMillis = pool.getConnectionTimeout();
  }

  public String name() {
    return name;
  }

  public HikariDataSource pool() {
    return pool;
  }

  public DataSourceHealth health() {
    return health;
  }

  /**
   * A connection, waiting up to the pool's connection timeout.
   *
   * @throws SQLTransientConnectionException (SQLState 08001) at once while the data source is unavailable
   */
  public Lease acquire() throws SQLException {
    health.checkAvailable();
    Object waiting = new Object();
    busy.put(waiting, System.nanoTime());
    try {
      if (!permits.tryAcquire(connectionTimeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(name + ": no connection available within " + connectionTimeoutMillis
            + " ms (all " + pool.getMaximumPoolSize() + " in use)", "08001");
      }
      try {
        // the permit may have come from a statement that the health monitor stopped because the server is gone
        health.checkAvailable();
      } catch (SQLException e) {
        permits.release();
        throw e;
      }
      return lease();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException(name + ": interrupted while waiting for a connection", "08001", e);
    } finally {
      busy.remove(waiting);
    }
  }

  /** A connection if one is free now and the data source is available, else null. */
  public Lease tryAcquire() throws SQLException {
    return health.available() && permits.tryAcquire() ? lease() : null;
  }

  private Lease lease() throws SQLException {
    Connection connection;
    try {
      connection = connectionWhileAvailable();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
    health.recordSuccess();
    Lease lease = new Lease(this, connection);
    long now = System.nanoTime();
    busy.put(lease, now);
    lastProgress = now;
    return lease;
  }

  /**
   * A connection from HikariCP, waited for in slices of at most {@value #WAIT_SLICE_MILLIS} ms: HikariCP waits out
   * its whole connection timeout while it cannot make a connection (a server that refuses or never answers), and
   * nothing can wake it; between slices, a data source found unavailable meanwhile fails the wait at once.
   */
  private Connection connectionWhileAvailable() throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectionTimeoutMillis);
    while (true) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        return hikariPool.getConnection(Math.max(1, Math.min(WAIT_SLICE_MILLIS, remaining)));
      } catch (SQLTransientConnectionException timedOut) {
        health.checkAvailable();
        if (remaining <= WAIT_SLICE_MILLIS) {
          throw cannotConnect(timedOut);
        }
      } catch (SQLException | RuntimeException e) {
        throw cannotConnect(e);
      }
    }
  }

  private SQLTransientConnectionException cannotConnect(Exception e) {
    health.recordFailure(HealthProbe.describe(e));
    String sqlState = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "08001";
    return new SQLTransientConnectionException(name + ": cannot get a connection: " + e.getMessage(), sqlState,
        e instanceof SQLException s ? s.getErrorCode() : 0, e);
  }

  void release(Lease lease) {
    busy.remove(lease);
    lastProgress = System.nanoTime();
    permits.release();
  }

  /** Connections borrowed by statements and not yet given back: 0 whenever no statement or result is open. */
  public int borrowedConnections() {
    return pool.getMaximumPoolSize() - permits.availablePermits();
  }

  /**
   * Whether a borrowed connection, or a wait for one, has lasted longer than {@code millis} while no other connection
   * was lent or given back: work may be stuck on the server.
   */
  boolean stuckLongerThan(long millis) {
    long startedBefore = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(millis);
    if (lastProgress - startedBefore > 0) {
      return false;
    }
    for (long started : busy.values()) {
      if (started - startedBefore < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes every borrowed connection under its statement (the server is gone): a thread blocked reading from it
   * fails at once, gives the connection back as broken and frees its permit.
   */
  void abortBorrowed(Executor executor) {
    for (Object entry : busy.keySet()) {
      if (entry instanceof Lease lease) {
        executor.execute(lease::abort);
      }
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "DataSourcePool[" + health + ", borrowed=" + borrowedConnections() + "]";
  }

  /** A connection taken from the pool, returned by {@link #close()}. */
  public static final class Lease implements AutoCloseable {
    private final DataSourcePool owner;
    private final Connection connection;
    private boolean closed;

    Lease(DataSourcePool owner, Connection connection) {
      this.owner = owner;
      this.connection = connection;
    }

    public Connection connection() {
      return connection;
    }

    public String dataSource() {
      return owner.name;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the pool evicts a broken connection itself
      } finally {
        owner.release(this);
      }
    }

    /** Gives the connection back to be closed by the pool, not lent again. */
    public void discard() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        owner.pool.evictConnection(connection);
      } finally {
        owner.release(this);
      }
    }

    /**
     * Closes the physical connection at once, from any thread, without waiting for the server; its holder still
     * gives the lease back (as broken, after the failure this causes).
     */
    void abort() {
      try {
        connection.abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // already closed or given back: nothing left to stop
      }
    }
  }
}
