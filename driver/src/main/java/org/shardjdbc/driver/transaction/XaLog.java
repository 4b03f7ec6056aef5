package org.shardjdbc.driver.transaction;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.execute.DataSourcePool;

/**
 * The durable XA transaction log: three InnoDB tables on the default data source.
 *
 * <ul>
 *   <li>{@code shard_jdbc_xa_log_id}: one row, the log's id, 16 random hex digits chosen by the first process that
 *       uses the log. Every global id carries it ({@link XaId}): {@code XA RECOVER} lists every prepared branch on a
 *       server, also those of other applications (or other logical databases) that use this driver with a log of
 *       their own, and recovery finishes only the branches of its own log.
 *   <li>{@code shard_jdbc_xa_lease}: one row per application process that runs XA transactions, renewed while it
 *       lives (times are the server's, so the processes' clocks do not matter). A row not renewed within the lease is
 *       deleted by whichever process notices it first; a process whose row is gone can decide nothing more.
 *   <li>{@code shard_jdbc_xa_log}: one row per global transaction whose outcome was decided: COMMIT, written by its
 *       process after every branch is prepared and only while that process's lease holds (the commit point), or
 *       ROLLBACK, written by recovery for a prepared transaction of a process that is gone. The global id is the
 *       primary key, so whichever is written first is the outcome. A prepared branch without a row is rolled back
 *       (presumed abort). A row is deleted once no branch of its transaction is left prepared.
 * </ul>
 *
 * <p>Why a table on the default data source and not a local file: a file dies with the machine, and another process
 * (on another machine) that takes a dead one's transactions over could not read it; the database is durable already
 * (InnoDB commits are flushed), shared by every process of the application, and its row locks make the lease check
 * and the decision one atomic step.
 */
final class XaLog {
  static final String LEASE_TABLE = "shard_jdbc_xa_lease";
  static final String LOG_TABLE = "shard_jdbc_xa_log";
  static final String ID_TABLE = "shard_jdbc_xa_log_id";

  /** The outcome of writing a commit decision. */
  enum Decision {
    /** The commit is recorded: every branch must commit. */
    COMMIT,
    /** The commit could not be recorded (the lease is lost, or recovery decided ROLLBACK first). */
    ROLLBACK
  }

  private final DataSourcePool pool;
  private final long leaseMicros;
  private volatile boolean created;
  private volatile String id;

  XaLog(DataSourcePool pool, long leaseMs) {
    this.pool = pool;
    this.leaseMicros = leaseMs * 1000;
  }

  /** The data source holding the log. */
  String dataSource() {
    return pool.name();
  }

  private Connection open(DataSourcePool.Lease lease) throws SQLException {
    Connection connection = lease.connection();
    if (!connection.getAutoCommit()) {
      connection.setAutoCommit(true);
    }
    if (!created) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + LEASE_TABLE + " (instance_id VARCHAR(32) NOT NULL PRIMARY KEY,"
            + " owner VARCHAR(255) NOT NULL, renewed_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        statement.execute("CREATE TABLE IF NOT EXISTS " + LOG_TABLE + " (gtrid VARBINARY(64) NOT NULL PRIMARY KEY,"
            + " instance_id VARCHAR(32) NOT NULL, decision VARCHAR(8) NOT NULL, participants TEXT NOT NULL,"
            + " decided_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        statement.execute("CREATE TABLE IF NOT EXISTS " + ID_TABLE + " (one TINYINT NOT NULL PRIMARY KEY,"
            + " log_id CHAR(16) NOT NULL) ENGINE=InnoDB");
      }
      created = true;
    }
    return connection;
  }

  private SQLException named(String what, SQLException e) {
    return new SQLException("XA transaction log on data source " + pool.name() + ": " + what + ": " + e.getMessage(),
        e.getSQLState(), e.getErrorCode(), e);
  }

  /** The log's id, chosen at random by the first process that asks (whichever inserts first wins). */
  String id() throws SQLException {
    String known = id;
    if (known != null) {
      return known;
    }
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    try (DataSourcePool.Lease lease = pool.acquire()) {
      Connection connection = open(lease);
      try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO " + ID_TABLE
          + " (one, log_id) VALUES (1, ?)")) {
        insert.setString(1, HexFormat.of().formatHex(random));
        insert.executeUpdate();
      }
      try (Statement select = connection.createStatement();
          ResultSet rows = select.executeQuery("SELECT log_id FROM " + ID_TABLE + " WHERE one = 1")) {
        if (!rows.next()) {
          throw new SQLException("the row of " + ID_TABLE + " vanished", "HY000");
        }
        known = rows.getString(1);
      }
    } catch (SQLException e) {
      throw named("cannot read the log's id", e);
    }
    id = known;
    return known;
  }

  /** Starts a process's lease. */
  void register(String instance, String owner) throws SQLException {
    try (DataSourcePool.Lease lease = pool.acquire();
        PreparedStatement insert = open(lease).prepareStatement("INSERT INTO " + LEASE_TABLE
            + " (instance_id, owner, renewed_at) VALUES (?, ?, NOW(6))")) {
      insert.setString(1, instance);
      insert.setString(2, owner.length() > 255 ? owner.substring(0, 255) : owner);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw named("cannot start the lease", e);
    }
  }

  /** Renews a process's lease; false when it is gone (expired and taken over). */
  boolean renew(String instance) throws SQLException {
    try (DataSourcePool.Lease lease = pool.acquire();
        PreparedStatement update = open(lease).prepareStatement("UPDATE " + LEASE_TABLE
            + " SET renewed_at = NOW(6) WHERE instance_id = ?")) {
      update.setString(1, instance);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw named("cannot renew the lease", e);
    }
  }

  /**
   * Records that a transaction commits, if its process's lease still holds: the lease row is locked, so a process
   * taking it over waits, and then finds the decision.
   *
   * @throws SQLException when the outcome is unknown (the log's server failed before answering)
   */
  Decision decideCommit(String instance, String gtrid, String participants) throws SQLException {
    try (DataSourcePool.Lease lease = pool.acquire()) {
      Connection connection = open(lease);
      boolean done = false;
      connection.setAutoCommit(false);
      try {
        Decision decision = Decision.ROLLBACK;
        try (PreparedStatement check = connection.prepareStatement("SELECT 1 FROM " + LEASE_TABLE
            + " WHERE instance_id = ? AND renewed_at > NOW(6) - INTERVAL ? MICROSECOND FOR UPDATE")) {
          check.setString(1, instance);
          check.setLong(2, leaseMicros);
          try (ResultSet rows = check.executeQuery()) {
            if (rows.next()) {
              decision = Decision.COMMIT;
            }
          }
        }
        if (decision == Decision.COMMIT) {
          try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO " + LOG_TABLE
              + " (gtrid, instance_id, decision, participants, decided_at) VALUES (?, ?, 'COMMIT', ?, NOW(6))")) {
            insert.setBytes(1, gtrid.getBytes(StandardCharsets.UTF_8));
            insert.setString(2, instance);
            insert.setString(3, participants);
            if (insert.executeUpdate() != 1) {
              decision = Decision.ROLLBACK;
            }
          }
        }
        connection.commit();
        done = true;
        return decision;
      } finally {
        if (!done) {
          lease.discard();
        } else {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw named("cannot record the commit of " + gtrid, e);
    }
  }

  /**
   * The outcome of a transaction whose process is gone, or that its process gave up on: the recorded one, else
   * ROLLBACK, recorded now so that a late commit decision cannot follow.
   */
  Decision settle(String gtrid, String instance) throws SQLException {
    byte[] key = gtrid.getBytes(StandardCharsets.UTF_8);
    try (DataSourcePool.Lease lease = pool.acquire()) {
      Connection connection = open(lease);
      try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO " + LOG_TABLE
          + " (gtrid, instance_id, decision, participants, decided_at) VALUES (?, ?, 'ROLLBACK', '', NOW(6))")) {
        insert.setBytes(1, key);
        insert.setString(2, instance);
        insert.executeUpdate();
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT decision FROM " + LOG_TABLE
          + " WHERE gtrid = ?")) {
        select.setBytes(1, key);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            throw new SQLException("the decision row vanished", "HY000");
          }
          return Decision.valueOf(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw named("cannot settle " + gtrid, e);
    }
  }

  /** Deletes a transaction's decision once none of its branches is left prepared. */
  void forget(String gtrid) throws SQLException {
    try (DataSourcePool.Lease lease = pool.acquire();
        PreparedStatement delete = open(lease).prepareStatement("DELETE FROM " + LOG_TABLE + " WHERE gtrid = ?")) {
      delete.setBytes(1, gtrid.getBytes(StandardCharsets.UTF_8));
      delete.executeUpdate();
    } catch (SQLException e) {
      throw named("cannot delete the decision on " + gtrid, e);
    }
  }

  /** The processes whose leases held at a moment of the log server's clock. */
  record Leases(Set<String> live, Timestamp at) {}

  /**
   * Ends the leases not renewed in time, then returns the processes whose leases hold.
   */
  Leases liveInstances() throws SQLException {
    try (DataSourcePool.Lease lease = pool.acquire()) {
      Connection connection = open(lease);
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + LEASE_TABLE
          + " WHERE renewed_at <= NOW(6) - INTERVAL ? MICROSECOND")) {
        delete.setLong(1, leaseMicros);
        delete.executeUpdate();
      }
      Timestamp at;
      try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery("SELECT NOW(6)")) {
        rows.next();
        at = rows.getTimestamp(1);
      }
      Set<String> live = new HashSet<>();
      try (Statement select = connection.createStatement();
          ResultSet rows = select.executeQuery("SELECT instance_id FROM " + LEASE_TABLE)) {
        while (rows.next()) {
          live.add(rows.getString(1));
        }
      }
      return new Leases(live, at);
    } catch (SQLException e) {
      throw named("cannot read the leases", e);
    }
  }

  /** The decisions recorded before a moment: global id to the process that ran the transaction. */
  Map<String, String> decisionsBefore(Timestamp moment) throws SQLException {
    try (DataSourcePool.Lease lease = pool.acquire();
        PreparedStatement select = open(lease).prepareStatement("SELECT gtrid, instance_id FROM " + LOG_TABLE
            + " WHERE decided_at < ?")) {
      select.setTimestamp(1, moment);
      Map<String, String> decisions = new LinkedHashMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          decisions.put(new String(rows.getBytes(1), StandardCharsets.UTF_8), rows.getString(2));
        }
      }
      return decisions;
    } catch (SQLException e) {
      throw named("cannot read the decisions", e);
    }
  }
}
