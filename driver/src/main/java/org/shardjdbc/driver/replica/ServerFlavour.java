package org.shardjdbc.driver.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * How a server says how far replication has come, as GTID positions: MariaDB's and MySQL's differ in syntax and in
 * the functions that compare them.
 *
 * <ul>
 *   <li>MariaDB: a position is a list of GTIDs {@code domain-server-sequence}, one per replication domain. After a
 *       write, {@code @@last_gtid} is the GTID of the connection's last transaction; a replica has applied a position
 *       when its {@code @@gtid_slave_pos} has, in each of the position's domains, a sequence number at least as high
 *       (compared here, and on the replica with {@code MASTER_GTID_WAIT(position, 0)}).
 *   <li>MySQL: a position is a GTID set ({@code uuid:1-5:7,uuid2:1-3}). After a write, the primary's
 *       {@code @@GLOBAL.gtid_executed} contains it (and everything committed before); a replica has applied it when
 *       {@code GTID_SUBSET(position, @@GLOBAL.gtid_executed)} is 1 there. Sets are compared only by the server.
 * </ul>
 */
public enum ServerFlavour {
  MARIADB("SELECT @@last_gtid", "@@gtid_slave_pos", "SELECT MASTER_GTID_WAIT(?, 0) = 0"),
  MYSQL("SELECT @@GLOBAL.gtid_executed", "@@GLOBAL.gtid_executed", "SELECT GTID_SUBSET(?, @@GLOBAL.gtid_executed) = 1");

  private final String positionAfterWrite;
  private final String appliedPosition;
  private final String appliedCheck;

  ServerFlavour(String positionAfterWrite, String appliedPosition, String appliedCheck) {
    this.positionAfterWrite = positionAfterWrite;
    this.appliedPosition = appliedPosition;
    this.appliedCheck = appliedCheck;
  }

  /** The flavour of the server a connection is to, from the version it announced (no round trip). */
  public static ServerFlavour of(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductVersion().contains("MariaDB") ? MARIADB : MYSQL;
  }

  /** The SQL expression of what a replica has applied: read with every lag probe. */
  String appliedPositionExpression() {
    return appliedPosition;
  }

  /**
   * The position of the last write made through a primary's connection, read on that connection right after it; an
   * empty string when the connection has written nothing (MariaDB).
   */
  String positionAfterWrite(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(positionAfterWrite)) {
      String position = row.next() ? row.getString(1) : null;
      return position == null ? "" : position.trim();
    }
  }

  /** Whether the replica a connection is to has applied a position, asked of the replica itself. */
  boolean hasApplied(Connection replica, String position) throws SQLException {
    try (PreparedStatement statement = replica.prepareStatement(appliedCheck)) {
      statement.setString(1, position);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  /**
   * Whether an applied position (what a replica reported) covers a position written on the primary, when this can be
   * told without the server: true or false for MariaDB, null (ask the replica) for MySQL.
   */
  Boolean covers(String applied, String position) {
    if (this == MYSQL) {
      return null;
    }
    Map<Long, Long> reached = mariaDbSequences(applied);
    for (Map.Entry<Long, Long> wanted : mariaDbSequences(position).entrySet()) {
      Long sequence = reached.get(wanted.getKey());
      if (sequence == null || sequence < wanted.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * One position that is applied only when both are: MariaDB's highest sequence per domain; for MySQL the later of
   * the two, whose {@code gtid_executed} contains the earlier one's.
   *
   * @param earlier a position read before {@code later}
   */
  String merge(String earlier, String later) {
    if (this == MYSQL || earlier.isEmpty()) {
      return later;
    }
    Map<Long, String> gtids = new HashMap<>();
    Map<Long, Long> sequences = new HashMap<>();
    for (String position : new String[] {earlier, later}) {
      for (String gtid : position.split(",")) {
        long[] parts = mariaDbGtid(gtid);
        if (parts != null && parts[2] >= sequences.getOrDefault(parts[0], -1L)) {
          sequences.put(parts[0], parts[2]);
          gtids.put(parts[0], gtid.trim());
        }
      }
    }
    return String.join(",", gtids.values());
  }

  /** Domain to sequence number of a MariaDB GTID list ({@code 0-1-42,1-2-7}); malformed entries are skipped. */
  private static Map<Long, Long> mariaDbSequences(String position) {
    Map<Long, Long> sequences = new HashMap<>();
    if (position == null) {
      return sequences;
    }
    for (String gtid : position.split(",")) {
      long[] parts = mariaDbGtid(gtid);
      if (parts != null) {
        sequences.merge(parts[0], parts[2], Math::max);
      }
    }
    return sequences;
  }

  private static long[] mariaDbGtid(String gtid) {
    String[] parts = gtid.trim().split("-");
    if (parts.length != 3) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
