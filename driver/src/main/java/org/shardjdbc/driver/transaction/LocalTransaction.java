package org.shardjdbc.driver.transaction;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.execute.PhysicalSession;
import org.shardjdbc.planner.session.SessionCommand.AccessMode;

/**
 * A transaction over several data sources (SPEC §5): {@code transaction.type: local}, or with an
 * {@link XaCoordinator}, {@code xa}.
 *
 * <p>The first statement of the transaction that touches a data source pins one physical connection of it and starts
 * a transaction there ({@code START TRANSACTION} with the transaction's access mode and snapshot); every later
 * statement of the transaction on that data source, reads included, runs on that connection, so it sees the
 * transaction's own writes. The physical connection's autocommit mode is the logical one's, so that
 * {@code @@autocommit} reads as on MySQL (on inside BEGIN … COMMIT, off after {@code SET autocommit = 0}).
 *
 * <p>Local: commit goes data source by data source in the order they were touched: when one fails, those after it
 * are rolled back, and the exception names the data sources that committed and those that did not. XA: each data
 * source's work is a branch ({@code XA START} instead of {@code START TRANSACTION}, the physical connection's autocommit
 * left on), committed in two phases with a durable decision ({@link XaBranches}). Then every connection is given back
 * ({@link Connections#giveBack}: to its pool, or closed when its commit or rollback failed).
 *
 * <p>A savepoint is set on every data source pinned at that moment, and remembers which they were. A data source
 * pinned later has done nothing before the savepoint, so rolling back to the savepoint rolls that data source back
 * entirely, which is also what MySQL does for a storage engine that joins a transaction after a savepoint. Savepoint
 * names follow MySQL: case-insensitive; setting an existing name moves it; rolling back to a savepoint removes the
 * later ones, releasing it removes it and the later ones.
 *
 * <p>Methods are synchronized: the physical statements of one logical statement may pin connections from several
 * threads.
 */
public final class LocalTransaction {

  /** Lends the transaction its physical connections, and takes them back when it ends. */
  public interface Connections {
    /** A connection to a data source with the session's settings applied. */
    PhysicalSession open(String dataSource) throws SQLException;

    /**
     * Takes back a connection the transaction has ended on.
     *
     * @param broken whether ending the transaction on it (or starting it) failed, so that its state is unknown
     */
    void giveBack(PhysicalSession session, boolean broken);
  }

  private final Connections lender;
  /** Null for a local transaction. */
  private final XaCoordinator xa;
  /** The XA branches, from the first data source touched on; null for a local transaction. */
  private XaBranches branches;
  private final AccessMode accessMode;
  private final boolean consistentSnapshot;
  private boolean autoCommit;
  private final Map<String, PhysicalSession> connections = new LinkedHashMap<>();
  private final List<TransactionSavepoint> savepoints = new ArrayList<>();
  private int savepointIds;

  /**
   * @param connections how to get a connection to a data source when the transaction first touches it, and give it back
   * @param accessMode READ ONLY or READ WRITE, or as the session says
   * @param consistentSnapshot whether each data source starts {@code WITH CONSISTENT SNAPSHOT}
   * @param autoCommit the logical connection's autocommit mode (on for a transaction begun by BEGIN)
   * @param xa the coordinator of XA transactions, null for a local transaction
   */
  public LocalTransaction(Connections connections, AccessMode accessMode, boolean consistentSnapshot, boolean autoCommit,
      XaCoordinator xa) {
    if (xa != null && (consistentSnapshot || accessMode == AccessMode.READ_ONLY)) {
      throw new IllegalArgumentException("an XA transaction takes no snapshot and is never read only");
    }
    this.lender = connections;
    this.xa = xa;
    this.accessMode = accessMode;
    this.consistentSnapshot = consistentSnapshot;
    this.autoCommit = autoCommit;
  }

  /** The transaction that {@code COMMIT AND CHAIN} starts: same isolation level and access mode. */
  public synchronized LocalTransaction chained() {
    return new LocalTransaction(lender, accessMode, false, autoCommit, xa);
  }

  /** {@code SET autocommit = 0} inside the transaction: it goes on, and its connections turn autocommit off too. */
  public synchronized void autoCommitOff() throws SQLException {
    for (PhysicalSession session : xa == null ? connections.values() : List.<PhysicalSession>of()) {
      try {
        session.connection().setAutoCommit(false);
      } catch (SQLException e) {
        throw new SQLException(session.dataSource() + ": cannot turn autocommit off: " + e.getMessage(), e.getSQLState(),
            e.getErrorCode(), e);
      }
    }
    autoCommit = false;
  }

  /** The transaction's connection to a data source, pinned on first use. */
  public synchronized PhysicalSession connection(String dataSource) throws SQLException {
    PhysicalSession session = connections.get(dataSource);
    if (session == null) {
      session = lender.open(dataSource);
      try {
        if (xa != null) {
          if (branches == null) {
            branches = xa.branches();
          }
          branches.start(session);
        } else {
          if (!autoCommit) {
            session.connection().setAutoCommit(false);
          }
          execute(session, startTransaction());
        }
      } catch (SQLException e) {
        lender.giveBack(session, true);
        throw new SQLException(dataSource + ": cannot start the transaction: " + e.getMessage(), e.getSQLState(),
            e.getErrorCode(), e);
      }
      connections.put(dataSource, session);
    }
    return session;
  }

  private String startTransaction() {
    List<String> characteristics = new ArrayList<>();
    if (consistentSnapshot) {
      characteristics.add("WITH CONSISTENT SNAPSHOT");
    }
    if (accessMode == AccessMode.READ_ONLY) {
      characteristics.add("READ ONLY");
    } else if (accessMode == AccessMode.READ_WRITE) {
      characteristics.add("READ WRITE");
    }
    return characteristics.isEmpty() ? "START TRANSACTION" : "START TRANSACTION " + String.join(", ", characteristics);
  }

  /** Whether {@code session} is one of the transaction's connections. */
  public synchronized boolean holds(PhysicalSession session) {
    return connections.containsValue(session);
  }

  /** The connections pinned so far, in the order their data sources were touched. */
  public synchronized Collection<PhysicalSession> connections() {
    return new ArrayList<>(connections.values());
  }

  /**
   * Commits every data source in the order they were touched and returns the connections to their pools.
   *
   * @throws SQLException when a data source fails to commit: its cause, SQLState and vendor code, with the data
   *     sources that committed and those that did not (rolled back)
   */
  public synchronized void commit() throws SQLException {
    if (branches != null) {
      Set<String> broken = new HashSet<>();
      try {
        branches.commit(connections, broken);
      } finally {
        end(broken);
      }
      return;
    }
    List<String> committed = new ArrayList<>();
    List<String> rolledBack = new ArrayList<>();
    Set<String> broken = new HashSet<>();
    SQLException failure = null;
    String failed = null;
    for (Map.Entry<String, PhysicalSession> entry : connections.entrySet()) {
      String dataSource = entry.getKey();
      try {
        if (failure == null) {
          end(entry.getValue(), "COMMIT");
          committed.add(dataSource);
        } else {
          end(entry.getValue(), "ROLLBACK");
          rolledBack.add(dataSource);
        }
      } catch (SQLException e) {
        broken.add(dataSource);
        if (failure == null) {
          failure = e;
          failed = dataSource;
        }
      }
    }
    List<String> all = new ArrayList<>(connections.keySet());
    end(broken);
    if (failure != null) {
      List<String> notCommitted = new ArrayList<>(all);
      notCommitted.removeAll(committed);
      throw new SQLException("commit failed on data source " + failed + ": " + failure.getMessage() + "; committed on "
          + committed + ", not committed on " + notCommitted + " (rolled back: " + rolledBack + ")",
          failure.getSQLState(), failure.getErrorCode(), failure);
    }
  }

  /**
   * Rolls back every data source and returns the connections to their pools.
   *
   * @throws SQLException when a data source fails to roll back, naming it (its server rolls back the transaction of
   *     a connection it loses)
   */
  public synchronized void rollback() throws SQLException {
    if (branches != null) {
      Set<String> broken = new HashSet<>();
      branches.rollbackAll(connections, broken);
      end(broken);
      return;
    }
    List<String> rolledBack = new ArrayList<>();
    Set<String> broken = new HashSet<>();
    SQLException failure = null;
    String failed = null;
    for (Map.Entry<String, PhysicalSession> entry : connections.entrySet()) {
      try {
        end(entry.getValue(), "ROLLBACK");
        rolledBack.add(entry.getKey());
      } catch (SQLException e) {
        broken.add(entry.getKey());
        if (failure == null) {
          failure = e;
          failed = entry.getKey();
        }
      }
    }
    end(broken);
    if (failure != null) {
      throw new SQLException("rollback failed on data source " + failed + ": " + failure.getMessage()
          + "; rolled back on " + rolledBack, failure.getSQLState(), failure.getErrorCode(), failure);
    }
  }

  private static void end(PhysicalSession session, String commitOrRollback) throws SQLException {
    try (Statement statement = session.connection().createStatement()) {
      statement.execute(commitOrRollback);
    }
  }

  private void end(Set<String> broken) {
    for (Map.Entry<String, PhysicalSession> entry : connections.entrySet()) {
      lender.giveBack(entry.getValue(), broken.contains(entry.getKey()));
    }
    connections.clear();
    savepoints.clear();
  }

  /**
   * Sets a savepoint on every data source pinned so far.
   *
   * @param name the savepoint's name, or null for an unnamed one
   */
  public synchronized TransactionSavepoint setSavepoint(String name) throws SQLException {
    int id = ++savepointIds;
    String serverName = name != null ? name : "shard_jdbc_savepoint_" + id;
    for (PhysicalSession session : connections.values()) {
      execute(session, "SAVEPOINT " + quote(serverName));
    }
    TransactionSavepoint existing = find(serverName);
    if (existing != null) {
      savepoints.remove(existing);
    }
    TransactionSavepoint savepoint = new TransactionSavepoint(this, id, name, serverName, connections.keySet());
    savepoints.add(savepoint);
    return savepoint;
  }

  /**
   * The live savepoint of that name, as {@code ROLLBACK TO s} and {@code RELEASE SAVEPOINT s} name it.
   *
   * @throws SQLException as MySQL's ER_SP_DOES_NOT_EXIST when there is none
   */
  public synchronized TransactionSavepoint savepoint(String name) throws SQLException {
    TransactionSavepoint savepoint = find(name);
    if (savepoint == null) {
      throw doesNotExist(name);
    }
    return savepoint;
  }

  private TransactionSavepoint find(String serverName) {
    for (TransactionSavepoint savepoint : savepoints) {
      if (savepoint.serverName().equalsIgnoreCase(serverName)) {
        return savepoint;
      }
    }
    return null;
  }

  /**
   * Undoes what the transaction did after the savepoint: rolls back to it on the data sources pinned when it was set
   * and rolls back entirely those pinned later. The savepoint stays; later ones are removed.
   */
  public synchronized void rollbackTo(TransactionSavepoint savepoint) throws SQLException {
    int index = indexOf(savepoint);
    for (PhysicalSession session : connections.values()) {
      if (savepoint.dataSources().contains(session.dataSource())) {
        execute(session, "ROLLBACK TO SAVEPOINT " + quote(savepoint.serverName()));
      } else if (branches != null) {
        // first used after the savepoint: all its work is to be undone, and its transaction goes on
        branches.restart(session);
      } else {
        execute(session, "ROLLBACK");
        execute(session, startTransaction());
      }
    }
    savepoints.subList(index + 1, savepoints.size()).clear();
  }

  /** Removes the savepoint and the later ones, on every data source that has them. */
  public synchronized void release(TransactionSavepoint savepoint) throws SQLException {
    int index = indexOf(savepoint);
    for (PhysicalSession session : connections.values()) {
      if (savepoint.dataSources().contains(session.dataSource())) {
        execute(session, "RELEASE SAVEPOINT " + quote(savepoint.serverName()));
      }
    }
    savepoints.subList(index, savepoints.size()).clear();
  }

  private int indexOf(TransactionSavepoint savepoint) throws SQLException {
    int index = savepoints.indexOf(savepoint);
    if (index < 0) {
      throw doesNotExist(savepoint.serverName());
    }
    return index;
  }

  private static SQLException doesNotExist(String name) {
    return new SQLException("SAVEPOINT " + name + " does not exist", "42000", 1305);
  }

  private static void execute(PhysicalSession session, String sql) throws SQLException {
    try (Statement statement = session.connection().createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(session.dataSource() + ": " + sql + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
