package org.shardjdbc.driver.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The heartbeat of one primary: a row of this driver's own in the heartbeat table ({@code writer} = a random id per
 * runtime), whose {@code sequence} the monitor raises every interval, and the times at which each recent sequence
 * was sent and committed, by this JVM's clock ({@link System#nanoTime()}).
 *
 * <p>A replica that shows sequence {@code s} has applied heartbeat {@code s} but not {@code s + 1}; so it lags at
 * least from the moment {@code s + 1} committed on the primary until now: that lower bound is its lag, exact to
 * within one interval. Both ends are read by this JVM's clock, so the servers' clocks never enter the measure. When
 * the replica shows the last committed sequence, its lag is 0.
 *
 * <p>Binary logs apply in commit order, so a replica that has applied a heartbeat sent after a write returned has
 * applied that write too: {@link #sentAt} lets read-your-writes use the heartbeat as a position when there is no
 * GTID to wait for.
 *
 * <p>Thread-safe: one writer (the monitor's heartbeat task) and many readers (its probes).
 */
final class Heartbeat {
  /** Recent sequences kept: at the default interval of 500 ms, about eight minutes. */
  static final int HISTORY = 1024;

  private final String table;
  private final String writer = UUID.randomUUID().toString();
  private final long[] sentAt = new long[HISTORY];
  private final long[] committedAt = new long[HISTORY];
  private long lastSent;
  private long lastCommitted;

  /** @param table the heartbeat table, checked by the configuration ({@code name} or {@code database.name}) */
  Heartbeat(String table) {
    this.table = table;
  }

  String table() {
    return table;
  }

  /** The statement that creates the table when {@code heartbeat.createTable} is true. */
  String createTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (writer VARCHAR(64) NOT NULL PRIMARY KEY, "
        + "sequence BIGINT NOT NULL, written_at DATETIME(6) NOT NULL) ENGINE=InnoDB";
  }

  /** Removes the rows of runtimes that stopped writing a day ago or more. */
  void deleteAbandonedRows(Connection primary) throws SQLException {
    try (Statement statement = primary.createStatement()) {
      statement.executeUpdate("DELETE FROM " + table + " WHERE written_at < NOW(6) - INTERVAL 1 DAY");
    }
  }

  /** Writes the next sequence on the primary (autocommit), noting when it was sent and when it committed. */
  void write(Connection primary) throws SQLException {
    try (PreparedStatement statement = primary.prepareStatement(
        "REPLACE INTO " + table + " (writer, sequence, written_at) VALUES (?, ?, NOW(6))")) {
      long sequence = sending(System.nanoTime());
      statement.setString(1, writer);
      statement.setLong(2, sequence);
      statement.executeUpdate();
      committed(sequence, System.nanoTime());
    }
  }

  /** Notes that the next sequence is being sent at {@code at}, and returns it. */
  synchronized long sending(long at) {
    long sequence = lastSent + 1;
    sentAt[slot(sequence)] = at;
    committedAt[slot(sequence)] = 0;
    lastSent = sequence;
    return sequence;
  }

  /** Notes that a sequence committed at {@code at}. */
  synchronized void committed(long sequence, long at) {
    committedAt[slot(sequence)] = at;
    lastCommitted = sequence;
  }

  /** The statement a probe runs on a replica: the sequence it has applied (NULL before the first) and its position. */
  String probeSql(ServerFlavour flavour) {
    return "SELECT (SELECT sequence FROM " + table + " WHERE writer = ?), " + flavour.appliedPositionExpression();
  }

  /** The parameter of {@link #probeSql}. */
  String writer() {
    return writer;
  }

  /**
   * How far behind a replica is that showed {@code seen} at {@code readAt}.
   *
   * @param seen the sequence the replica showed, 0 when it has no row of this writer yet
   * @param readAt when its answer arrived ({@link System#nanoTime()})
   * @return milliseconds since the first sequence it has not applied committed on the primary; 0 when it has applied
   *     every committed one
   */
  synchronized long lagMillis(long seen, long readAt) {
    // a heartbeat whose write failed never committed: the next one that did tells the lower bound
    for (long sequence = Math.max(seen + 1, lastSent - HISTORY + 1); sequence <= lastCommitted; sequence++) {
      long committed = committedAt[slot(sequence)];
      if (committed != 0) {
        return Math.max(0, (readAt - committed) / 1_000_000);
      }
    }
    return 0;
  }

  /**
   * When the sequence a replica showed was sent, so that every write that returned before then has reached that
   * replica too; {@link Long#MIN_VALUE} when unknown (no sequence, or one older than the history).
   */
  synchronized long sentAt(long seen) {
    if (seen < 1 || seen > lastSent || seen <= lastSent - HISTORY) {
      return Long.MIN_VALUE;
    }
    return sentAt[slot(seen)];
  }

  private static int slot(long sequence) {
    return (int) Math.floorMod(sequence, (long) HISTORY);
  }
}
