package org.shardjdbc.driver.execute;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The connection pool of one data source, with one permit per pooled connection so that a query can ask for extra
 * connections without waiting: a query waits for its first connection of a pool, never for a second one while it
 * holds one (that is how pools deadlock under load).
 */
public final class DataSourcePool implements AutoCloseable {
  private final String name;
  private final HikariDataSource pool;
  private final Semaphore permits;
  private final long connectionTimeoutMillis;
  private volatile SessionDefaults sessionDefaults;

  public DataSourcePool(String name, HikariDataSource pool) {
    this.name = name;
    this.pool = pool;
    this.permits = new Semaphore(pool.getMaximumPoolSize(), true);
    this.connectionTimeoutMillis = pool.getConnectionTimeout();
  }

  public String name() {
    return name;
  }

  public HikariDataSource pool() {
    return pool;
  }

  /**
   * What every connection of this pool is like when it is lent: the pool sets (or puts back) its isolation level,
   * read-only mode and autocommit; the database is the one its URL names.
   *
   * @param isolation the {@code Connection.TRANSACTION_*} level
   * @param readOnly the pool's read-only mode
   * @param database the default database, or null when the URL names none
   */
  public record SessionDefaults(int isolation, boolean readOnly, String database) {}

  /** The session defaults, read from a connection borrowed for it the first time they are asked for. */
  public SessionDefaults sessionDefaults() throws SQLException {
    SessionDefaults defaults = sessionDefaults;
    if (defaults == null) {
      try (Lease lease = acquire()) {
        defaults = sessionDefaults(lease.connection());
      }
    }
    return defaults;
  }

  /**
   * The session defaults, read from {@code fresh} the first time they are asked for.
   *
   * @param fresh a connection just lent by this pool, before anything changed it
   */
  public SessionDefaults sessionDefaults(Connection fresh) throws SQLException {
    SessionDefaults defaults = sessionDefaults;
    if (defaults == null) {
      try {
        defaults = new SessionDefaults(fresh.getTransactionIsolation(), pool.isReadOnly(), fresh.getCatalog());
      } catch (SQLException e) {
        throw new SQLException(name + ": cannot read the connection's isolation level and database: " + e.getMessage(),
            e.getSQLState(), e.getErrorCode(), e);
      }
      sessionDefaults = defaults;
    }
    return defaults;
  }

  /** A connection, waiting up to the pool's connection timeout. */
  public Lease acquire() throws SQLException {
    try {
      if (!permits.tryAcquire(connectionTimeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(name + ": no connection available within " + connectionTimeoutMillis
            + " ms (all " + pool.getMaximumPoolSize() + " in use)", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException(name + ": interrupted while waiting for a connection", "08001", e);
    }
    return lease();
  }

  /** A connection if one is free now, else null. */
  public Lease tryAcquire() throws SQLException {
    return permits.tryAcquire() ? lease() : null;
  }

  private Lease lease() throws SQLException {
    try {
      return new Lease(this, pool.getConnection());
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw new SQLException(name + ": cannot get a connection: " + e.getMessage(),
          e instanceof SQLException s ? s.getSQLState() : "08001", e instanceof SQLException s ? s.getErrorCode() : 0, e);
    }
  }

  void release() {
    permits.release();
  }

  /** Connections borrowed by statements and not yet given back: 0 whenever no statement or result is open. */
  public int borrowedConnections() {
    return pool.getMaximumPoolSize() - permits.availablePermits();
  }

  @Override
  public void close() {
    pool.close();
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
        owner.release();
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
        owner.release();
      }
    }
  }
}
