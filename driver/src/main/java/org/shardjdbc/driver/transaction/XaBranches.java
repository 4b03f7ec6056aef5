package org.shardjdbc.driver.transaction;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.execute.PhysicalSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XA branches of one transaction, {@code transaction.type: xa}: one per data source it touched, all under one
 * global id.
 *
 * <p>Commit: one branch commits in one phase ({@code XA COMMIT … ONE PHASE}), with nothing logged. Several are each
 * ended and prepared; if one fails to prepare, all roll back. Then the decision is written to the {@link XaLog}
 * (the commit point), and every branch commits. A branch that fails to commit after the decision stays prepared on
 * its server and the coordinator's recovery commits it; the transaction counts as committed. When the decision
 * cannot be written, the branches roll back; when it is unknown whether it was written (the log's server failed
 * before answering), they stay prepared, recovery settles them by the log, and the commit fails with SQLState
 * {@code 08007} (transaction resolution unknown).
 */
final class XaBranches {
  private static final Logger LOG = LoggerFactory.getLogger(XaBranches.class);

  private final XaCoordinator coordinator;
  private final String instance;
  private final String gtrid;

  XaBranches(XaCoordinator coordinator, String instance, String gtrid) {
    this.coordinator = coordinator;
    this.instance = instance;
    this.gtrid = gtrid;
  }

  /** The global id. */
  String gtrid() {
    return gtrid;
  }

  private XaId id(String dataSource) {
    return XaId.of(gtrid, dataSource);
  }

  /** Starts the branch of a data source on its connection. */
  void start(PhysicalSession session) throws SQLException {
    if (!session.connection().getAutoCommit()) {
      session.connection().setAutoCommit(true);
    }
    execute(session, "XA START " + id(session.dataSource()).sql());
  }

  /** Undoes everything the branch did and starts it again (a savepoint set before the data source was touched). */
  void restart(PhysicalSession session) throws SQLException {
    String xid = id(session.dataSource()).sql();
    execute(session, "XA END " + xid);
    execute(session, "XA ROLLBACK " + xid);
    execute(session, "XA START " + xid);
  }

  /**
   * Commits every branch.
   *
   * @param connections the branches' connections, by data source, in the order they were touched
   * @param broken filled with the data sources whose connections must be closed rather than given back
   */
  void commit(Map<String, PhysicalSession> connections, Set<String> broken) throws SQLException {
    if (connections.isEmpty()) {
      return;
    }
    if (connections.size() == 1) {
      PhysicalSession session = connections.values().iterator().next();
      String xid = id(session.dataSource()).sql();
      try {
        execute(session, "XA END " + xid);
        execute(session, "XA COMMIT " + xid + " ONE PHASE");
      } catch (SQLException e) {
        broken.add(session.dataSource());
        throw new SQLException("commit failed on data source " + session.dataSource() + ": " + e.getMessage()
            + "; not committed", e.getSQLState(), e.getErrorCode(), e);
      }
      return;
    }
    prepareAll(connections, broken);
    XaLog.Decision decision;
    try {
      decision = coordinator.log().decideCommit(instance, gtrid, String.join(",", connections.keySet()));
    } catch (SQLException e) {
      broken.addAll(connections.keySet());
      coordinator.abandon(gtrid);
      throw new SQLException("commit of XA transaction " + gtrid + " is in doubt: " + e.getMessage() + "; its branches on "
          + connections.keySet() + " are prepared and recovery commits or rolls them back by the log", "08007",
          e.getErrorCode(), e);
    }
    if (decision == XaLog.Decision.ROLLBACK) {
      rollbackPrepared(connections, broken);
      throw new SQLException("XA transaction " + gtrid + " rolled back on " + connections.keySet() + ": this process's "
          + "lease on the transaction log (data source " + coordinator.log().dataSource() + ") expired and its "
          + "transactions were taken over", "40000");
    }
    List<String> pending = new ArrayList<>();
    for (PhysicalSession session : connections.values()) {
      try {
        execute(session, "XA COMMIT " + id(session.dataSource()).sql());
      } catch (SQLException e) {
        broken.add(session.dataSource());
        pending.add(session.dataSource());
        LOG.warn("XA transaction {} is committed, but its branch on data source {} failed to commit ({}); it stays "
            + "prepared there until recovery commits it", gtrid, session.dataSource(), e.getMessage());
      }
    }
    if (pending.isEmpty()) {
      try {
        coordinator.log().forget(gtrid);
      } catch (SQLException e) {
        coordinator.abandon(gtrid);
      }
    } else {
      coordinator.abandon(gtrid);
    }
  }

  /** Ends and prepares every branch; on a failure rolls all back and throws, naming the data source. */
  private void prepareAll(Map<String, PhysicalSession> connections, Set<String> broken) throws SQLException {
    for (PhysicalSession session : connections.values()) {
      String xid = id(session.dataSource()).sql();
      try {
        execute(session, "XA END " + xid);
        execute(session, "XA PREPARE " + xid);
      } catch (SQLException e) {
        broken.add(session.dataSource());
        rollbackAll(connections, broken);
        throw new SQLException("commit failed: data source " + session.dataSource() + " could not prepare: "
            + e.getMessage() + "; rolled back on " + connections.keySet(), e.getSQLState(), e.getErrorCode(), e);
      }
    }
  }

  private void rollbackPrepared(Map<String, PhysicalSession> connections, Set<String> broken) {
    boolean left = false;
    for (PhysicalSession session : connections.values()) {
      try {
        execute(session, "XA ROLLBACK " + id(session.dataSource()).sql());
      } catch (SQLException e) {
        broken.add(session.dataSource());
        left = true;
      }
    }
    if (left) {
      coordinator.abandon(gtrid);
    }
  }

  /**
   * Rolls back every branch, whatever its state (active, ended or prepared): a branch whose rollback fails is left
   * to its server (which rolls back an unprepared branch when its connection closes) or to recovery.
   */
  void rollbackAll(Map<String, PhysicalSession> connections, Set<String> broken) {
    boolean left = false;
    for (PhysicalSession session : connections.values()) {
      String xid = id(session.dataSource()).sql();
      try {
        try {
          execute(session, "XA END " + xid);
        } catch (SQLException alreadyEnded) {
          // ended (or prepared) before: the rollback below says whether the branch is still there
        }
        execute(session, "XA ROLLBACK " + xid);
      } catch (SQLException e) {
        broken.add(session.dataSource());
        left = true;
      }
    }
    if (left) {
      coordinator.abandon(gtrid);
    }
  }

  private static void execute(PhysicalSession session, String sql) throws SQLException {
    try (Statement statement = session.connection().createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(session.dataSource() + ": " + sql + ": " + e.getMessage(), e.getSQLState(),
          e.getErrorCode(), e);
    }
  }
}
