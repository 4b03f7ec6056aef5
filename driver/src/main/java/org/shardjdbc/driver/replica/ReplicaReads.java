package org.shardjdbc.driver.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.DataSourcePool;

/**
 * The connections of one plain read outside a transaction ({@link org.shardjdbc.planner.analyze.StatementAccess#READ}):
 * for each data source, a replica that is available and has the logical connection's own writes, chosen by the load
 * balancer, or the primary when there is none. All the physical statements of the read on one data source use the same
 * replica, so that they see one state of it.
 *
 * <p>Nothing about replicas reaches the application as an error. A replica whose pool cannot give a connection is
 * taken out and another one (or the primary) is used. When the read itself fails with a lost connection on a replica
 * before any row was returned, {@link #retryAfter} takes that replica out, and the caller runs the read again: the
 * next attempt goes to another replica or to the primary.
 */
public final class ReplicaReads implements ConnectionSource {
  private static final Target PRIMARY = new Target(null);

  private final ReadWriteSplitting splitting;
  private final Borrower borrower;
  private final ReadYourWrites writes;
  private final List<Replica> excluded = new ArrayList<>();
  private final Map<String, Target> chosen = new HashMap<>();
  private Target firstDiscarded;

  /** How a read borrows physical connections with its logical session's settings applied. */
  public interface Borrower {
    /**
     * A connection to a data source's primary, as for any statement outside a transaction, but one whose release
     * notes no write.
     *
     * @param wait whether to wait for a connection (the first of a data source), or take one only if free now
     * @return the connection; null when {@code wait} is false and none is free
     */
    PhysicalConnection primary(String dataSource, boolean wait) throws SQLException;

    /**
     * A connection of a replica's pool.
     *
     * @param wait as for {@link #primary}
     * @return the connection; null when {@code wait} is false and none is free
     */
    PhysicalConnection replica(DataSourcePool pool, boolean wait) throws SQLException;
  }

  /** Where a read of one data source goes: a replica, or the primary (null). */
  private record Target(Replica replica) {}

  /**
   * @param splitting the runtime's splitting
   * @param borrower how the logical session borrows connections
   * @param writes the logical connection's writes its reads must see
   */
  public ReplicaReads(ReadWriteSplitting splitting, Borrower borrower, ReadYourWrites writes) {
    this.splitting = splitting;
    this.borrower = borrower;
    this.writes = writes;
  }

  @Override
  public boolean pinned() {
    return false;
  }

  @Override
  public synchronized PhysicalConnection first(String dataSource) throws SQLException {
    DataSourceGroup group = splitting.activeGroup(dataSource);
    if (group == null) {
      return primary(dataSource, true);
    }
    while (true) {
      ReadYourWrites.Mark pending = writes.pending(dataSource);
      ReadWriteSplitting.Choice choice = splitting.choose(group, pending, excluded, true);
      if (choice == null) {
        return primary(dataSource, true);
      }
      Replica replica = choice.replica();
      PhysicalConnection connection;
      try {
        connection = borrower.replica(replica.pool(), true);
      } catch (SQLException e) {
        exclude(replica, e);
        continue;
      }
      if (choice.ask()) {
        boolean applied;
        try {
          applied = replica.flavour().hasApplied(connection.connection(), pending.position());
        } catch (SQLException | RuntimeException e) {
          connection.discard();
          exclude(replica, e);
          continue;
        }
        pending.answered(replica, applied);
        if (!applied) {
          connection.release();
          return primary(dataSource, true);
        }
      }
      Target target = new Target(replica);
      chosen.put(dataSource, target);
      return new Tracked(connection, target);
    }
  }

  @Override
  public synchronized PhysicalConnection another(String dataSource) throws SQLException {
    Target target = chosen.get(dataSource);
    if (target == null || target.replica() == null) {
      return primary(dataSource, false);
    }
    try {
      PhysicalConnection connection = borrower.replica(target.replica().pool(), false);
      return connection == null ? null : new Tracked(connection, target);
    } catch (SQLException e) {
      return null; // fewer connections: the read runs on those it has
    }
  }

  private PhysicalConnection primary(String dataSource, boolean wait) throws SQLException {
    chosen.put(dataSource, PRIMARY);
    PhysicalConnection connection = borrower.primary(dataSource, wait);
    return connection == null ? null : new Tracked(connection, PRIMARY);
  }

  private void exclude(Replica replica, Exception cause) {
    replica.takeOut("a read could not use it: " + cause.getMessage());
    excluded.add(replica);
  }

  /**
   * Whether a read that failed may run again: it lost its connection to a replica (the first connection the attempt
   * gave up was a replica's, and the failure is a lost connection). The replica is then taken out, and the next
   * attempt chooses again without it.
   *
   * @param failure what the attempt threw; the caller has not returned any row of it
   */
  public synchronized boolean retryAfter(SQLException failure) {
    Target failed = firstDiscarded;
    firstDiscarded = null;
    chosen.clear();
    if (failed == null || failed.replica() == null || !lostConnection(failure)) {
      return false;
    }
    exclude(failed.replica(), failure);
    return true;
  }

  private synchronized void discarded(Target target) {
    if (firstDiscarded == null) {
      firstDiscarded = target;
    }
  }

  /** A connection-class failure (SQLState 08…) anywhere in the chain: the server or the network went away. */
  static boolean lostConnection(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLNonTransientConnectionException || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /** A borrowed connection that tells which server it was on when it is discarded. */
  private final class Tracked implements PhysicalConnection {
    private final PhysicalConnection connection;
    private final Target target;

    Tracked(PhysicalConnection connection, Target target) {
      this.connection = connection;
      this.target = target;
    }

    @Override
    public Connection connection() {
      return connection.connection();
    }

    @Override
    public String dataSource() {
      return connection.dataSource();
    }

    @Override
    public DataSourcePool.Lease lease() {
      return connection.lease();
    }

    @Override
    public void release() {
      connection.release();
    }

    @Override
    public void discard() {
      discarded(target);
      connection.discard();
    }

    @Override
    public boolean pinned() {
      return false;
    }
  }
}
