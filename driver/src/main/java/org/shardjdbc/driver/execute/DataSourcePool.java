package org.shardjdbc.driver.execute;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.shardjdbc.driver.config.ResilienceSettings;

/**
 * The connection pool of one data source, with one permit per pooled connection so that a query can ask for extra
 * connections without waiting: a query waits for its first connection of a pool, never for a second one while it
 * holds one (that is how pools deadlock under load).
 *
 * <p>The permits also bound what one server can hold of the driver: at most one statement per pooled connection is in
 * flight on it, whatever the other data sources do. While its {@link DataSourceHealth} says unavailable, asking for a
 * connection fails at once; the pool keeps track of its borrowed connections and of the threads waiting for one, so
 * that the {@link HealthMonitor} can see work stuck on the server and close those connections under it. Work is stuck
 * when the server makes no progress: no connection is given back whole, and no row is read from a borrowed one.
 */
public final class DataSourcePool implements AutoCloseable {
  static final long WAIT_SLICE_MILLIS = 200;
  private final String name;
  private final HikariDataSource pool;
  private final DataSourceHealth health;
  private final HikariPool hikariPool;
  private final Semaphore permits;
  private final long connectionTimeoutMillis;
  /**
   * The leases out, one slot per permit: a lease holds a permit, so it always finds a free slot. An array rather
   * than a concurrent map: taking a slot is one compare-and-set, giving it back one store, with nothing allocated.
   */
  private final AtomicReferenceArray<Lease> leases;
  /** Acquisitions waiting for a permit, each with the System.nanoTime() it started at; empty while permits are free. */
  private final Map<Object, Long> waiting = new ConcurrentHashMap<>();
  /**
   * System.nanoTime() when the server last made progress: a connection was given back whole, or the health monitor
   * found rows read on a borrowed connection since it last looked ({@link #noteRowsRead()}).
   */
  private volatile long lastProgress = System.nanoTime();
  private volatile SessionDefaults sessionDefaults;
  /** HikariCP's connection count right after the last connection dropped with its result unread; under this lock. */
  private int totalAfterLastDrop = -1;

  /**
   * @param settings the failure threshold and probe interval of the data source's health
   */
  public DataSourcePool(String name, HikariDataSource pool, ResilienceSettings settings) {
    this.name = name;
    this.pool = pool;
    this.health = new DataSourceHealth(name, settings.healthFailureThreshold(), settings.healthProbeIntervalMs());
    this.hikariPool = (HikariPool) Objects.requireNonNull(pool.getHikariPoolMXBean(), "the pool is not started");
    this.permits = new Semaphore(pool.getMaximumPoolSize(), true);
    this.leases = new AtomicReferenceArray<>(pool.getMaximumPoolSize());
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

  /**
   * A connection, waiting up to the pool's connection timeout.
   *
   * @throws SQLTransientConnectionException (SQLState 08001) at once while the data source is unavailable
   */
  public Lease acquire() throws SQLException {
    Lease lease = reserve();
    lease.connect();
    return lease;
  }

  /**
   * Room for a connection, waited for up to the pool's connection timeout: a lease holding a permit, whose connection
   * {@link Lease#connect()} borrows from HikariCP. Under its permit HikariCP never waits for another statement to give
   * a connection back, only for one to be made; so a query that reserves its pools in order, one after another, can
   * connect to all of them at once, each from the thread that runs its statement, and cannot deadlock with another
   * query doing the same. A lease never connected is given back by {@link Lease#close()}.
   *
   * @throws SQLTransientConnectionException (SQLState 08001) at once while the data source is unavailable
   */
  public Lease reserve() throws SQLException {
    health.checkAvailable();
    try {
      // a free permit is taken without registering a wait (zero timeout: in turn with waiting threads, no barging)
      if (!permits.tryAcquire(0, TimeUnit.MILLISECONDS)) {
        awaitPermit();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException(name + ": interrupted while waiting for a connection", "08001", e);
    }
    try {
      // the permit may have come from a statement that the health monitor stopped because the server is gone
      health.checkAvailable();
    } catch (SQLException e) {
      permits.release();
      throw e;
    }
    return reserved();
  }

  /** Waits for a permit up to the connection timeout, seen by the health monitor while it waits. */
  private void awaitPermit() throws SQLException, InterruptedException {
    Object wait = new Object();
    waiting.put(wait, System.nanoTime());
    try {
      if (!permits.tryAcquire(connectionTimeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(name + ": no connection available within " + connectionTimeoutMillis
            + " ms (all " + pool.getMaximumPoolSize() + " in use)", "08001");
      }
    } finally {
      waiting.remove(wait);
    }
  }

  /** A connection if one is free now and the data source is available, else null. */
  public Lease tryAcquire() throws SQLException {
    if (!health.available() || !permits.tryAcquire()) {
      return null;
    }
    Lease lease = reserved();
    lease.connect();
    return lease;
  }

  /** A lease in a free slot for a permit the caller holds, its connection not yet borrowed. */
  private Lease reserved() {
    Lease lease = new Lease(this, System.nanoTime());
    occupy(lease);
    return lease;
  }

  /** Borrows a reserved lease's connection: the lease is in its slot while HikariCP is asked. */
  private void connect(Lease lease) throws SQLException {
    Connection connection;
    try {
      connection = connectionWhileAvailable();
    } catch (SQLException | RuntimeException e) {
      lease.close();
      throw e;
    }
    health.recordSuccess();
    if (!lease.lent(connection)) {
      lease.discard();
      throw new SQLTransientConnectionException(name + ": the connection was stopped by the health monitor as it was"
          + " lent", "08001");
    }
    try {
      // found unavailable while HikariCP lent (or validated) the connection: the health monitor may have looked at
      // the borrowed connections before this one had its connection, and this one's next call could block for ever
      health.checkAvailable();
    } catch (SQLException e) {
      lease.discard();
      throw e;
    }
  }

  /** Puts a lease into a free slot, starting at a random one so that threads seldom try the same. */
  private void occupy(Lease lease) {
    int slots = leases.length();
    int start = ThreadLocalRandom.current().nextInt(slots);
    for (int i = 0; ; i++) {
      int slot = (start + i) % slots;
      lease.slot = slot;
      if (leases.get(slot) == null && leases.compareAndSet(slot, null, lease)) {
        return;
      }
      if (i >= slots * 1_000) {
        throw new IllegalStateException(name + ": no free lease slot for a held permit (" + slots + " slots)");
      }
    }
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

  /** @param whole whether the connection came back in working order: its statements finished, the server is moving */
  void release(Lease lease, boolean whole) {
    leases.setRelease(lease.slot, null);
    if (whole) {
      lastProgress = System.nanoTime();
    }
    permits.release();
  }

  /** Whether statements wait for a connection of this pool, for a permit or for HikariCP to make one. */
  boolean othersWaiting() {
    return permits.hasQueuedThreads() || hikariPool.getThreadsAwaitingConnection() > 0;
  }

  /**
   * Whether a connection whose result is closed with rows unread may be dropped rather than read to its end
   * ({@link PhysicalResult#abortUnread}); when it may, the connection is counted as dropped. Not while statements wait
   * for a connection of this pool ({@link #othersWaiting}), and not while the connection dropped last has not been made
   * again: HikariCP holds no more connections than it did right after that drop. So a pool is short of at most one
   * connection through drops, however many results close at the same moment.
   *
   * <p>Why: HikariCP makes a pool's connections one at a time, and statements that end together (a burst of deep pages
   * from 16 threads, each holding a connection of every server) each find nobody waiting. Dropping all of them emptied
   * the pools, and the burst that came next waited for every connection to be made again, one after another; a failed
   * attempt makes HikariCP back off for up to seconds. Measured with HikariCP's debug log on the benchmarks' deep page
   * ({@code LIMIT 100000, 10} at 16 threads through a +0.5 ms delay, blocks of queries by turns): without this limit, 823
   * connections made in a warm-up and four rounds of 6 s, some attempts failing, and statements of the paired case
   * waiting past {@code connectionTimeoutMs}; with it, 250 to 300 dropped and made again in the whole paired case, its
   * warm-up included.
   */
  synchronized boolean mayDropConnection() {
    if (othersWaiting()) {
      return false;
    }
    int total = hikariPool.getTotalConnections();
    if (total <= totalAfterLastDrop) {
      return false;
    }
    totalAfterLastDrop = total - 1;
    return true;
  }

  /** Connections borrowed by statements and not yet given back: 0 whenever no statement or result is open. */
  public int borrowedConnections() {
    return pool.getMaximumPoolSize() - permits.availablePermits();
  }

  /**
   * Whether a borrowed connection, or a wait for one, has lasted longer than {@code millis} while the server made no
   * progress (no connection given back whole, no row read): work may be stuck on the server. For the health monitor.
   */
  boolean stuckLongerThan(long millis) {
    noteRowsRead();
    long startedBefore = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(millis);
    if (lastProgress - startedBefore > 0) {
      return false;
    }
    for (long started : waiting.values()) {
      if (started - startedBefore < 0) {
        return true;
      }
    }
    for (int slot = 0; slot < leases.length(); slot++) {
      Lease lease = leases.get(slot);
      if (lease != null && lease.started - startedBefore < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the server made progress (a connection given back whole, rows read) since {@code nanoTime}: then it is
   * busy rather than frozen, whatever a probe says. For the health monitor.
   */
  boolean progressSince(long nanoTime) {
    noteRowsRead();
    return lastProgress - nanoTime > 0;
  }

  /**
   * Notes rows read on the borrowed connections since the last call as progress, at the time of this call. The readers
   * pay one plain store per row ({@link Lease#rowRead()}) and never read the clock; the health monitor samples the
   * counts once per interval, which is as fine as it judges.
   */
  private synchronized void noteRowsRead() {
    boolean read = false;
    for (int slot = 0; slot < leases.length(); slot++) {
      Lease lease = leases.get(slot);
      if (lease != null) {
        read |= lease.rowsReadSinceSeen();
      }
    }
    if (read) {
      lastProgress = System.nanoTime();
    }
  }

  /**
   * Closes every borrowed connection under its statement (the server is gone): a thread blocked reading from it
   * fails at once, gives the connection back as broken and frees its permit.
   */
  void abortBorrowed(Executor executor) {
    for (int slot = 0; slot < leases.length(); slot++) {
      Lease lease = leases.get(slot);
      if (lease != null) {
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

  /**
   * Closes a borrowed connection under its statement, from any thread: a thread blocked reading from it fails at once,
   * and the connection is never lent again. Does nothing once the connection is given back.
   */
  void abort(Connection connection) {
    for (int slot = 0; slot < leases.length(); slot++) {
      Lease lease = leases.get(slot);
      if (lease != null && lease.connection() == connection) {
        lease.abort();
      }
    }
  }

  /**
   * A connection taken from the pool, returned by {@link #close()}; from {@link DataSourcePool#reserve()}, first only
   * the room for one, until {@link #connect()}. It stays abortable until it is back in the pool:
   * giving it back talks to the server too (HikariCP rolls back a transaction it thinks is open, and resets autocommit
   * and the other session state the connection's JDBC calls changed).
   *
   * <p>Its state is a set of flags changed by atomic bitwise or, with no lock: the holder gives the lease back
   * ({@link #GIVEN_BACK}, then {@link #RETURNED} once HikariCP has it), the health monitor may abort it from another
   * thread at any time ({@link #ABORTED}), and whichever of the two comes second sees the other's flag.
   */
  public static final class Lease implements AutoCloseable {
    private static final VarHandle ROWS_READ;
    private static final VarHandle STATE;
    /** Given back by its holder (closed or discarded). */
    private static final int GIVEN_BACK = 1;
    /** Back in the pool or evicted: nothing left to abort. */
    private static final int RETURNED = 2;
    /** Stopped by the health monitor: its connection is closed under it and never lent again. */
    private static final int ABORTED = 4;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        ROWS_READ = lookup.findVarHandle(Lease.class, "rowsRead", long.class);
        STATE = lookup.findVarHandle(Lease.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final DataSourcePool owner;
    /** System.nanoTime() when its permit was taken, before HikariCP was asked for the connection. */
    private final long started;
    /** Its slot among the pool's leases. */
    private int slot;
    /** Null while HikariCP is asked for it. */
    private volatile Connection connection;
    private volatile int state;
    /** Rows read on the connection: written by the thread reading its result, read by the health monitor. */
    private long rowsRead;
    /** {@link #rowsRead} when the health monitor last looked; under the pool's lock. */
    private long rowsSeen;

    Lease(DataSourcePool owner, long started) {
      this.owner = owner;
      this.started = started;
    }

    /**
     * Takes the connection HikariCP lent.
     *
     * @return false when the lease was aborted meanwhile: then the caller discards it
     */
    boolean lent(Connection lent) {
      connection = lent;
      return ((int) STATE.getVolatile(this) & ABORTED) == 0;
    }

    /**
     * Borrows the connection of a lease from {@link DataSourcePool#reserve()}, from HikariCP (which checks one that
     * has been idle with a round trip to the server).
     *
     * @throws SQLException naming the data source; the lease is then given back
     */
    public void connect() throws SQLException {
      owner.connect(this);
    }

    /** The borrowed connection; null before {@link #connect()}. */
    public Connection connection() {
      return connection;
    }

    /**
     * Whether this connection may be dropped with its result unread ({@link DataSourcePool#mayDropConnection}); when
     * it may, it counts as dropped, and the caller must discard it.
     */
    boolean mayDrop() {
      return owner.mayDropConnection();
    }

    public String dataSource() {
      return owner.name;
    }

    /**
     * Counts a row read from the connection: progress of the server for the health monitor. On the path of every row:
     * an opaque store, which on x86 and ARM is a plain one, with no fence and no clock read. Not an atomic increment,
     * and it need not be: one thread at a time reads a connection's result, and the monitor only asks whether the
     * count changed.
     */
    void rowRead() {
      ROWS_READ.setOpaque(this, rowsRead + 1);
    }

    /** Whether rows were read since the last call; the health monitor's only, under the pool's lock. */
    boolean rowsReadSinceSeen() {
      long read = (long) ROWS_READ.getOpaque(this);
      if (read == rowsSeen) {
        return false;
      }
      rowsSeen = read;
      return true;
    }

    /** Gives the connection back to the pool, or to be closed by it when it was aborted; safe to call more than once. */
    @Override
    public void close() {
      int before = (int) STATE.getAndBitwiseOr(this, GIVEN_BACK);
      if ((before & GIVEN_BACK) != 0) {
        return;
      }
      if (connection == null) {
        // reserved and never connected, or HikariCP failed to lend: only the permit to give back
        STATE.getAndBitwiseOr(this, RETURNED);
        owner.release(this, false);
        return;
      }
      if ((before & ABORTED) != 0) {
        evict();
        return;
      }
      try {
        // may block on the server (HikariCP's ROLLBACK and resets): an abort meanwhile ends it
        connection.close();
      } catch (SQLException ignored) {
        // the pool evicts a broken connection itself
      } finally {
        if (((int) STATE.getAndBitwiseOr(this, RETURNED) & ABORTED) != 0) {
          evict();
        } else {
          owner.release(this, true);
        }
      }
    }

    /** Gives the connection back to be closed by the pool, not lent again. */
    public void discard() {
      if (((int) STATE.getAndBitwiseOr(this, GIVEN_BACK) & GIVEN_BACK) == 0) {
        evict();
      }
    }

    private void evict() {
      STATE.getAndBitwiseOr(this, RETURNED);
      try {
        owner.pool.evictConnection(connection);
      } finally {
        owner.release(this, false);
      }
    }

    /**
     * Closes the physical connection at once, from any thread, without waiting for the server; its holder still
     * gives the lease back, and the pool then closes the connection instead of lending it again (an aborted connection
     * looks healthy to HikariCP until it is next validated). Also ends a {@link #close()} blocked on the server. A
     * lease still waiting for HikariCP's connection discards it when it comes ({@link #lent}).
     */
    void abort() {
      if (((int) STATE.getAndBitwiseOr(this, ABORTED) & RETURNED) != 0) {
        return;
      }
      Connection current = connection;
      if (current == null) {
        return;
      }
      try {
        current.abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // already closed: nothing left to stop
      }
    }
  }
}
