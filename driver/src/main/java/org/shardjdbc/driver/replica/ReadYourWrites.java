package org.shardjdbc.driver.replica;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The writes of one logical connection that its reads must see, per data source: the last one's GTID position (read
 * on the primary's connection right after it) and when it returned. A replica may serve the connection's reads of
 * that data source only once it has applied them:
 *
 * <ol>
 *   <li>its last probe showed a heartbeat sent after the write returned (binary logs apply in commit order), or
 *   <li>its last probe showed a GTID position that covers the write's (MariaDB, compared here), or
 *   <li>asked directly ({@code MASTER_GTID_WAIT(position, 0)}, {@code GTID_SUBSET}), it said it has; it is then
 *       remembered, and one that said it has not is not asked again before its next probe.
 * </ol>
 *
 * <p>Without a position (the write failed mid-way, or its position could not be read) only the heartbeat tells.
 * Thread-safe.
 */
public final class ReadYourWrites {
  private final Map<String, Mark> marks = new HashMap<>();

  /** A data source's writes not yet known to be everywhere. */
  static final class Mark {
    private final String position;
    private final long writtenAt;
    private final Map<Replica, Boolean> confirmed = new IdentityHashMap<>();
    private final Map<Replica, Long> refutedAt = new IdentityHashMap<>();

    Mark(String position, long writtenAt) {
      this.position = position;
      this.writtenAt = writtenAt;
    }

    /** The GTID position to wait for, or null when only the heartbeat can tell. */
    String position() {
      return position;
    }

    /** Whether the replica is known to have applied the writes, without asking it. */
    synchronized boolean knownApplied(Replica replica, ServerFlavour flavour) {
      Replica.Probe probe = replica.probe();
      if (probe == null) {
        return false;
      }
      if (probe.appliedHeartbeatSentAt() != Long.MIN_VALUE && probe.appliedHeartbeatSentAt() - writtenAt > 0) {
        return true;
      }
      if (position != null && flavour != null && Boolean.TRUE.equals(flavour.covers(probe.appliedPosition(), position))) {
        return true;
      }
      return confirmed.containsKey(replica);
    }

    /** Whether asking the replica is worth a round trip: there is a position, and it did not say no since its probe. */
    synchronized boolean worthAsking(Replica replica) {
      if (position == null) {
        return false;
      }
      Long refuted = refutedAt.get(replica);
      Replica.Probe probe = replica.probe();
      return refuted == null || (probe != null && probe.at() - refuted > 0);
    }

    synchronized void answered(Replica replica, boolean applied) {
      if (applied) {
        confirmed.put(replica, Boolean.TRUE);
      } else {
        refutedAt.put(replica, System.nanoTime());
      }
    }
  }

  /**
   * Notes a write to a data source's primary.
   *
   * @param dataSource where it went
   * @param position its GTID position, or null when unknown
   * @param flavour how positions of that primary merge
   * @param returnedAt when it returned ({@link System#nanoTime()})
   */
  public synchronized void wrote(String dataSource, String position, ServerFlavour flavour, long returnedAt) {
    Mark previous = marks.get(dataSource);
    if (previous != null && previous.position() != null && position != null
        && Boolean.TRUE.equals(flavour.covers(previous.position(), position))) {
      return; // no transaction beyond those already noted: what replicas confirmed still holds
    }
    String merged = position;
    if (previous != null && previous.position() != null && position != null) {
      merged = flavour.merge(previous.position(), position);
    } else if (previous != null) {
      merged = null;
    }
    marks.put(dataSource, new Mark(merged, returnedAt));
  }

  /** The writes to a data source its reads must wait for, or null. */
  synchronized Mark pending(String dataSource) {
    return marks.get(dataSource);
  }
}
