package org.shardjdbc.driver.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedded MariaDB servers that really replicate, for read/write splitting tests: a primary writes a binary log, and
 * each of its replicas follows it by GTID ({@code CHANGE MASTER TO … MASTER_USE_GTID = slave_pos}), so what the
 * primary commits reaches the replicas some time later, as in production.
 *
 * <p>{@link #primary} starts a primary and {@link #replicaOf} a replica of it; both are servers of the test's own
 * (stopped by the JVM's shutdown hook, or by the test). Replication can be stopped and started per replica
 * ({@link #stopApplying}, {@link #startApplying}), and a test can wait until a replica has applied everything its
 * primary committed ({@link #awaitCaughtUp}).
 */
public final class ReplicatedServer {
  /** The servers' memory is kept small: tests start several at once on small machines. */
  private static final List<String> SMALL = List.of("--innodb-buffer-pool-size=32M", "--skip-name-resolve");

  private final TestServer server;
  private final int serverId;
  private final ReplicatedServer primary;

  private ReplicatedServer(TestServer server, int serverId, ReplicatedServer primary) {
    this.server = server;
    this.serverId = serverId;
    this.primary = primary;
  }

  /**
   * Starts a primary: a binary log, its own server id and GTID domain.
   *
   * @param serverId the server id, also the GTID domain id
   */
  public static ReplicatedServer primary(int serverId) {
    List<String> arguments = new ArrayList<>(SMALL);
    arguments.addAll(List.of("--log-bin=primary-bin", "--server-id=" + serverId, "--gtid-domain-id=" + serverId,
        "--binlog-format=ROW"));
    return new ReplicatedServer(TestServers.startEmbedded(arguments), serverId, null);
  }

  /**
   * Starts a replica of a primary and has it follow the primary from the start of its binary log.
   *
   * @param serverId the replica's server id
   */
  public static ReplicatedServer replicaOf(ReplicatedServer primary, int serverId) throws SQLException {
    List<String> arguments = new ArrayList<>(SMALL);
    arguments.addAll(List.of("--server-id=" + serverId, "--relay-log=replica-relay-bin"));
    ReplicatedServer replica = new ReplicatedServer(TestServers.startEmbedded(arguments), serverId, primary);
    replica.execute("CHANGE MASTER TO MASTER_HOST = '" + primary.server.host() + "', MASTER_PORT = "
        + primary.server.port() + ", MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = slave_pos, MASTER_SSL = 0, "
        + "MASTER_CONNECT_RETRY = 1");
    replica.execute("START SLAVE");
    replica.awaitCaughtUp();
    return replica;
  }

  public TestServer server() {
    return server;
  }

  /** The server's {@code @@server_id}: a row that selects it tells which server answered. */
  public int serverId() {
    return serverId;
  }

  /** Runs a statement on the server directly (not through the driver). */
  public void execute(String sql) throws SQLException {
    try (Connection connection = server.connect(""); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Stops applying what the primary sends ({@code STOP SLAVE SQL_THREAD}): the replica falls behind. */
  public void stopApplying() throws SQLException {
    execute("STOP SLAVE SQL_THREAD");
  }

  /** Applies again what the primary sent ({@code START SLAVE SQL_THREAD}). */
  public void startApplying() throws SQLException {
    execute("START SLAVE SQL_THREAD");
  }

  /** Waits until this replica has applied everything its primary has committed so far (at most 60 s). */
  public void awaitCaughtUp() throws SQLException {
    if (primary == null) {
      throw new IllegalStateException("server " + serverId + " is a primary");
    }
    String position;
    try (Connection connection = primary.server.connect("");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
      row.next();
      position = row.getString(1);
    }
    try (Connection connection = server.connect("");
        PreparedStatement wait = connection.prepareStatement("SELECT MASTER_GTID_WAIT(?, 60)")) {
      wait.setString(1, position);
      try (ResultSet row = wait.executeQuery()) {
        row.next();
        if (row.getInt(1) != 0) {
          throw new IllegalStateException("replica " + serverId + " did not reach " + position + " within 60 s: "
              + replicationState(connection));
        }
      }
    }
  }

  /** What SHOW SLAVE STATUS says of the threads and their last errors. */
  private static String replicationState(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW SLAVE STATUS")) {
      if (!row.next()) {
        return "no replication configured";
      }
      return "IO " + row.getString("Slave_IO_Running") + " (" + row.getString("Last_IO_Error") + "), SQL "
          + row.getString("Slave_SQL_Running") + " (" + row.getString("Last_SQL_Error") + "), at "
          + row.getString("Gtid_IO_Pos");
    }
  }

  @Override
  public String toString() {
    return (primary == null ? "primary " : "replica ") + serverId + " (" + server + ")";
  }
}
