package org.shardjdbc.driver.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.execute.PhysicalSession;
import org.shardjdbc.driver.replica.DataSourceGroup;
import org.shardjdbc.driver.replica.ReadWriteSplitting;
import org.shardjdbc.driver.replica.ReadYourWrites;
import org.shardjdbc.driver.replica.ReplicaReads;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.transaction.LocalTransaction;
import org.shardjdbc.driver.transaction.TransactionSavepoint;
import org.shardjdbc.driver.transaction.XaCoordinator;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAccess;
import org.shardjdbc.planner.session.IsolationLevel;
import org.shardjdbc.planner.session.SessionCommand.AccessMode;
import org.shardjdbc.planner.session.SessionSetting;

/**
 * The session of one logical connection, with MySQL's semantics: autocommit, the isolation level, read-only mode,
 * session variables and the open transaction; and the {@link ConnectionSource} its statements take physical
 * connections from.
 *
 * <ul>
 *   <li>Outside a transaction each statement borrows connections from the pools and gives them back when its result
 *       is closed; inside one, the {@link LocalTransaction} lends its connection per data source.
 *   <li>A transaction starts with the first statement after autocommit is turned off, or with BEGIN / START
 *       TRANSACTION (which first commits an open one). One started by BEGIN ends at COMMIT or ROLLBACK, after which
 *       autocommit is what it was. Turning autocommit from off to on commits the open transaction.
 *   <li>The isolation level and read-only mode reach every physical connection, set when it is borrowed or pinned
 *       (a transaction keeps those it started with, as MySQL's do); unset, they are the pools' own.
 *   <li>Session variables are set on every physical connection and set back before it returns to its pool
 *       ({@link PhysicalSession}).
 *   <li>Named locks ({@code GET_LOCK}) live on the lock data source, in one physical connection that the session keeps
 *       while it holds any ({@link NamedLocks}) and releases when it ends. A transaction that touches the lock data
 *       source uses that same connection, and a lock taken inside a transaction is taken on the transaction's
 *       connection, which the session then keeps after commit or rollback: locks and transaction share one server
 *       session, as they do on MySQL, and neither ends the other.
 *   <li>With read/write splitting ({@link #connections}), a plain read outside a transaction goes to a replica that
 *       has this connection's own writes ({@link ReadYourWrites}, noted when a primary's connection used by a
 *       statement or a transaction goes back to its pool); a READ ONLY transaction pins a replica per data source
 *       (a consistent snapshot of that replica, which may be behind its primary); everything else goes to the
 *       primaries.
 * </ul>
 *
 * <p>Methods are synchronized: statements of one logical connection may ask for connections from several threads.
 */
public final class LogicalSession implements ConnectionSource, ReplicaReads.Borrower {
  private final ShardRuntime runtime;
  private final String defaultDataSource;
  private final String lockDataSource;
  private final NamedLocks locks = new NamedLocks();
  private final ReadWriteSplitting splitting;
  /** This connection's writes its reads must see; null without replicas. */
  private final ReadYourWrites writes;
  private boolean forcePrimary;
  /** Whether the open transaction is READ ONLY, and the replica or primary each of its data sources reads. */
  private boolean transactionReadOnly;
  private final Map<String, String> readTargets = new LinkedHashMap<>();
  private final Map<String, SessionSetting.Replayed> variables = new LinkedHashMap<>();
  private boolean autoCommit = true;
  private IsolationLevel isolation;
  private Boolean readOnly;
  private LocalTransaction transaction;
  /** What LAST_INSERT_ID() answers: the first key the last INSERT that generated one generated; 0 before. */
  private long lastInsertId;

  public LogicalSession(ShardRuntime runtime) {
    this.runtime = runtime;
    this.defaultDataSource = runtime.config().model().defaultDataSource();
    this.lockDataSource = runtime.config().model().lockDataSource();
    this.splitting = runtime.readWriteSplitting();
    this.writes = splitting.configured() ? new ReadYourWrites() : null;
  }

  public synchronized boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Turning autocommit from off to on commits the open transaction, as MySQL's {@code SET autocommit = 1} does;
   * turning it off inside a transaction begun by BEGIN lets the transaction go on.
   */
  public synchronized void setAutoCommit(boolean on) throws SQLException {
    boolean wasOn = autoCommit;
    autoCommit = on;
    if (on && !wasOn) {
      commit();
    } else if (!on && wasOn && transaction != null) {
      transaction.autoCommitOff();
    }
  }

  /** Whether a transaction is open: started by BEGIN, or by a statement or savepoint with autocommit off. */
  public synchronized boolean inTransaction() {
    return transaction != null;
  }

  /** The {@code Connection.TRANSACTION_*} level: as set, else the default data source pool's. */
  public synchronized int isolation() throws SQLException {
    return isolation != null ? isolation.jdbcLevel() : runtime.pool(defaultDataSource).sessionDefaults().isolation();
  }

  /** For transactions started from now on, and statements outside a transaction. */
  public synchronized void setIsolation(IsolationLevel level) {
    isolation = level;
  }

  /** The read-only mode: as set, else the default data source pool's. */
  public synchronized boolean readOnly() throws SQLException {
    return readOnly != null ? readOnly : runtime.pool(defaultDataSource).pool().isReadOnly();
  }

  /** For transactions started from now on, and statements outside a transaction. */
  public synchronized void setReadOnly(boolean on) {
    readOnly = on;
  }

  /** The logical database's name: the database of the default data source's connections. */
  public String database() throws SQLException {
    return runtime.pool(defaultDataSource).sessionDefaults().database();
  }

  /**
   * {@code USE}: the logical database is the only one the driver reaches, so naming it changes nothing and naming
   * another is refused.
   */
  public void use(String database) throws SQLException {
    String current = database();
    if (!database.equals(current)) {
      throw new SQLFeatureNotSupportedException("USE " + database + " is not supported: the logical database is "
          + (current == null ? "unnamed" : current) + " and the driver reaches no other", "0A000");
    }
  }

  /**
   * {@code BEGIN}, {@code START TRANSACTION}: commits the open transaction, then starts one. With a consistent
   * snapshot every data source is pinned at once and takes its snapshot now.
   */
  public synchronized void begin(AccessMode accessMode, boolean consistentSnapshot) throws SQLException {
    commit();
    LocalTransaction started = newTransaction(accessMode, consistentSnapshot);
    transaction = started;
    if (consistentSnapshot) {
      try {
        for (String dataSource : runtime.pools().keySet()) {
          if (transactionReadOnly && writes != null) {
            readTarget(dataSource);
          } else {
            started.connection(dataSource);
          }
        }
      } catch (SQLException e) {
        transaction = null;
        try {
          started.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  /** Commits the open transaction, if any; see {@link LocalTransaction#commit}. */
  public synchronized void commit() throws SQLException {
    LocalTransaction ending = transaction;
    if (ending != null) {
      transaction = null;
      readTargets.clear();
      ending.commit();
    }
  }

  /** Rolls back the open transaction, if any. */
  public synchronized void rollback() throws SQLException {
    LocalTransaction ending = transaction;
    if (ending != null) {
      transaction = null;
      readTargets.clear();
      ending.rollback();
    }
  }

  /** {@code COMMIT AND CHAIN}, {@code ROLLBACK AND CHAIN}: a new transaction with the same characteristics follows. */
  public synchronized void endAndChain(boolean commit) throws SQLException {
    LocalTransaction next = transaction != null ? transaction.chained() : newTransaction(AccessMode.SESSION_DEFAULT, false);
    if (commit) {
      commit();
    } else {
      rollback();
    }
    transaction = next;
  }

  /**
   * {@code Connection.setSavepoint}: with autocommit off it starts the transaction if none is open.
   *
   * @param name the name, or null for an unnamed savepoint
   * @throws SQLException with autocommit on and no transaction open
   */
  public synchronized TransactionSavepoint setSavepoint(String name) throws SQLException {
    if (transaction == null) {
      if (autoCommit) {
        throw new SQLException("cannot set a savepoint with autocommit on and no transaction open", "3B000");
      }
      transaction = newTransaction(AccessMode.SESSION_DEFAULT, false);
    }
    return transaction.setSavepoint(name);
  }

  /**
   * {@code SAVEPOINT name}. With autocommit on and no transaction, MySQL's savepoint ends with the statement's own
   * commit, so there is nothing to do.
   */
  public synchronized void savepoint(String name) throws SQLException {
    if (transaction != null || !autoCommit) {
      setSavepoint(name);
    }
  }

  /** {@code ROLLBACK TO name}. */
  public synchronized void rollbackTo(String name) throws SQLException {
    LocalTransaction open = openTransaction(name);
    open.rollbackTo(open.savepoint(name));
  }

  /** {@code RELEASE SAVEPOINT name}. */
  public synchronized void releaseSavepoint(String name) throws SQLException {
    LocalTransaction open = openTransaction(name);
    open.release(open.savepoint(name));
  }

  /** {@code Connection.rollback(Savepoint)}. */
  public synchronized void rollbackTo(Savepoint savepoint) throws SQLException {
    transaction(savepoint).rollbackTo((TransactionSavepoint) savepoint);
  }

  /** {@code Connection.releaseSavepoint(Savepoint)}. */
  public synchronized void releaseSavepoint(Savepoint savepoint) throws SQLException {
    transaction(savepoint).release((TransactionSavepoint) savepoint);
  }

  private LocalTransaction openTransaction(String savepoint) throws SQLException {
    if (transaction == null) {
      throw new SQLException("SAVEPOINT " + savepoint + " does not exist", "42000", 1305);
    }
    return transaction;
  }

  private LocalTransaction transaction(Savepoint savepoint) throws SQLException {
    if (!(savepoint instanceof TransactionSavepoint ours) || transaction == null || ours.transaction() != transaction) {
      throw new SQLException(savepoint + " is not a savepoint of this connection's open transaction", "3B001");
    }
    return transaction;
  }

  /**
   * The isolation level and read-only mode are fixed when the transaction starts, as in MySQL; the session variables
   * are read as it goes.
   */
  private LocalTransaction newTransaction(AccessMode accessMode, boolean consistentSnapshot) throws SQLException {
    IsolationLevel level = isolation;
    Boolean mode = readOnly;
    boolean readOnlyTransaction = accessMode == AccessMode.READ_ONLY
        || (accessMode == AccessMode.SESSION_DEFAULT && readOnly());
    // a read-only transaction has nothing to commit atomically: it stays local under XA too
    XaCoordinator xa = readOnlyTransaction ? null : runtime.xa();
    if (xa != null && consistentSnapshot) {
      throw new SQLFeatureNotSupportedException("START TRANSACTION WITH CONSISTENT SNAPSHOT is not supported with "
          + "transaction.type: xa (XA START takes no snapshot); READ ONLY transactions may take one", "0A000");
    }
    transactionReadOnly = readOnlyTransaction;
    readTargets.clear();
    // called by the transaction, which the session only ever calls with its own monitor held
    return new LocalTransaction(new LocalTransaction.Connections() {
      @Override
      public PhysicalSession open(String target) throws SQLException {
        DataSourcePool pool = runtime.pool(target);
        PhysicalSession lockConnection = locks.connection();
        PhysicalSession session;
        if (lockConnection != null && lockConnection.dataSource().equals(target)) {
          lockConnection.characteristics(pool, level, mode);
          session = lockConnection;
        } else {
          session = LogicalSession.this.open(pool, pool.acquire(), level, mode);
        }
        if (!readOnlyTransaction) {
          noteWrites(session, target);
        }
        return session;
      }

      @Override
      public void giveBack(PhysicalSession session, boolean broken) {
        if (session != locks.connection()) {
          if (broken) {
            session.discard();
          } else {
            session.close();
          }
        } else if (broken) {
          // the server rolls back and releases the locks of a connection it loses
          locks.clear();
          session.discard();
        } else {
          keepForNamedLocks(session);
        }
      }
    }, accessMode, consistentSnapshot, autoCommit, xa);
  }

  /** After a transaction on the named locks' connection: back to autocommit, as statements outside one expect. */
  private void keepForNamedLocks(PhysicalSession session) {
    try {
      if (!session.connection().getAutoCommit()) {
        session.connection().setAutoCommit(true);
      }
    } catch (SQLException e) {
      locks.clear();
      session.discard();
    }
  }

  /** Has the session note what its primary's connection wrote before it goes back, when its data source has replicas. */
  private void noteWrites(PhysicalSession session, String dataSource) {
    DataSourceGroup group = writes == null ? null : splitting.activeGroup(dataSource);
    if (group != null) {
      session.onRelease(splitting.writesOf(group, writes));
    }
  }

  /**
   * Applies a {@code SET}'s assignments in order. The session variables among them are first tried on a connection
   * of the default data source, so that a value a server refuses changes nothing; then they are set on every
   * connection the open transaction holds.
   */
  public synchronized void set(List<SessionSetting> settings) throws SQLException {
    List<SessionSetting.Replayed> replayed = new ArrayList<>();
    for (SessionSetting setting : settings) {
      if (setting instanceof SessionSetting.Replayed variable) {
        replayed.add(variable);
      }
    }
    if (!replayed.isEmpty()) {
      check(replayed);
    }
    for (SessionSetting setting : settings) {
      apply(setting);
    }
  }

  private void check(List<SessionSetting.Replayed> replayed) throws SQLException {
    DataSourcePool pool = runtime.pool(defaultDataSource);
    boolean holdsOne = pinnedConnections().stream().anyMatch(session -> session.dataSource().equals(defaultDataSource));
    // never wait for a second connection of a pool while holding one: with none free, the pinned ones tell
    DataSourcePool.Lease lease = holdsOne ? pool.tryAcquire() : pool.acquire();
    if (lease != null) {
      PhysicalSession.open(pool, lease, null, null, replayed).close();
    }
  }

  private void apply(SessionSetting setting) throws SQLException {
    if (setting instanceof SessionSetting.Autocommit autocommit) {
      setAutoCommit(autocommit.on());
    } else if (setting instanceof SessionSetting.Isolation level) {
      setIsolation(level.level());
    } else if (setting instanceof SessionSetting.ReadOnly mode) {
      setReadOnly(mode.on());
    } else if (setting instanceof SessionSetting.Replayed variable) {
      variables.remove(variable.key());
      variables.put(variable.key(), variable);
      for (PhysicalSession session : pinnedConnections()) {
        session.apply(variable);
      }
    } else {
      throw new IllegalStateException("unknown session setting " + setting);
    }
  }

  /** The connections the session holds beyond one statement: the transaction's, and the named locks' one. */
  private Collection<PhysicalSession> pinnedConnections() {
    List<PhysicalSession> pinned = new ArrayList<>(transaction == null ? List.of() : transaction.connections());
    if (locks.connection() != null && !pinned.contains(locks.connection())) {
      pinned.add(locks.connection());
    }
    return pinned;
  }

  /**
   * The physical connection a statement that takes or releases named locks runs on: inside a transaction, the
   * transaction's connection to the lock data source (which is the one that holds this session's named locks, when
   * it holds any); else the one that holds the named locks; else one borrowed from the lock data source's pool.
   * Each use is followed by {@link #namedLockStatementRan}.
   */
  public synchronized PhysicalSession namedLockConnection() throws SQLException {
    if (pinned()) {
      if (transaction == null) {
        transaction = newTransaction(AccessMode.SESSION_DEFAULT, false);
      }
      return transaction.connection(lockDataSource);
    }
    if (locks.connection() != null) {
      return locks.connection();
    }
    DataSourcePool pool = runtime.pool(lockDataSource);
    return open(pool, pool.acquire(), isolation, readOnly);
  }

  /**
   * Counts what a named-lock statement did, and keeps its connection while it holds any lock; one that holds none
   * goes back to its pool, or stays with the transaction that holds it.
   *
   * @param used the connection from {@link #namedLockConnection()}
   * @param row the values of the statement's one row, or null when it failed
   * @param failure why it failed, or null
   */
  public synchronized void namedLockStatementRan(PhysicalSession used, Analysis.NamedLocks statement, Object[] row,
      SQLException failure) {
    boolean transactional = transaction != null && transaction.holds(used);
    if (failure != null && failure.getSQLState() != null && failure.getSQLState().startsWith("08")) {
      // the connection is gone, and the server released its locks with it
      locks.clear();
      if (!transactional) {
        used.discard();
      }
      return;
    }
    if (row != null) {
      locks.count(statement.calls(), row);
    } else if (!statement.singleCall()) {
      locks.uncertain();
    }
    if (locks.holdsAny()) {
      locks.pin(used);
    } else {
      locks.clear();
      if (!transactional) {
        used.close();
      }
    }
  }

  /** What the session holds of named locks, for messages and tests. */
  public synchronized String namedLocks() {
    return locks.toString();
  }

  /**
   * Ends the session: rolls back the open transaction, then releases the named locks and gives their connection
   * back; a connection whose locks cannot be released is closed instead, which releases them on the server.
   */
  public synchronized void close() throws SQLException {
    try {
      rollback();
    } finally {
      releaseNamedLocks();
    }
  }

  private void releaseNamedLocks() {
    PhysicalSession held = locks.connection();
    if (held == null) {
      return;
    }
    locks.clear();
    try (Statement statement = held.connection().createStatement()) {
      statement.execute("SELECT RELEASE_ALL_LOCKS()");
    } catch (SQLException | RuntimeException e) {
      held.discard();
      return;
    }
    held.close();
  }

  @Override
  public synchronized boolean pinned() {
    return transaction != null || !autoCommit;
  }

  @Override
  public synchronized PhysicalConnection first(String dataSource) throws SQLException {
    if (pinned()) {
      if (transaction == null) {
        transaction = newTransaction(AccessMode.SESSION_DEFAULT, false);
      }
      return pinnedConnection(transaction.connection(dataSource));
    }
    return borrowPrimary(dataSource, true);
  }

  @Override
  public synchronized PhysicalConnection another(String dataSource) throws SQLException {
    return pinned() ? null : borrowPrimary(dataSource, false);
  }

  /**
   * Outside a transaction, the room in the primary's pool, and what the connection will need when it is borrowed
   * (this session's variables, isolation level and read-only mode as they are now), so that it can be borrowed
   * without the session's lock on another thread.
   */
  @Override
  public synchronized Reservation reserve(String dataSource) throws SQLException {
    if (pinned()) {
      return ConnectionSource.super.reserve(dataSource);
    }
    DataSourcePool pool = runtime.pool(dataSource);
    DataSourceGroup group = writes == null ? null : splitting.activeGroup(dataSource);
    PhysicalSession.ReleaseHook notingWrites = group == null ? null : splitting.writesOf(group, writes);
    IsolationLevel level = isolation;
    Boolean mode = readOnly;
    List<SessionSetting.Replayed> settings = variables.isEmpty() ? List.of() : new ArrayList<>(variables.values());
    DataSourcePool.Lease lease = pool.reserve();
    return new Reservation() {
      @Override
      public PhysicalConnection open() throws SQLException {
        lease.connect();
        PhysicalSession session = PhysicalSession.open(pool, lease, level, mode, settings);
        if (notingWrites != null) {
          session.onRelease(notingWrites);
        }
        return borrowed(session);
      }

      @Override
      public void cancel() {
        lease.close();
      }
    };
  }

  /**
   * A connection of a data source's primary borrowed for one statement with this session's variables, isolation
   * level and read-only mode; what it writes is noted for read-your-writes when it goes back.
   *
   * @param wait whether to wait for a connection, else null when none is free now
   */
  private PhysicalConnection borrowPrimary(String dataSource, boolean wait) throws SQLException {
    DataSourcePool pool = runtime.pool(dataSource);
    DataSourcePool.Lease lease = wait ? pool.acquire() : pool.tryAcquire();
    if (lease == null) {
      return null;
    }
    PhysicalSession session = open(pool, lease, isolation, readOnly);
    noteWrites(session, dataSource);
    return borrowed(session);
  }

  /**
   * Connections borrowed from the primaries' pools for one statement, as outside a transaction, whatever autocommit
   * says: for DDL, which commits on its own in MySQL (the caller first commits the open transaction). They carry this
   * session's variables, isolation level and read-only mode, and what they write is noted for read-your-writes.
   */
  public ConnectionSource ownTransactions() {
    return new ConnectionSource() {
      @Override
      public boolean pinned() {
        return false;
      }

      @Override
      public PhysicalConnection first(String dataSource) throws SQLException {
        synchronized (LogicalSession.this) {
          return borrowPrimary(dataSource, true);
        }
      }

      @Override
      public PhysicalConnection another(String dataSource) throws SQLException {
        synchronized (LogicalSession.this) {
          return borrowPrimary(dataSource, false);
        }
      }
    };
  }

  /**
   * Where the physical connections of a statement come from: this session (the primaries, or the transaction's
   * connections) for anything but a plain read; for a plain read, with read/write splitting on and the primary not
   * forced, the replicas ({@link ReplicaReads}) outside a transaction, and in a READ ONLY transaction the replica
   * the transaction pinned for each data source.
   *
   * @param access where the statement may run
   */
  public synchronized ConnectionSource connections(StatementAccess access) throws SQLException {
    if (writes == null || access != StatementAccess.READ || forcePrimary || !splitting.enabled()) {
      return this;
    }
    if (transaction == null && !autoCommit) {
      transaction = newTransaction(AccessMode.SESSION_DEFAULT, false);
    }
    if (transaction != null) {
      return transactionReadOnly ? new TransactionReads() : this;
    }
    return new ReplicaReads(splitting, this, writes);
  }

  /** The first key generated by this connection's last INSERT that generated one (0 before any), as LAST_INSERT_ID(). */
  public synchronized long lastInsertId() {
    return lastInsertId;
  }

  /**
   * Notes the first key an INSERT generated: by AUTO_INCREMENT on its physical connection, or by the driver's key
   * generator. An INSERT that generated none leaves the last one, as MySQL does.
   */
  public synchronized void generatedKey(long firstKey) {
    if (firstKey != 0) {
      lastInsertId = firstKey;
    }
  }

  /** Whether every statement of this connection goes to the primaries, whatever read/write splitting says. */
  public synchronized boolean forcePrimary() {
    return forcePrimary;
  }

  /** Sends every statement of this connection to the primaries while on (see {@code ShardConnection.setForcePrimary}). */
  public synchronized void setForcePrimary(boolean on) {
    forcePrimary = on;
  }

  @Override
  public synchronized PhysicalConnection primary(String dataSource, boolean wait) throws SQLException {
    DataSourcePool pool = runtime.pool(dataSource);
    return borrow(pool, wait);
  }

  @Override
  public synchronized PhysicalConnection replica(DataSourcePool pool, boolean wait) throws SQLException {
    return borrow(pool, wait);
  }

  private PhysicalConnection borrow(DataSourcePool pool, boolean wait) throws SQLException {
    DataSourcePool.Lease lease = wait ? pool.acquire() : pool.tryAcquire();
    return lease == null ? null : borrowed(open(pool, lease, isolation, readOnly));
  }

  /**
   * The pool a READ ONLY transaction reads a data source from: a replica that is available and has this
   * connection's writes, chosen and pinned on first use, or the primary.
   */
  private String readTarget(String dataSource) throws SQLException {
    String target = readTargets.get(dataSource);
    if (target != null) {
      return target;
    }
    List<String> failed = new ArrayList<>();
    while (true) {
      String replica = splitting.replicaForTransaction(dataSource, writes, failed);
      if (replica == null) {
        transaction.connection(dataSource);
        readTargets.put(dataSource, dataSource);
        return dataSource;
      }
      try {
        transaction.connection(replica);
        readTargets.put(dataSource, replica);
        return replica;
      } catch (SQLException e) {
        splitting.takeOut(replica, e);
        failed.add(replica);
      }
    }
  }

  /** The reads of a READ ONLY transaction: each data source's pinned replica, or its primary. */
  private final class TransactionReads implements ConnectionSource {
    @Override
    public boolean pinned() {
      return true;
    }

    @Override
    public PhysicalConnection first(String dataSource) throws SQLException {
      synchronized (LogicalSession.this) {
        if (transaction == null) {
          return LogicalSession.this.first(dataSource);
        }
        return pinnedConnection(transaction.connection(readTarget(dataSource)));
      }
    }

    @Override
    public PhysicalConnection another(String dataSource) {
      return null;
    }
  }

  private PhysicalSession open(DataSourcePool pool, DataSourcePool.Lease lease, IsolationLevel level, Boolean mode)
      throws SQLException {
    return PhysicalSession.open(pool, lease, level, mode, variables.isEmpty() ? List.of() : new ArrayList<>(variables.values()));
  }

  private static PhysicalConnection borrowed(PhysicalSession session) {
    return new PhysicalConnection() {
      @Override
      public Connection connection() {
        return session.connection();
      }

      @Override
      public String dataSource() {
        return session.dataSource();
      }

      @Override
      public DataSourcePool.Lease lease() {
        return session.lease();
      }

      @Override
      public void release() {
        session.close();
      }

      @Override
      public void discard() {
        session.discard();
      }

      @Override
      public boolean pinned() {
        return false;
      }
    };
  }

  private static PhysicalConnection pinnedConnection(PhysicalSession session) {
    return new PhysicalConnection() {
      @Override
      public Connection connection() {
        return session.connection();
      }

      @Override
      public String dataSource() {
        return session.dataSource();
      }

      @Override
      public DataSourcePool.Lease lease() {
        return session.lease();
      }

      @Override
      public void release() {
        // kept until commit or rollback
      }

      @Override
      public void discard() {
        // a broken connection fails the commit, which names its data source; the pool then closes it
      }

      @Override
      public boolean pinned() {
        return true;
      }
    };
  }
}
