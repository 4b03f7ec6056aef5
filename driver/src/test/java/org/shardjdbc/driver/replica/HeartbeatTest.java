package org.shardjdbc.driver.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The lag a replica's heartbeat gives, by this JVM's clock (times here in milliseconds, as nanoseconds). */
class HeartbeatTest {
  private static final long MS = 1_000_000;

  private static Heartbeat sentAndCommitted(long... commitMillis) {
    Heartbeat heartbeat = new Heartbeat("shard_heartbeat");
    for (long commit : commitMillis) {
      long sequence = heartbeat.sending((commit - 1) * MS);
      heartbeat.committed(sequence, commit * MS);
    }
    return heartbeat;
  }

  @Test
  void lag_replicaShowsTheLastCommittedSequence_isZero() {
    assertEquals(0, sentAndCommitted(100, 200, 300).lagMillis(3, 5_000 * MS));
  }

  @Test
  void lag_isMeasuredFromTheCommitOfTheFirstSequenceTheReplicaLacks() {
    Heartbeat heartbeat = sentAndCommitted(100, 200, 300);
    assertEquals(450, heartbeat.lagMillis(1, 650 * MS));
    assertEquals(550, heartbeat.lagMillis(0, 650 * MS));
    assertEquals(350, heartbeat.lagMillis(2, 650 * MS));
  }

  @Test
  void lag_aHeartbeatThatFailed_isSkipped() {
    Heartbeat heartbeat = sentAndCommitted(100);
    heartbeat.sending(199 * MS); // sequence 2: its write failed, it never committed
    long third = heartbeat.sending(299 * MS);
    heartbeat.committed(third, 300 * MS);
    assertEquals(200, heartbeat.lagMillis(1, 500 * MS));
  }

  @Test
  void lag_aSequenceSentButNotYetCommitted_countsNothing() {
    Heartbeat heartbeat = sentAndCommitted(100);
    heartbeat.sending(199 * MS);
    assertEquals(0, heartbeat.lagMillis(1, 900 * MS));
  }

  @Test
  void lag_replicaOlderThanTheHistory_isAtLeastTheOldestKept() {
    Heartbeat heartbeat = new Heartbeat("shard_heartbeat");
    for (int i = 1; i <= Heartbeat.HISTORY + 10; i++) {
      heartbeat.committed(heartbeat.sending(i * MS), i * MS + MS / 2);
    }
    // sequence 1 .. 10 have left the history; the oldest kept, 11, committed at 11.5 ms
    assertEquals(Heartbeat.HISTORY + 100 - 11, heartbeat.lagMillis(0, (Heartbeat.HISTORY + 100) * MS + MS / 2));
  }

  @Test
  void sentAt_ofAnAppliedSequence_andUnknownOnes() {
    Heartbeat heartbeat = sentAndCommitted(100, 200);
    assertEquals(199 * MS, heartbeat.sentAt(2));
    assertEquals(Long.MIN_VALUE, heartbeat.sentAt(0));
    assertEquals(Long.MIN_VALUE, heartbeat.sentAt(3));
  }

  @Test
  void sql_namesTheTableAndTheFlavoursPosition() {
    Heartbeat heartbeat = new Heartbeat("ops.hb");
    assertEquals("SELECT (SELECT sequence FROM ops.hb WHERE writer = ?), @@gtid_slave_pos",
        heartbeat.probeSql(ServerFlavour.MARIADB));
    assertEquals("SELECT (SELECT sequence FROM ops.hb WHERE writer = ?), @@GLOBAL.gtid_executed",
        heartbeat.probeSql(ServerFlavour.MYSQL));
    assertEquals("CREATE TABLE IF NOT EXISTS ops.hb (writer VARCHAR(64) NOT NULL PRIMARY KEY, sequence BIGINT NOT NULL, "
        + "written_at DATETIME(6) NOT NULL) ENGINE=InnoDB", heartbeat.createTableSql());
  }
}
